// Browser steps of the OAuth sign-in: the test bed's authorization server
// consents at once, so the popup goes to it, back to the backend's
// callback, reports to the admin page and closes itself.
import type { TestBed } from '@internal/emails-test-bed';
import { createHash, createPublicKey } from 'node:crypto';
import type { Page } from 'playwright-core';

/** SHA-256 of a certificate's public key (SPKI), base64, for Chromium's trust list. */
export function spkiHash(certPem: string): string {
  const der = createPublicKey(certPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

/** Clicks a sign-in button and waits until the popup it opens has closed itself. */
export async function signInThroughPopup(page: Page, button: string) {
  const opened = page.waitForEvent('popup', { timeout: 30_000 });
  await page.getByRole('button', { name: button, exact: true }).click();
  const popup = await opened;
  await popup.waitForEvent('close', { timeout: 60_000 });
}

/** Fills the drawer for an IMAPS mailbox of the bed that signs in with OAuth. */
export async function fillOAuthImapServer(
  page: Page,
  bed: TestBed,
  values: { name: string; email: string },
) {
  const field = (label: string) =>
    page.getByLabel(new RegExp(`^${label}\\s*\\*?$`));
  await field('Name').fill(values.name);
  await field('Email').fill(values.email);
  await field('Protocol').selectOption('imap');
  await field('Server').fill('127.0.0.1');
  await field('Security Type').selectOption('ssl');
  await field('Port').fill(String(bed.ports.imaps));
  await field('Email Auth Type').selectOption('oauth');
  await field('Username').fill(values.email);
  await field('OAuth Client ID').fill('portal-desk');
  await field('Client Secret').fill('portal-desk-secret');
  await field('Authorization URL').fill(bed.oauth.authorizationUrl);
  await field('Token URL').fill(bed.oauth.tokenUrl);
  await field('Scope').fill('mail offline_access');
}
