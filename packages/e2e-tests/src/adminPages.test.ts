import { startTestBed, TestBed } from '@internal/emails-test-bed';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParsedMail, simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import {
  launchBrowser,
  openEmailsFromSidebar,
  signInAsGuest,
  withScreenshotOnFailure,
} from './__testUtils__/browser';
import {
  fillOAuthImapServer,
  signInThroughPopup,
  spkiHash,
} from './__testUtils__/oauthSteps';
import { Portal, startPortal } from './__testUtils__/portal';

const STATIC_TOKEN = 'e2e-static-token-5f2c9a';

// One portal for the whole file: it takes a while to start.
jest.setTimeout(300_000);

let bed: TestBed;
let portal: Portal;
let browser: Browser;
let page: Page;
let outbox: string;

beforeAll(async () => {
  outbox = await mkdtemp(join(tmpdir(), 'emails-e2e-outbox-'));
  bed = await startTestBed();
  portal = await startPortal({
    // The backend trusts the test bed's CA, as an organisation would trust
    // its internal CA (emails.tls.trustedCertificates).
    env: {
      APP_CONFIG_emails_tls_trustedCertificates: JSON.stringify([bed.caPem]),
      // Scripts call the API with this static token (README).
      BACKEND_STATIC_TOKEN: STATIC_TOKEN,
      // What the demo outbox receives, for the tests to read.
      APP_CONFIG_emails_demoOutbox_directory: outbox,
      // The organisation's MTA, whose Authentication-Results count: guests
      // are acknowledged only when it verified them (or they are catalog users).
      APP_CONFIG_emails_senderAuthentication_trustedAuthservIds: JSON.stringify(
        ['mx.example.org'],
      ),
    },
  });
  // Chromium trusts the bed's HTTPS authorization server by its key only.
  browser = await launchBrowser({
    trustedSpki: [spkiHash(bed.certificates.certPem)],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
  await bed?.stop();
  if (outbox) await rm(outbox, { recursive: true, force: true });
});

/** Runs the steps of one test, keeping a screenshot when they fail. */
const steps = (name: string, run: () => Promise<void>) => () =>
  withScreenshotOnFailure(page, name, run);

/** A form field by its label, with or without the required marker. */
const field = (label: string) =>
  page.getByLabel(new RegExp(`^${label}\\s*\\*?$`));

async function waitForStage(stage: string, status: string) {
  await page
    .getByTestId(`stage-${stage}`)
    .getByText(status, { exact: true })
    .waitFor({ timeout: 30_000 });
}

test(
  'the guest opens Support Channel > Emails from the sidebar',
  steps('sidebar', async () => {
    await signInAsGuest(page, portal.appUrl);
    await openEmailsFromSidebar(page);
    await page.getByRole('tab', { name: 'Incoming Email Servers' }).waitFor();
    for (const tab of ['Outgoing Email Servers', 'Email Preference']) {
      expect(await page.getByRole('tab', { name: tab }).count()).toBe(1);
    }
  }),
);

test(
  'an admin adds an IMAP server in the drawer and Test Connection passes every stage',
  steps('add-imap-server', async () => {
    await page
      .getByRole('button', { name: /Add Incoming Email Server/ })
      .click();
    await field('Name').fill('Test bed IMAP');
    await field('Email').fill('support@localhost');
    await field('Protocol').selectOption('imap');
    await field('Server').fill('127.0.0.1');
    await field('Security Type').selectOption('starttls');
    // The port filled itself in for IMAP over STARTTLS.
    expect(await field('Port').inputValue()).toBe('143');
    await field('Port').fill(String(bed.ports.imap));
    await field('Username').fill('support@localhost');
    await field('Password').fill(bed.passwordOf('support@localhost'));
    await field('Technician Group').fill('group:default/it-support');
    await page.getByRole('button', { name: 'Save' }).click();

    await page.getByText('Test bed IMAP').waitFor();
    await page
      .getByRole('article', { name: 'Test bed IMAP' })
      .getByRole('button', { name: 'Test Connection' })
      .click();
    for (const stage of ['dns', 'tcp', 'tls', 'auth', 'protocol']) {
      await waitForStage(stage, 'passed');
    }
  }),
);

test(
  'a wrong password fails the auth stage with the troubleshooting hint',
  steps('wrong-password', async () => {
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Edit Test bed IMAP' }).click();
    await field('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('article', { name: 'Test bed IMAP' })
      .getByRole('button', { name: 'Test Connection' })
      .click();
    await waitForStage('auth', 'failed');
    const auth = page.getByTestId('stage-auth');
    expect(await auth.innerText()).toMatch(/password/i);
    await page.getByRole('button', { name: 'Close' }).click();
    // The card now says the mailbox is unreachable.
    await page
      .getByRole('article', { name: 'Test bed IMAP' })
      .getByText('Unreachable')
      .waitFor();
  }),
);

test(
  'making it primary shows the badge',
  steps('primary', async () => {
    await page.getByRole('button', { name: 'Edit Test bed IMAP' }).click();
    await field('Password').fill(bed.passwordOf('support@localhost'));
    await page.getByLabel('Primary').check();
    await page.getByRole('button', { name: 'Save' }).click();
    const badge = page
      .getByRole('article', { name: 'Test bed IMAP' })
      .getByText('Primary', { exact: true });
    await badge.waitFor();
    expect(await badge.count()).toBe(1);
  }),
);

test(
  'the server is a Resource in the catalog, with its card',
  steps('catalog-resource', async () => {
    // The catalog picks the change up from an event, then processes it.
    const deadline = Date.now() + 90_000;
    for (;;) {
      await page.goto(`${portal.appUrl}/catalog?filters%5Bkind%5D=resource`);
      const link = page.getByRole('link', { name: 'Test bed IMAP' });
      try {
        await link.waitFor({ timeout: 10_000 });
        await link.click();
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
    await page.getByText('email-server').first().waitFor();
    await page.getByTestId('health-status').waitFor();
    expect(await page.getByText('support@localhost').count()).toBeGreaterThan(
      0,
    );
  }),
);

/** A token of the signed-in guest, for reading the API beside the browser. */
async function guestToken(): Promise<string> {
  const res = await fetch(`${portal.backendUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  return (await res.json()).backstageIdentity.token;
}

async function api(path: string) {
  const res = await fetch(`${portal.backendUrl}/api/emails${path}`, {
    headers: { Authorization: `Bearer ${await guestToken()}` },
  });
  return res.json();
}

/** Waits (bounded) for a message in the demo outbox that passes every check; answers it parsed. */
async function waitForOutboxMail(
  ...checks: ((mail: ParsedMail) => boolean | undefined)[]
): Promise<ParsedMail> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    for (const file of await readdir(outbox)) {
      const mail = await simpleParser(await readFile(join(outbox, file)));
      if (checks.every(check => check(mail))) return mail;
    }
    if (Date.now() > deadline) {
      throw new Error('No such message reached the demo outbox in 60 s');
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

/** Reloads a page until a table row holding all these texts shows (bounded); answers its text. */
async function waitForRow(
  path: string,
  texts: string[],
  timeoutMs = 60_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.goto(`${portal.appUrl}${path}`);
    const row = texts.reduce(
      (rows, text) => rows.filter({ hasText: text }),
      page.getByRole('row'),
    );
    try {
      await row.first().waitFor({ timeout: 5_000 });
      return (await row.first().textContent()) ?? '';
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

/** Reloads the Requests page until a ticket with this title shows (bounded). */
async function waitForRequest(title: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.goto(`${portal.appUrl}/requests`);
    try {
      await page
        .getByRole('cell', { name: title })
        .first()
        .waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

test(
  'mail sent to the demo mailbox on 127.0.0.1:2525 is a ticket on the Requests page',
  steps('smtp-push-ticket', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: 2525,
      secure: false,
      ignoreTLS: true,
    });
    const sentAt = Date.now();
    const sent = await transport.sendMail({
      from: 'Rita <rita@example.com>',
      to: 'support@localhost',
      subject: 'Monitor flickers',
      text: 'Since the update.',
    });
    transport.close();
    expect(sent.response).toMatch(/^250 /);
    // The ticket exists by the time the API is asked (the figure goes to the log).
    const { items } = await api('/tickets');
    const ticket = items.find((t: any) => t.title === 'Monitor flickers');
    expect(ticket?.requester).toMatchObject({
      email: 'rita@example.com',
      userEntityRef: 'user:default/rita',
    });
    process.stdout.write(
      `push -> ticket visible in the API after ${Date.now() - sentAt} ms\n`,
    );
    await waitForRequest('Monitor flickers');
    await page.getByRole('cell', { name: 'Monitor flickers' }).first().click();
    await page.getByText('Since the update.').waitFor();
  }),
);

test(
  'the new ticket is acknowledged through the demo outbox, and the Outgoing Queue shows it sent',
  steps('outgoing-queue-ack', async () => {
    // The local portal sends through its primary "Demo outbox" server to an
    // SMTP sink that saves each message as an .eml file.
    const text = await waitForRow('/emails/outgoing-queue', [
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
    await waitForRequest('Monitor flickers');
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
  'an IMAP mailbox with Real Time Scanning turns new mail into a ticket',
  steps('imap-idle-ticket', async () => {
    const servers = await api('/servers/incoming');
    const imap = servers.find((s: any) => s.name === 'Test bed IMAP');
    await page.goto(`${portal.appUrl}/emails`);
    await page.getByRole('button', { name: 'Edit Test bed IMAP' }).click();
    await page.getByLabel('Real Time Scanning').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('article', { name: 'Test bed IMAP' }).waitFor();
    // The fetch task connects first and remembers where the mailbox ends:
    // only mail arriving after that is imported.
    const deadline = Date.now() + 60_000;
    const synced = (s: any) =>
      !!s?.health?.lastSyncAt && s.health.lastSyncAt !== imap.health.lastSyncAt;
    while (!synced(await api(`/servers/incoming/${imap.id}`))) {
      if (Date.now() > deadline)
        throw new Error('the mailbox was never fetched');
      await new Promise(r => setTimeout(r, 500));
    }
    await bed.deliver(
      'support@localhost',
      'From: Tom <tom@example.com>\r\nTo: support@localhost\r\nSubject: Keyboard missing keys\r\n\r\nF and J are gone.\r\n',
    );
    await waitForRequest('Keyboard missing keys');
  }),
);

test('scripts with BACKEND_STATIC_TOKEN manage the channel; a wrong token gets 401', async () => {
  const call = (token: string, method = 'GET', body?: object) =>
    fetch(`${portal.backendUrl}/api/emails/proxies`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: body && JSON.stringify(body),
    });
  const created = await call(STATIC_TOKEN, 'POST', {
    name: 'script proxy',
    protocol: 'http',
    host: '127.0.0.1',
    port: 3128,
  });
  expect(created.status).toBe(201);
  const trail = await fetch(
    `${portal.backendUrl}/api/emails/audit/config?target=proxy`,
    {
      headers: { Authorization: `Bearer ${STATIC_TOKEN}` },
    },
  );
  expect((await trail.json())[0]).toMatchObject({
    action: 'create',
    targetName: 'script proxy',
    actor: expect.stringContaining('emails-scripts'),
  });
  expect((await call('not-the-token')).status).toBe(401);
});

test(
  'an outgoing email rule made in the dialog sends a requester domain through its server',
  steps('outgoing-rule', async () => {
    // A second outgoing server: the test bed's submission service.
    const created = await fetch(
      `${portal.backendUrl}/api/emails/servers/outgoing`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${STATIC_TOKEN}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
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
        }),
      },
    );
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

    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: 2525,
      secure: false,
      ignoreTLS: true,
    });
    await transport.sendMail({
      from: 'Olga <olga@example.org>',
      to: 'support@localhost',
      subject: 'Projector dead',
      text: 'No picture since Monday.',
      // As the organisation's MTA records it; Olga is a guest, so only a
      // verified sender gets the acknowledgement.
      headers: {
        'Authentication-Results':
          'mx.example.org; spf=pass smtp.mailfrom=example.org; dmarc=pass header.from=example.org',
      },
    });
    transport.close();

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
    const text = await waitForRow('/emails/outgoing-queue', [
      'Projector dead',
      'rule “Example.org customers”',
      'Sent',
    ]);
    expect(text).toContain('Bed relay');
  }),
);

test(
  'an admin signs in with OAuth from the drawer and Test Connection passes over XOAUTH2',
  steps('oauth-sign-in', async () => {
    // Short-lived tokens: each connection after the sign-in refreshes first.
    bed.oauthServer.setAccessTokenLifetime(2);
    bed.oauthServer.setAuthorizedUser('alice@localhost');
    await page.goto(`${portal.appUrl}/emails`);
    await page
      .getByRole('button', { name: /Add Incoming Email Server/ })
      .click();
    await fillOAuthImapServer(page, bed, {
      name: 'OAuth IMAP',
      email: 'alice@localhost',
    });
    expect(await field('Redirect URL').inputValue()).toBe(
      `${portal.backendUrl}/api/emails/oauth/callback`,
    );
    // Saves the new server first, then the popup consents and closes.
    await signInThroughPopup(page, 'Authorize');
    await page.getByText('Signed in as alice@localhost').first().waitFor();
    await page.getByRole('button', { name: 'Close' }).click();

    const card = page.getByRole('article', { name: 'OAuth IMAP' });
    await card
      .getByRole('group', { name: 'OAuth sign-in' })
      .getByText(/Signed in as alice@localhost/)
      .waitFor();
    await card.getByRole('button', { name: 'Test Connection' }).click();
    for (const stage of ['dns', 'tcp', 'tls', 'auth', 'protocol']) {
      await waitForStage(stage, 'passed');
    }
    await page.getByRole('button', { name: 'Close' }).click();
  }),
);

test(
  'a revoked consent shows Sign in again on the card, and signing in again restores the mailbox',
  steps('oauth-sign-in-again', async () => {
    bed.oauthServer.revokeConsent();
    await new Promise(r => setTimeout(r, 2_500));
    const card = page.getByRole('article', { name: 'OAuth IMAP' });
    await card.getByRole('button', { name: 'Test Connection' }).click();
    await waitForStage('auth', 'failed');
    await page
      .getByText(/consent was revoked/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await page.reload();
    const expired = page.getByRole('article', { name: 'OAuth IMAP' });
    await expired.getByRole('button', { name: 'Sign in again' }).waitFor();

    const opened = page.waitForEvent('popup', { timeout: 30_000 });
    await expired.getByRole('button', { name: 'Sign in again' }).click();
    await (await opened).waitForEvent('close', { timeout: 60_000 });
    await expired
      .getByRole('group', { name: 'OAuth sign-in' })
      .getByText(/Signed in as alice@localhost/)
      .waitFor();
    expect(
      await expired.getByRole('button', { name: 'Sign in again' }).count(),
    ).toBe(0);
  }),
);
