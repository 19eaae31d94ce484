// Browser steps on a mail server's card: the stages of Test Connection.
import type { Page } from 'playwright-core';

/** The stages Test Connection shows, in order. */
export const CONNECTION_STAGES = ['dns', 'tcp', 'tls', 'auth', 'protocol'];

/** Waits (30 s at most) until a stage of Test Connection shows the status. */
export async function waitForStage(page: Page, stage: string, status: string) {
  await page
    .getByTestId(`stage-${stage}`)
    .getByText(status, { exact: true })
    .waitFor({ timeout: 30_000 });
}

/** Waits until every stage of Test Connection has passed. */
export async function waitForEveryStagePassed(page: Page) {
  for (const stage of CONNECTION_STAGES) {
    await waitForStage(page, stage, 'passed');
  }
}
