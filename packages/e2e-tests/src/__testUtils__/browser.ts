// Debian's Chromium driven by playwright-core; a failing test leaves a
// screenshot in test-results/ at the repository root.
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

// This package is never built: its files stay where they are.
// eslint-disable-next-line no-restricted-syntax
const resultsDir = resolve(__dirname, '../../../../test-results');

/**
 * Launches headless Chromium with the flags this machine needs. Servers
 * whose public key is in `trustedSpki` (SHA-256 of the SPKI, base64) are
 * trusted, e.g. the test bed's HTTPS authorization server.
 */
export async function launchBrowser(
  options: { trustedSpki?: string[] } = {},
): Promise<Browser> {
  const trust = options.trustedSpki?.length
    ? [`--ignore-certificate-errors-spki-list=${options.trustedSpki.join(',')}`]
    : [];
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...trust,
    ],
  });
}

/** Runs a browser step; on failure saves a screenshot named after the test and rethrows. */
export async function withScreenshotOnFailure<T>(
  page: Page,
  name: string,
  step: () => Promise<T>,
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    mkdirSync(resultsDir, { recursive: true });
    const file = resolve(
      resultsDir,
      `${name.replace(/[^a-z0-9-]+/gi, '_')}.png`,
    );
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    throw new Error(`${error}\n(screenshot: ${file})`);
  }
}

/**
 * Opens Support Channel > Emails from the sidebar. The submenu opens on
 * hover, and the sidebar can still shift while it loads (My Group appears
 * late), so hover again until the link shows, a bounded number of times.
 */
export async function openEmailsFromSidebar(page: Page) {
  await page.waitForLoadState('networkidle').catch(() => {});
  const item = page.getByText('Support', { exact: true }).first();
  const link = page.getByRole('link', { name: 'Emails' });
  for (let attempt = 1; ; attempt++) {
    try {
      await page.mouse.move(600, 400);
      await item.hover();
      await link.click({ timeout: 3_000 });
      await page.waitForURL(/\/emails/, { timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 10) throw error;
    }
  }
}

/** Signs in with the guest provider of the local portal. */
export async function signInAsGuest(page: Page, appUrl: string) {
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.getByText('Support', { exact: true }).first().waitFor();
}
