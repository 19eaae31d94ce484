// One browser page of a journey at one viewport, with the checks every
// journey runs after each page: no console errors and no table cell
// narrower than a word.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { withScreenshotOnFailure } from './browser';
import {
  checkJourneyPage,
  collectConsoleErrors,
  ConsoleErrors,
} from './journeyChecks';

/** Every journey runs at a desktop width and again at a small laptop's. */
export const VIEWPORTS = [
  { width: 1400, height: 900 },
  { width: 1024, height: 768 },
];

/** A viewport of {@link VIEWPORTS}. */
export type Viewport = (typeof VIEWPORTS)[number];

/** The page of a journey at one viewport and the helpers of its steps. */
export interface JourneySession {
  /** The page; set once the describe's beforeAll ran. */
  readonly page: Page;
  /** Wraps a test's steps, keeping a screenshot named after the journey, width and step when they fail. */
  steps(name: string, run: () => Promise<void>): () => Promise<void>;
  /** Fails on console errors since the last check or on narrow table cells, naming the page and width. */
  check(where: string): Promise<void>;
  /** Answers the console errors since the last check and forgets them, for a step that causes some on purpose. */
  takeConsoleErrors(): string[];
  /** A form field by its label, with or without the required marker. */
  field(label: string): ReturnType<Page['getByLabel']>;
}

/**
 * Opens a fresh context and page at the viewport for the tests of the
 * enclosing describe (its own hooks), collecting the page's console errors.
 */
export function journeySession(
  browser: () => Browser,
  viewport: Viewport,
  journey: string,
): JourneySession {
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let errors: ConsoleErrors;
  beforeAll(async () => {
    context = await browser().newContext({ viewport });
    page = await context.newPage();
    errors = collectConsoleErrors(page);
  });
  afterAll(async () => {
    await context?.close();
  });
  const opened = () => {
    if (!page) throw new Error(`The ${journey} page never opened`);
    return page;
  };
  return {
    get page() {
      return opened();
    },
    steps: (name, run) => () =>
      withScreenshotOnFailure(
        opened(),
        `${journey}-${viewport.width}-${name}`,
        run,
      ),
    check: where =>
      checkJourneyPage(opened(), errors, `${where} at ${viewport.width} px`),
    takeConsoleErrors: () => errors.take(),
    field: label => opened().getByLabel(new RegExp(`^${label}\\s*\\*?$`)),
  };
}
