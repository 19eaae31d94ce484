// The admin's incoming servers in the browser: Support Channel > Emails from
// the sidebar, an IMAP server added in the drawer and tested stage by stage,
// a wrong password and its hint, the Primary badge, the server as a catalog
// Resource, Real Time Scanning turning mail into a ticket, and scripts with
// the static token.
import type { Page } from 'playwright-core';
import {
  openEmailsFromSidebar,
  signInAsGuest,
  withScreenshotOnFailure,
} from './__testUtils__/browser';
import { BedPortal, startBedPortal } from './__testUtils__/bedPortal';
import { scriptRequester, ticketTitled } from './__testUtils__/journeyApi';
import {
  openCatalogResource,
  waitForRequest,
} from './__testUtils__/pagePolling';
import {
  waitForEveryStagePassed,
  waitForStage,
} from './__testUtils__/serverSteps';

const STATIC_TOKEN = 'e2e-static-token-5f2c9a';
const MAILBOX = 'support@localhost';

// One portal for the whole file: it takes a while to start.
jest.setTimeout(300_000);

let setup: BedPortal;
let page: Page;

beforeAll(async () => {
  setup = await startBedPortal({ token: STATIC_TOKEN });
  page = await setup.browser.newPage({
    viewport: { width: 1400, height: 900 },
  });
});

afterAll(async () => {
  await setup?.stop();
});

/** Runs the steps of one test, keeping a screenshot when they fail. */
const steps = (name: string, run: () => Promise<void>) => () =>
  withScreenshotOnFailure(page, name, run);

/** A form field by its label, with or without the required marker. */
const field = (label: string) =>
  page.getByLabel(new RegExp(`^${label}\\s*\\*?$`));

const card = () => page.getByRole('article', { name: 'Test bed IMAP' });

test(
  'the guest opens Support Channel > Emails from the sidebar',
  steps('sidebar', async () => {
    await signInAsGuest(page, setup.portal.appUrl);
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
    const { bed } = setup;
    await page
      .getByRole('button', { name: /Add Incoming Email Server/ })
      .click();
    await field('Name').fill('Test bed IMAP');
    await field('Email').fill(MAILBOX);
    await field('Protocol').selectOption('imap');
    await field('Server').fill('127.0.0.1');
    await field('Security Type').selectOption('starttls');
    // The port filled itself in for IMAP over STARTTLS.
    expect(await field('Port').inputValue()).toBe('143');
    await field('Port').fill(String(bed.ports.imap));
    await field('Username').fill(MAILBOX);
    await field('Password').fill(bed.passwordOf(MAILBOX));
    await field('Technician Group').fill('group:default/it-support');
    await page.getByRole('button', { name: 'Save' }).click();

    await page.getByText('Test bed IMAP').waitFor();
    await card().getByRole('button', { name: 'Test Connection' }).click();
    await waitForEveryStagePassed(page);
  }),
);

test(
  'a wrong password fails the auth stage with the troubleshooting hint',
  steps('wrong-password', async () => {
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Edit Test bed IMAP' }).click();
    await field('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Save' }).click();
    await card().getByRole('button', { name: 'Test Connection' }).click();
    await waitForStage(page, 'auth', 'failed');
    const auth = page.getByTestId('stage-auth');
    expect(await auth.innerText()).toMatch(/password/i);
    await page.getByRole('button', { name: 'Close' }).click();
    // The card now says the mailbox is unreachable.
    await card().getByText('Unreachable').waitFor();
  }),
);

test(
  'making it primary shows the badge',
  steps('primary', async () => {
    await page.getByRole('button', { name: 'Edit Test bed IMAP' }).click();
    await field('Password').fill(setup.bed.passwordOf(MAILBOX));
    await page.getByLabel('Primary').check();
    await page.getByRole('button', { name: 'Save' }).click();
    const badge = card().getByText('Primary', { exact: true });
    await badge.waitFor();
    expect(await badge.count()).toBe(1);
  }),
);

test(
  'the server is a Resource in the catalog, with its card',
  steps('catalog-resource', async () => {
    await openCatalogResource(page, setup.portal.appUrl, 'Test bed IMAP');
    await page.getByText('email-server').first().waitFor();
    await page.getByTestId('health-status').waitFor();
    expect(await page.getByText(MAILBOX).count()).toBeGreaterThan(0);
  }),
);

test(
  'an IMAP mailbox with Real Time Scanning turns new mail into a ticket',
  steps('imap-idle-ticket', async () => {
    const { asScript, bed, portal } = setup;
    const servers = await asScript('/servers/incoming');
    const imap = servers.find((s: any) => s.name === 'Test bed IMAP');
    await page.goto(`${portal.appUrl}/emails`);
    await page.getByRole('button', { name: 'Edit Test bed IMAP' }).click();
    await page.getByLabel('Real Time Scanning').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await card().waitFor();
    // The fetch task connects first and remembers where the mailbox ends:
    // only mail arriving after that is imported.
    const deadline = Date.now() + 60_000;
    const synced = (s: any) =>
      !!s?.health?.lastSyncAt && s.health.lastSyncAt !== imap.health.lastSyncAt;
    while (!synced(await asScript(`/servers/incoming/${imap.id}`))) {
      if (Date.now() > deadline)
        throw new Error('the mailbox was never fetched');
      await new Promise(r => setTimeout(r, 500));
    }
    await bed.deliver(
      MAILBOX,
      'From: Tom <tom@example.com>\r\nTo: support@localhost\r\nSubject: Keyboard missing keys\r\n\r\nF and J are gone.\r\n',
    );
    await waitForRequest(page, portal.appUrl, 'Keyboard missing keys');
    const ticket = await ticketTitled(asScript, 'Keyboard missing keys');
    expect(ticket.requester.email).toBe('tom@example.com');
  }),
);

test('scripts with BACKEND_STATIC_TOKEN manage the channel; a wrong token gets 401', async () => {
  const { request, portal } = setup;
  const created = await request('/proxies', {
    body: {
      name: 'script proxy',
      protocol: 'http',
      host: '127.0.0.1',
      port: 3128,
    },
  });
  expect(created.status).toBe(201);
  const trail = await request('/audit/config?target=proxy');
  expect(trail.body[0]).toMatchObject({
    action: 'create',
    targetName: 'script proxy',
    actor: expect.stringContaining('emails-scripts'),
  });
  const stranger = scriptRequester(portal.backendUrl, 'not-the-token');
  expect((await stranger('/proxies')).status).toBe(401);
});
