// The admin's and technician's journey, at 1400 x 900 and again at
// 1024 x 768: a mailbox added in the drawer, mail in its Dovecot mailbox
// becoming a ticket, replies from the mailbox's catalog page and the Group's
// page reaching the requester threaded, the requester's answer landing in the
// same ticket, and the Email Preference kept. After every page: no console
// errors and no table cell narrower than a word.
import type { ParsedMail } from 'mailparser';
import { openEmailsFromSidebar, signInAsGuest } from './__testUtils__/browser';
import { BedPortal, startBedPortal } from './__testUtils__/bedPortal';
import { guideScreenshot } from './__testUtils__/journeyChecks';
import {
  eventually,
  waitForTicket,
  waitUntilFetching,
} from './__testUtils__/journeyApi';
import {
  readInbox,
  relayedReply,
  referencesOf,
  requesterMail,
} from './__testUtils__/journeyMail';
import { journeySession, VIEWPORTS } from './__testUtils__/journeySession';
import { openCatalogResource } from './__testUtils__/pagePolling';
import { waitForEveryStagePassed } from './__testUtils__/serverSteps';

const STATIC_TOKEN = 'e2e-journeys-token-3b7d10';
const RELAY_LOGIN = 'support@localhost';
const mailboxOf = (width: number) => `desk${width}@localhost`;
const requesterOf = (width: number) => `requester${width}@localhost`;

jest.setTimeout(300_000);

let setup: BedPortal;

beforeAll(async () => {
  setup = await startBedPortal({
    token: STATIC_TOKEN,
    users: [
      RELAY_LOGIN,
      ...VIEWPORTS.flatMap(v => [mailboxOf(v.width), requesterOf(v.width)]),
    ].map(user => ({ user, password: `${user.split('@')[0]}-password` })),
  });
  // Replies leave through the bed's submission service, whose relay (the
  // bed's SMTP sink) stands in for the organisation's mail server.
  await setup.asScript('/servers/outgoing', {
    name: 'Bed relay',
    email: RELAY_LOGIN,
    protocol: 'smtp',
    host: '127.0.0.1',
    port: setup.bed.ports.submission,
    security: 'starttls',
    authNeeded: true,
    authType: 'basic',
    username: RELAY_LOGIN,
    password: setup.bed.passwordOf(RELAY_LOGIN),
  });
});

afterAll(async () => {
  await setup?.stop();
});

describe.each(VIEWPORTS)('at $width x $height', viewport => {
  const { width } = viewport;
  const mailbox = mailboxOf(width);
  const requester = requesterOf(width);
  const serverName = `Desk ${width}`;
  const subject = `VPN drops every hour (${width})`;
  const originalId = `<vpn-${width}-${Date.now()}@example.com>`;
  const session = journeySession(() => setup.browser, viewport, 'journey');
  const { steps, check, field } = session;
  let ticketId: string;
  let lastReply: ParsedMail;
  // Screenshots for the admin guide come from the wide run only.
  const shot = (name: string) =>
    width === 1400 ? guideScreenshot(session.page, name) : Promise.resolve();
  // Steps after the ticket need it: fail at once, not after their timeouts.
  const needTicket = () => {
    if (!ticketId) throw new Error('No ticket: an earlier step failed');
  };

  test(
    'the admin adds an IMAP mailbox in the drawer and Test Connection shows its stages',
    steps('add-mailbox', async () => {
      const { page } = session;
      const { bed, portal } = setup;
      await signInAsGuest(page, portal.appUrl);
      await openEmailsFromSidebar(page);
      await page.getByRole('tab', { name: 'Incoming Email Servers' }).waitFor();
      await check('Incoming Email Servers');
      await page
        .getByRole('button', { name: /Add Incoming Email Server/ })
        .click();
      await field('Name').fill(serverName);
      await field('Email').fill(mailbox);
      await field('Protocol').selectOption('imap');
      await field('Server').fill('127.0.0.1');
      // The port follows the security type.
      await field('Security Type').selectOption('ssl');
      expect(await field('Port').inputValue()).toBe('993');
      await field('Security Type').selectOption('starttls');
      expect(await field('Port').inputValue()).toBe('143');
      await field('Port').fill(String(bed.ports.imap));
      await field('Username').fill(mailbox);
      await field('Password').fill(bed.passwordOf(mailbox));
      await field('Technician Group').click();
      await page
        .getByRole('option', { name: 'IT Support (group:default/it-support)' })
        .click();
      await field('Outgoing Email Server').selectOption({
        label: `Bed relay <${RELAY_LOGIN}>`,
      });
      await page.getByLabel('Real Time Scanning').check();
      await shot('incoming-server-drawer');
      await page.getByRole('button', { name: 'Save' }).click();

      const card = page.getByRole('article', { name: serverName });
      await card.getByRole('button', { name: 'Test Connection' }).click();
      await waitForEveryStagePassed(page);
      await shot('test-connection');
      await page.getByRole('button', { name: 'Close' }).click();
      await shot('incoming-servers');
      await check('Incoming Email Servers with the new mailbox');
    }),
  );

  test(
    'a mail delivered into the mailbox appears on Requests',
    steps('mail-to-request', async () => {
      const { page } = session;
      const { asScript, bed, portal } = setup;
      const servers = await asScript('/servers/incoming');
      const id = servers.find((s: any) => s.name === serverName).id;
      await waitUntilFetching(asScript, id);
      const deliveredAt = Date.now();
      await bed.deliver(
        mailbox,
        requesterMail({
          from: `Vera <${requester}>`,
          to: mailbox,
          subject,
          messageId: originalId,
          text: 'The VPN client disconnects every hour on the hour.',
        }),
      );
      const ticket = await waitForTicket(asScript, id, subject);
      process.stdout.write(
        `[${width}] delivery into Dovecot -> ticket in the API: ${
          Date.now() - deliveredAt
        } ms\n`,
      );
      ticketId = ticket.id;
      expect(ticket.requester.email).toBe(requester);
      await page.goto(`${portal.appUrl}/requests`);
      await page.getByRole('cell', { name: subject }).first().waitFor();
      await shot('requests');
      await check('Requests');
    }),
  );

  test(
    "the technician replies from the mailbox's catalog page; the reply reaches the requester threaded",
    steps('reply-from-resource', async () => {
      const { page } = session;
      const { asScript, bed, portal } = setup;
      needTicket();
      await openCatalogResource(page, portal.appUrl, serverName);
      const card = page.getByRole('table').filter({ hasText: subject });
      await card.waitFor();
      await shot('catalog-resource');
      await check('the mailbox Resource page');

      const { reference } = await asScript(`/tickets/${ticketId}`);
      await card.getByRole('link', { name: reference }).click();
      await page.waitForURL(`**/requests/${ticketId}`);
      await page
        .getByLabel('Message', { exact: true })
        .fill('Please update the VPN client.');
      await page.getByRole('button', { name: 'Send' }).click();
      lastReply = await relayedReply(bed, requester, 'update the VPN client');
      expect(lastReply.inReplyTo).toBe(originalId);
      expect(referencesOf(lastReply)).toContain(originalId);
      // The page follows the queued reply until it is sent, with no reload.
      await page.getByText('Sent', { exact: true }).first().waitFor();
      await shot('ticket-page');
      await check('the ticket page after the reply');

      const inbox = await readInbox(bed, requester);
      const received = inbox.find(m => m.messageId === lastReply.messageId);
      expect(received?.inReplyTo).toBe(originalId);
      expect(received?.subject).toContain(subject);
    }),
  );

  test(
    "the technician replies from the Group's page; the requester's answer lands in the same ticket",
    steps('reply-from-group', async () => {
      const { page } = session;
      const { asScript, bed, portal } = setup;
      needTicket();
      await page.goto(
        `${portal.appUrl}/catalog/default/group/it-support/email-conversations`,
      );
      await page.getByRole('cell', { name: subject }).first().click();
      const selected = page.getByRole('region', { name: 'Selected request' });
      await selected
        .getByLabel('Message', { exact: true })
        .fill('Did the update help?');
      const sentAt = Date.now();
      await selected.getByRole('button', { name: 'Send' }).click();
      const second = await relayedReply(bed, requester, 'Did the update help');
      const relayedAt = Date.now();
      expect(referencesOf(second)).toContain(originalId);
      await selected.getByText('Sent', { exact: true }).nth(1).waitFor();
      const shownAt = Date.now();
      await shot('group-conversations');
      await check("the Group's Email conversations tab");

      const inbox = await readInbox(bed, requester);
      expect(inbox.map(m => m.messageId)).toEqual(
        expect.arrayContaining([lastReply.messageId, second.messageId]),
      );
      const answeredAt = Date.now();
      await bed.deliver(
        mailbox,
        requesterMail({
          from: `Vera <${requester}>`,
          to: mailbox,
          subject: second.subject!.replace(/^(Re: )?/, 'Re: '),
          messageId: `<answer-${width}-${Date.now()}@example.com>`,
          inReplyTo: second.messageId,
          references: [...referencesOf(second), second.messageId!],
          text: 'Yes, it holds since the update. Thanks!',
        }),
      );
      await eventually('the answer in the ticket', async () => {
        const detail = await asScript(`/tickets/${ticketId}`);
        return detail.entries.some((e: any) =>
          String(e.text ?? e.html).includes('it holds since the update'),
        )
          ? true
          : undefined;
      });
      process.stdout.write(
        `[${width}] reply relayed ${
          relayedAt - sentAt
        } ms after Send, shown Sent ${
          shownAt - relayedAt
        } ms later; the answer in the ticket ${
          Date.now() - answeredAt
        } ms after delivery\n`,
      );
      const { items } = await asScript('/tickets');
      expect(
        items.filter((t: any) => t.requester.email === requester),
      ).toHaveLength(1);
    }),
  );

  test(
    'the Email Preference is saved with the sticky bar and kept after a reload',
    steps('email-preference', async () => {
      const { page } = session;
      await page.goto(`${setup.portal.appUrl}/emails/preference`);
      const window = page.getByLabel('Duplicate detection window (hours)');
      const value = String(width === 1400 ? 36 : 60);
      await window.fill(value);
      const bar = page.getByRole('region', { name: 'Save Email Preference' });
      await bar.getByText('Unsaved changes').waitFor();
      await bar.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Email Preference saved.').waitFor();
      await shot('email-preference');
      await check('Email Preference');
      await page.reload();
      await expect(
        page.getByLabel('Duplicate detection window (hours)').inputValue(),
      ).resolves.toBe(value);
    }),
  );

  test(
    'the Messages, Rules and Outgoing Queue tabs show this journey without breaking',
    steps('admin-tabs', async () => {
      const { page } = session;
      const { portal } = setup;
      needTicket();
      await page.goto(`${portal.appUrl}/emails/messages`);
      await page.getByRole('cell', { name: subject }).first().waitFor();
      // The new request and the requester's answer, each with its outcome.
      const rows = page.getByRole('row').filter({ hasText: subject });
      expect(await rows.filter({ hasText: 'Ticketed' }).count()).toBe(1);
      expect(await rows.filter({ hasText: 'Appended' }).count()).toBe(1);
      await shot('messages');
      await check('Messages');
      await page.goto(`${portal.appUrl}/emails/rules`);
      await page
        .getByRole('button', { name: 'Add Incoming Email Rule' })
        .waitFor();
      await shot('rules');
      await check('Rules');
      await page.goto(`${portal.appUrl}/emails/outgoing-queue`);
      await page
        .getByRole('cell', { name: /Did the update help|VPN/ })
        .first()
        .waitFor();
      await shot('outgoing-queue');
      await check('Outgoing Queue');
    }),
  );
});
