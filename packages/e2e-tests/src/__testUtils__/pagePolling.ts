// Pages that show what the backend does in the background: reloaded until it
// shows (bounded), since not every page follows changes by itself.
import type { Locator, Page } from 'playwright-core';

/**
 * Opens `url` again and again until the locator `find` answers shows (5 s
 * each time, `timeoutMs` in all); answers that locator.
 */
export async function reloadUntilShown(
  page: Page,
  url: string,
  find: (page: Page) => Locator,
  timeoutMs = 60_000,
): Promise<Locator> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.goto(url);
    const found = find(page);
    try {
      await found.waitFor({ timeout: 5_000 });
      return found;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

/** Reloads `url` until a table row holding all these texts shows (bounded); answers its text. */
export async function waitForRow(
  page: Page,
  url: string,
  texts: string[],
  timeoutMs = 60_000,
): Promise<string> {
  const row = await reloadUntilShown(
    page,
    url,
    p =>
      texts
        .reduce(
          (rows, text) => rows.filter({ hasText: text }),
          p.getByRole('row'),
        )
        .first(),
    timeoutMs,
  );
  return (await row.textContent()) ?? '';
}

/** Reloads the Requests page until a ticket with this title shows (bounded). */
export async function waitForRequest(
  page: Page,
  appUrl: string,
  title: string,
) {
  await reloadUntilShown(page, `${appUrl}/requests`, p =>
    p.getByRole('cell', { name: title }).first(),
  );
}

/** Reloads the catalog's Resources until the named one is listed (bounded), then opens it. */
export async function openCatalogResource(
  page: Page,
  appUrl: string,
  name: string,
) {
  // The catalog picks the change up from an event, then processes it.
  const link = await reloadUntilShown(
    page,
    `${appUrl}/catalog?filters%5Bkind%5D=resource`,
    p => p.getByRole('link', { name }),
    90_000,
  );
  await link.click();
}
