import { startTestBed, TestBed } from '@internal/emails-test-bed';
import type { Browser, Page } from 'playwright-core';
import {
  launchBrowser,
  openEmailsFromSidebar,
  signInAsGuest,
  withScreenshotOnFailure,
} from './__testUtils__/browser';
import { Portal, startPortal } from './__testUtils__/portal';

// One portal for the whole file: it takes a while to start.
jest.setTimeout(300_000);

let bed: TestBed;
let portal: Portal;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  bed = await startTestBed();
  portal = await startPortal({
    // The backend trusts the test bed's CA, as an organisation would trust
    // its internal CA (emails.tls.trustedCertificates).
    env: {
      APP_CONFIG_emails_tls_trustedCertificates: JSON.stringify([bed.caPem]),
    },
  });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
  await bed?.stop();
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
    await page.getByRole('button', { name: 'Test Connection' }).first().click();
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
    await page.getByRole('button', { name: 'Test Connection' }).first().click();
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
