// Requests from the demo mailbox in the browser: mail pushed by SMTP becomes
// a ticket, its acknowledgement leaves through the demo outbox and shows as
// Sent in the Outgoing Queue, a technician replies with formatting and
// closes the request, and an outgoing rule sends a requester domain through
// its own server.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParsedMail, simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import {
  signInAsGuest,
  withScreenshotOnFailure,
} from './__testUtils__/browser';
import { BedPortal, startBedPortal } from './__testUtils__/bedPortal';
import { eventually, ticketTitled } from './__testUtils__/journeyApi';
import { pushToDemoMailbox } from './__testUtils__/journeyMail';
import { waitForRequest, waitForRow } from './__testUtils__/pagePolling';

const STATIC_TOKEN = 'e2e-tickets-token-71c0e2';

jest.setTimeout(300_000);

let setup: BedPortal;
let page: Page;
let outbox: string;

beforeAll(async () => {
  outbox = await mkdtemp(join(tmpdir(), 'emails-e2e-outbox-'));
  setup = await startBedPortal({
    token: STATIC_TOKEN,
    env: {
      // What the demo outbox receives, for the tests to read.
      APP_CONFIG_emails_demoOutbox_directory: outbox,
      // The organisation's MTA, whose Authentication-Results count: guests
      // are acknowledged only when it verified them (or they are catalog users).
      APP_CONFIG_emails_senderAuthentication_trustedAuthservIds: JSON.stringify(
        ['mx.example.org'],
      ),
    },
  });
  page = await setup.browser.newPage({
    viewport: { width: 1400, height: 900 },
  });
  await signInAsGuest(page, setup.portal.appUrl);
});

afterAll(async () => {
  await setup?.stop();
  if (outbox) await rm(outbox, { recursive: true, force: true });
});

/** Runs the steps of one test, keeping a screenshot when they fail. */
const steps = (name: string, run: () => Promise<void>) => () =>
  withScreenshotOnFailure(page, name, run);

const queueUrl = () => `${setup.portal.appUrl}/emails/outgoing-queue`;

/** Waits (bounded) for a message in the demo outbox that passes every check; answers it parsed. */
async function waitForOutboxMail(
  ...checks: ((mail: ParsedMail) => boolean | undefined)[]
): Promise<ParsedMail> {
  return eventually(
    'such a message in the demo outbox',
    async () => {
      for (const file of await readdir(outbox)) {
        const mail = await simpleParser(await readFile(join(outbox, file)));
        if (checks.every(check => check(mail))) return mail;
      }
      return undefined;
    },
    60_000,
    500,
  );
}

test(
  'mail sent to the demo mailbox on 127.0.0.1:2525 is a ticket on the Requests page',
  steps('smtp-push-ticket', async () => {
    const sentAt = Date.now();
    const [sent] = await pushToDemoMailbox({
      from: 'Rita <rita@example.com>',
      subject: 'Monitor flickers',
      text: 'Since the update.',
    });
    expect(sent.response).toMatch(/^250 /);
    // The 250 comes once the message is recorded; its ticket follows (the
    // figure goes to the log).
    const ticket = await ticketTitled(setup.asScript, 'Monitor flickers');
    expect(ticket.requester).toMatchObject({
      email: 'rita@example.com',
      userEntityRef: 'user:default/rita',
    });
    process.stdout.write(
      `push -> ticket visible in the API after ${Date.now() - sentAt} ms\n`,
    );
    await waitForRequest(page, setup.portal.appUrl, 'Monitor flickers');
    await page.getByRole('cell', { name: 'Monitor flickers' }).first().click();
    await page.getByText('Since the update.').waitFor();
  }),
);

test(
  'the new ticket is acknowledged through the demo outbox, and the Outgoing Queue shows it sent',
  steps('outgoing-queue-ack', async () => {
    // The local portal sends through its primary "Demo outbox" server to an
    // SMTP sink that saves each message as an .eml file.
    const text = await waitForRow(page, queueUrl(), [
      'Monitor flickers',
      'Demo outbox',
      'Sent',
    ]);
    expect(text).toContain('rita@example.com');
    const saved = await Promise.all(
      (await readdir(outbox)).map(f => readFile(join(outbox, f), 'utf8')),
    );
    const ack = saved.find(m => /^Subject: .*Monitor flickers/m.test(m));
    expect(ack).toBeDefined();
    expect(ack).toMatch(/^Auto-Submitted: auto-replied\r?$/m);
    expect(ack).toMatch(/^To: rita@example\.com\r?$/m);
  }),
);

test(
  'a technician replies with formatting and closes the request; both reach the requester',
  steps('reply-and-close', async () => {
    await waitForRequest(page, setup.portal.appUrl, 'Monitor flickers');
    await page.getByRole('cell', { name: 'Monitor flickers' }).first().click();
    await page.getByText('Since the update.').waitFor();

    await page.getByLabel('Message').fill('Please **restart** the monitor.');
    await page.getByRole('button', { name: 'Send' }).click();
    const reply = await waitForOutboxMail(
      m => m.subject?.endsWith('Monitor flickers') && !!m.html,
      m => String(m.text).includes('restart'),
    );
    expect(reply.html).toContain('<strong>restart</strong>');
    expect(reply.to).toMatchObject({ text: 'rita@example.com' });
    expect(reply.headers.get('auto-submitted')).toBeUndefined();

    await page.getByRole('button', { name: 'Close ticket' }).click();
    const dialog = page.getByRole('dialog', { name: /^Close / });
    await dialog.getByLabel('Resolution').fill('Replaced the cable.');
    await dialog.getByRole('button', { name: 'Close ticket' }).click();
    await page
      .getByText(
        'Request closed. The requester was notified (rita@example.com).',
      )
      .waitFor();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    const closed = await waitForOutboxMail(
      m => !!m.subject?.endsWith('Monitor flickers (closed)'),
    );
    expect(closed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(closed.text).toContain('Replaced the cable.');
    expect(closed.inReplyTo).toBeDefined();

    // The ticket page tells the technician that both went out.
    const deadline = Date.now() + 60_000;
    for (;;) {
      await page.reload();
      const delivery = page.getByRole('list', { name: 'Email delivery' });
      const notifications = page.getByRole('region', { name: 'Notifications' });
      try {
        await delivery
          .filter({ hasText: 'Sent' })
          .first()
          .waitFor({ timeout: 5_000 });
        await notifications
          .filter({ hasText: 'Closed notification' })
          .filter({ hasText: 'Sent' })
          .waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
  }),
);

test(
  'an outgoing email rule made in the dialog sends a requester domain through its server',
  steps('outgoing-rule', async () => {
    // A second outgoing server: the test bed's submission service.
    const { bed, portal } = setup;
    const created = await setup.request('/servers/outgoing', {
      body: {
        name: 'Bed relay',
        email: 'support@localhost',
        protocol: 'smtp',
        host: '127.0.0.1',
        port: bed.ports.submission,
        security: 'starttls',
        authNeeded: true,
        authType: 'basic',
        username: 'support@localhost',
        password: bed.passwordOf('support@localhost'),
      },
    });
    expect(created.status).toBe(201);

    await page.goto(`${portal.appUrl}/emails/outgoing`);
    await page
      .getByRole('button', { name: 'Configure Outgoing Email Rules' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Outgoing Email Rules' });
    await dialog
      .getByRole('button', { name: 'Add Outgoing Email Rule' })
      .click();
    const rule = dialog.getByRole('region', { name: 'Rule 1' });
    await rule.getByLabel('Rule Name').fill('Example.org customers');
    await rule
      .getByLabel('Outgoing Email Server')
      .selectOption({ label: 'Bed relay (support@localhost)' });
    const condition = rule.getByRole('group', { name: 'Condition 1' });
    await condition.getByLabel('Field').selectOption('requesterDomain');
    await condition.getByLabel('Operator').selectOption('is');
    await condition.getByLabel('Values').fill('example.org');
    await condition.getByLabel('Values').press('Enter');
    await dialog.getByRole('button', { name: 'Update' }).click();
    await page.getByText('Outgoing Email Rules saved').waitFor();

    await pushToDemoMailbox({
      from: 'Olga <olga@example.org>',
      subject: 'Projector dead',
      text: 'No picture since Monday.',
      // As the organisation's MTA records it; Olga is a guest, so only a
      // verified sender gets the acknowledgement.
      headers: {
        'Authentication-Results':
          'mx.example.org; spf=pass smtp.mailfrom=example.org; dmarc=pass header.from=example.org',
      },
    });

    // The acknowledgement goes out through the rule's server, not the demo outbox.
    const relayed = await bed.waitForMessage(
      m =>
        m.to.includes('olga@example.org') &&
        m.raw.toString().includes('Projector dead'),
      60_000,
    );
    expect(relayed.raw.toString()).toMatch(
      /^Auto-Submitted: auto-replied\r?$/m,
    );
    const text = await waitForRow(page, queueUrl(), [
      'Projector dead',
      'rule “Example.org customers”',
      'Sent',
    ]);
    expect(text).toContain('Bed relay');
  }),
);
