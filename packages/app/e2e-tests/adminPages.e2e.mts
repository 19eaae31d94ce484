import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startPortal } from './portal.mts';
import type { Portal } from './portal.mts';
import {
  launchBrowser,
  signInAsGuest,
  withScreenshotOnFailure,
} from './browser.mts';

let portal: Portal;
let browser: Browser;

before(async () => {
  portal = await startPortal();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await portal?.stop();
});

test(
  'the guest opens Support Channel > Emails from the sidebar',
  { timeout: 120_000 },
  async () => {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
    });
    await withScreenshotOnFailure(page, 'support-channel-emails', async () => {
      await signInAsGuest(page, portal.appUrl);
      await page.getByText('Support Channel', { exact: true }).first().hover();
      await page.getByRole('link', { name: 'Emails' }).click();
      await page.getByRole('tab', { name: 'Incoming Email Servers' }).waitFor();
      assert.equal(new URL(page.url()).pathname.startsWith('/emails'), true);
      for (const tab of ['Outgoing Email Servers', 'Email Preference']) {
        assert.equal(
          await page.getByRole('tab', { name: tab }).count(),
          1,
          `tab ${tab}`,
        );
      }
      // The list comes from the backend: an empty one says so.
      await page.getByText('No incoming email servers yet').waitFor();
    });
    await page.close();
  },
);

test(
  'the backend answers health without credentials and nothing else',
  { timeout: 30_000 },
  async () => {
    const health = await fetch(`${portal.backendUrl}/api/emails/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    const servers = await fetch(
      `${portal.backendUrl}/api/emails/servers/incoming`,
    );
    assert.equal(servers.status, 401);
  },
);
