// Checks every page of a browser journey passes: no console errors, and no
// table cell narrower than a word (text wrapping a character per line).
import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

// This package is never built: its files stay where they are.
// eslint-disable-next-line no-restricted-syntax
const repoRoot = resolve(__dirname, '../../../..');

/**
 * Console errors that come from the test environment, not the product; each
 * says why it is harmless here.
 */
const ALLOWED_CONSOLE_ERRORS: RegExp[] = [
  // React's development build (the local portal runs as in development)
  // warns of APIs its next major removes; production builds log nothing.
  // Material UI v4 and material-table (Backstage's core-components) call
  // findDOMNode ...
  /^Warning: findDOMNode is deprecated/,
  // ... and material-table and react-beautiful-dnd give function and memo
  // components defaultProps.
  /^Warning: %s: Support for defaultProps will be removed from (function|memo) components/,
];

/** Console errors and uncaught exceptions of a page, collected between checks. */
export interface ConsoleErrors {
  /** Answers the errors collected since the last call and forgets them. */
  take(): string[];
}

/** Starts collecting the page's console errors and uncaught exceptions. */
export function collectConsoleErrors(page: Page): ConsoleErrors {
  let errors: string[] = [];
  page.on('console', message => {
    if (message.type() !== 'error') return;
    // The first line names the error; React appends a long component stack.
    const text = message.text().split('\n')[0];
    if (ALLOWED_CONSOLE_ERRORS.some(allowed => allowed.test(text))) return;
    const { url } = message.location();
    errors.push(url ? `${text} (${url})` : text);
  });
  page.on('pageerror', error => errors.push(`uncaught: ${error.message}`));
  return {
    take() {
      const taken = errors;
      errors = [];
      return taken;
    },
  };
}

/** A table cell whose content box is narrower than one of its words. */
export interface NarrowCell {
  text: string;
  word: string;
  cellWidth: number;
  wordWidth: number;
}

/**
 * Measures, in the page, each visible td/th's content box against the width
 * of its longest word in the font of the element holding that word. Text
 * that may not wrap (white-space nowrap, e.g. truncated with an ellipsis and
 * a tooltip) is skipped: it degrades gracefully instead of breaking.
 */
export async function findNarrowCells(page: Page): Promise<NarrowCell[]> {
  return page.evaluate(() => {
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d')!;
    const found: NarrowCell[] = [];
    const cells = Array.from(document.querySelectorAll('table td, table th'));
    for (const cell of cells as HTMLElement[]) {
      const box = cell.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const style = getComputedStyle(cell);
      const width =
        cell.clientWidth -
        parseFloat(style.paddingLeft) -
        parseFloat(style.paddingRight);
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const holder = node.parentElement!;
        const held = getComputedStyle(holder);
        if (held.whiteSpace === 'nowrap' || held.whiteSpace === 'pre') continue;
        if (holder.getClientRects().length === 0) continue; // hidden
        context.font = `${held.fontStyle} ${held.fontWeight} ${held.fontSize} ${held.fontFamily}`;
        for (const word of (node.textContent ?? '').split(/\s+/)) {
          if (!word) continue;
          const wordWidth = context.measureText(word).width;
          // One pixel for rounding between canvas and layout.
          if (wordWidth > width + 1) {
            found.push({
              text: (cell.innerText || '').slice(0, 80),
              word,
              cellWidth: Math.round(width),
              wordWidth: Math.round(wordWidth),
            });
          }
        }
      }
    }
    return found;
  });
}

/**
 * Fails, naming the page, when console errors were logged since the last
 * check or a table cell is narrower than a word.
 */
export async function checkJourneyPage(
  page: Page,
  errors: ConsoleErrors,
  where: string,
) {
  // Requests still in flight may yet log their errors; a page that keeps
  // polling never goes idle, so the wait is short.
  await page
    .waitForLoadState('networkidle', { timeout: 5_000 })
    .catch(() => {});
  const logged = errors.take();
  if (logged.length) {
    throw new Error(`Console errors on ${where}:\n${logged.join('\n')}`);
  }
  const narrow = await findNarrowCells(page);
  if (narrow.length) {
    const lines = narrow.map(
      c =>
        `"${c.text}": "${c.word}" needs ${c.wordWidth} px, the cell has ${c.cellWidth} px`,
    );
    throw new Error(
      `Table cells narrower than a word on ${where}:\n${lines.join('\n')}`,
    );
  }
}

/**
 * Saves a screenshot of the viewport for the admin guide as
 * `<E2E_SCREENSHOTS>/<name>.png` (relative to the repository root), only when
 * that variable is set: `npm run docs:screenshots` sets it, test runs do not.
 */
export async function guideScreenshot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  const target = resolve(repoRoot, dir);
  mkdirSync(target, { recursive: true });
  await page.screenshot({ path: resolve(target, `${name}.png`) });
}
