// The portal with a guest who is not an emails administrator: `emails.admins`
// names a group the guest is not in, so the guest is a technician of
// it-support only. The admin pages say so and offer no edit action, the API
// refuses changes, and Requests lists only the requests of it-support. At
// 1400 x 900 and 1024 x 768, each page checked as every journey's is.
import type { Browser } from 'playwright-core';
import {
  openEmailsFromSidebar,
  launchBrowser,
  signInAsGuest,
} from './__testUtils__/browser';
import {
  ScriptCall,
  scriptCaller,
  ticketTitled,
} from './__testUtils__/journeyApi';
import { DEMO_MAILBOX, pushToDemoMailbox } from './__testUtils__/journeyMail';
import { journeySession, VIEWPORTS } from './__testUtils__/journeySession';
import { Portal, startPortal } from './__testUtils__/portal';

const STATIC_TOKEN = 'e2e-non-admin-token-3c7f1a';

jest.setTimeout(300_000);

let portal: Portal;
let browser: Browser;
let asScript: ScriptCall;

beforeAll(async () => {
  portal = await startPortal({
    env: {
      APP_CONFIG_emails_admins: JSON.stringify(['group:default/emails-admins']),
      // Scripts still manage the channel (as administrators) to arrange data.
      BACKEND_STATIC_TOKEN: STATIC_TOKEN,
    },
  });
  asScript = scriptCaller(portal.backendUrl, STATIC_TOKEN);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

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
  await asScript(
    `/servers/incoming/${demo.id}`,
    { ...settings, technicianGroup },
    'PUT',
  );
}

/** Mails the demo mailbox and waits (bounded) for the ticket; answers its id. */
async function ticketFor(subject: string): Promise<string> {
  await pushToDemoMailbox({
    from: 'Rita <rita@example.com>',
    subject,
    text: 'Please help.',
  });
  return (await ticketTitled(asScript, subject)).id;
}

describe.each(VIEWPORTS)('at $width x $height', viewport => {
  const { width } = viewport;
  const session = journeySession(() => browser, viewport, 'non-admin');
  const { steps, check } = session;

  test(
    'the admin page tells a non-admin so and offers no edit action',
    steps('page', async () => {
      const { page } = session;
      await signInAsGuest(page, portal.appUrl);
      await openEmailsFromSidebar(page);
      await page.getByText('You need to be an administrator').waitFor();
      await check('the admin page');
      expect(await page.getByRole('tab').count()).toBe(0);
      for (const action of [
        /Add Incoming Email Server/,
        /^Edit/,
        /^Delete/,
        /Test Connection/,
        /^Sync/,
      ]) {
        expect(await page.getByRole('button', { name: action }).count()).toBe(
          0,
        );
      }
    }),
  );

  test(
    "a mutating route answers 403 to the guest's own token from the browser",
    steps('403', async () => {
      const answers = await session.page.evaluate(async backend => {
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
      // The browser logs each refused request; those two, and nothing else.
      expect(session.takeConsoleErrors()).toEqual([
        expect.stringMatching(/status of 403 .*servers\/incoming/),
        expect.stringMatching(/status of 403 .*servers\/incoming/),
      ]);
    }),
  );

  test(
    'Requests lists the requests of the guest’s group, and a request of another group is not found',
    steps('requests', async () => {
      const { page } = session;
      const mine = `Keyboard sticks (${width})`;
      const theirs = `Quote for laptops (${width})`;
      await demoMailboxTo('group:default/it-support');
      await ticketFor(mine);
      await demoMailboxTo('group:default/sales');
      const other = await ticketFor(theirs);

      await page.goto(`${portal.appUrl}/requests`);
      await page.getByRole('cell', { name: mine }).waitFor();
      expect(await page.getByRole('cell', { name: theirs }).count()).toBe(0);
      await check('Requests');
      await page.goto(`${portal.appUrl}/requests/${other}`);
      await page.getByText('Request not found').waitFor();
      expect(await page.getByText(theirs).count()).toBe(0);
      // The browser logs the refused request; that one, and nothing else.
      expect(session.takeConsoleErrors()).toEqual([
        expect.stringMatching(
          new RegExp(`status of 404 .*/api/emails/tickets/${other}\\)$`),
        ),
      ]);
      await check('the page of a request of another group');
    }),
  );
});
