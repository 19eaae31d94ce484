// The portal with a guest who is not an emails administrator: `emails.admins`
// names a group the guest is not in, so the guest is a technician of
// it-support only. The admin pages say so and offer no edit action, the API
// refuses changes, and Requests lists only the requests of it-support.
import nodemailer from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import {
  launchBrowser,
  openEmailsFromSidebar,
  signInAsGuest,
  withScreenshotOnFailure,
} from './__testUtils__/browser';
import { Portal, startPortal } from './__testUtils__/portal';

const STATIC_TOKEN = 'e2e-non-admin-token-3c7f1a';
const DEMO_MAILBOX = 'support@localhost';

jest.setTimeout(300_000);

let portal: Portal;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  portal = await startPortal({
    env: {
      APP_CONFIG_emails_admins: JSON.stringify(['group:default/emails-admins']),
      // Scripts still manage the channel (as administrators) to arrange data.
      BACKEND_STATIC_TOKEN: STATIC_TOKEN,
    },
  });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

const steps = (name: string, run: () => Promise<void>) => () =>
  withScreenshotOnFailure(page, name, run);

/** Calls the emails API as a script (administrator rights). */
async function asScript(path: string, init: RequestInit = {}) {
  const res = await fetch(`${portal.backendUrl}/api/emails${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${STATIC_TOKEN}`,
      'Content-Type': 'application/json',
    },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

// What the API shows of a server but a write refuses.
const READ_ONLY = [
  'health',
  'id',
  'createdAt',
  'updatedAt',
  'passwordSet',
  'clientSecretSet',
  'importProgress',
  'pausedReason',
  'oauthConsent',
];

/** Points the demo mailbox at a technician group. */
async function demoMailboxTo(technicianGroup: string) {
  const servers: any[] = await asScript('/servers/incoming');
  const demo = servers.find(s => s.email === DEMO_MAILBOX);
  if (!demo) throw new Error('The local portal has no demo mailbox');
  const settings = Object.fromEntries(
    Object.entries(demo).filter(([key]) => !READ_ONLY.includes(key)),
  );
  await asScript(`/servers/incoming/${demo.id}`, {
    method: 'PUT',
    body: JSON.stringify({ ...settings, technicianGroup }),
  });
}

/** Mails the demo mailbox and waits (bounded) for the ticket; answers its id. */
async function ticketFor(subject: string): Promise<string> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: 2525,
    secure: false,
    ignoreTLS: true,
  });
  try {
    await transport.sendMail({
      from: 'Rita <rita@example.com>',
      to: DEMO_MAILBOX,
      subject,
      text: 'Please help.',
    });
  } finally {
    transport.close();
  }
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { items } = await asScript('/tickets?status=open');
    const ticket = items.find((t: any) => t.title === subject);
    if (ticket) return ticket.id;
    if (Date.now() > deadline) throw new Error(`No ticket for ${subject}`);
    await new Promise(r => setTimeout(r, 500));
  }
}

test(
  'the admin page tells a non-admin so and offers no edit action',
  steps('non-admin-page', async () => {
    await signInAsGuest(page, portal.appUrl);
    await openEmailsFromSidebar(page);
    await page.getByText('You need to be an administrator').waitFor();
    expect(await page.getByRole('tab').count()).toBe(0);
    for (const action of [
      /Add Incoming Email Server/,
      /^Edit/,
      /^Delete/,
      /Test Connection/,
      /^Sync/,
    ]) {
      expect(await page.getByRole('button', { name: action }).count()).toBe(0);
    }
  }),
);

test(
  "a mutating route answers 403 to the guest's own token from the browser",
  steps('non-admin-403', async () => {
    const answers = await page.evaluate(async backend => {
      const refresh = await fetch(`${backend}/api/auth/guest/refresh`, {
        credentials: 'include',
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      });
      const token = (await refresh.json()).backstageIdentity.token;
      const call = async (method: string, body?: object) => {
        const res = await fetch(`${backend}/api/emails/servers/incoming`, {
          method,
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
          },
          body: body && JSON.stringify(body),
        });
        return { status: res.status, body: await res.json() };
      };
      return {
        create: await call('POST', {
          name: 'Not mine',
          email: 'not-mine@localhost',
          protocol: 'smtp-push',
        }),
        list: await call('GET'),
      };
    }, portal.backendUrl);
    expect(answers.create.status).toBe(403);
    expect(answers.create.body.error.message).toBe(
      'Missing permission emails.server.manage',
    );
    expect(answers.list.status).toBe(403);
  }),
);

test(
  'Requests lists the requests of the guest’s group, and a request of another group is not found',
  steps('non-admin-requests', async () => {
    await demoMailboxTo('group:default/it-support');
    await ticketFor('Keyboard sticks');
    await demoMailboxTo('group:default/sales');
    const other = await ticketFor('Quote for laptops');

    await page.goto(`${portal.appUrl}/requests`);
    await page.getByRole('cell', { name: 'Keyboard sticks' }).waitFor();
    expect(
      await page.getByRole('cell', { name: 'Quote for laptops' }).count(),
    ).toBe(0);
    await page.goto(`${portal.appUrl}/requests/${other}`);
    await page.getByText('Request not found').waitFor();
    expect(await page.getByText('Quote for laptops').count()).toBe(0);
  }),
);
