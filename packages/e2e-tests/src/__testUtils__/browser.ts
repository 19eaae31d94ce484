// Debian's Chromium driven by playwright-core; a failing test leaves a
// screenshot in test-results/ at the repository root.
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const resultsDir = resolve(import.meta.dirname, '../../../test-results');

/** Launches headless Chromium with the flags this machine needs. */
export async function launchBrowser(): Promise<Browser> {
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

/** Signs in with the guest provider of the local portal. */
export async function signInAsGuest(page: Page, appUrl: string) {
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.getByText('Support Channel', { exact: true }).first().waitFor();
}
