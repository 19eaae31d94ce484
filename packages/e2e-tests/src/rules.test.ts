// The incoming email rules journey: an admin builds a rule in the Rules tab,
// the simulator says where a message would go without changing anything, and
// the same message delivered to the demo mailbox is routed as it said.
import type { Browser, Page } from 'playwright-core';
import {
  launchBrowser,
  openEmailsFromSidebar,
  signInAsGuest,
  withScreenshotOnFailure,
} from './__testUtils__/browser';
import { ScriptCall, scriptCaller } from './__testUtils__/journeyApi';
import { DEMO_MAILBOX, pushToDemoMailbox } from './__testUtils__/journeyMail';
import { Portal, startPortal } from './__testUtils__/portal';

const STATIC_TOKEN = 'e2e-rules-token-8d41be';
const RULE = 'Printers to Facilities';
const SUBJECT = 'The printer on floor 3 jams';

jest.setTimeout(300_000);

let portal: Portal;
let asScript: ScriptCall;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  portal = await startPortal({ env: { BACKEND_STATIC_TOKEN: STATIC_TOKEN } });
  asScript = scriptCaller(portal.backendUrl, STATIC_TOKEN);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

const steps = (name: string, run: () => Promise<void>) => () =>
  withScreenshotOnFailure(page, name, run);

/** The tickets with this title, as the API lists them. */
async function ticketsTitled(title: string): Promise<any[]> {
  const { items } = await asScript('/tickets');
  return items.filter((t: any) => t.title === title);
}

// The message the simulator is given and the demo mailbox then receives.
const RAW = [
  'From: Rita <rita@example.com>',
  `To: ${DEMO_MAILBOX}`,
  `Subject: ${SUBJECT}`,
  'Message-ID: <printer-jam-1@example.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Paper jams on every second page since Monday.',
  '',
].join('\r\n');

const group = (name: string) =>
  page.getByRole('dialog').getByRole('group', { name });

test(
  'an admin builds an incoming email rule in the Rules tab and saves it',
  steps('rules-build', async () => {
    await signInAsGuest(page, portal.appUrl);
    await openEmailsFromSidebar(page);
    await page.getByRole('tab', { name: 'Rules' }).click();
    await page.getByRole('button', { name: 'Add Incoming Email Rule' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Rule Name', { exact: true }).fill(RULE);
    const condition = group('Condition 1');
    await condition
      .getByLabel('Field', { exact: true })
      .selectOption('subject');
    await condition
      .getByLabel('Operator', { exact: true })
      .selectOption('contains');
    await condition.getByLabel('Values', { exact: true }).fill('printer');
    await condition.getByLabel('Values', { exact: true }).press('Enter');
    const action = group('Action 1');
    await action.getByLabel('Action', { exact: true }).selectOption('category');
    await action.getByLabel('Value', { exact: true }).fill('Facilities');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByText('Unsaved changes').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Unsaved changes').waitFor({ state: 'detached' });

    const saved = await asScript('/rules/incoming');
    expect(saved.rules).toHaveLength(1);
    expect(saved.rules[0]).toMatchObject({
      name: RULE,
      enabled: true,
      conditions: [
        { field: 'subject', operator: 'contains', values: ['printer'] },
      ],
      actions: [{ type: 'category', value: 'Facilities' }],
    });
  }),
);

test(
  'the simulator shows the rule matching and the ticket it would make, changing nothing',
  steps('rules-simulate', async () => {
    const simulator = page.getByRole('region', { name: 'Rule simulator' });
    await simulator
      .getByLabel('Or paste the message source', { exact: true })
      .fill(RAW);
    const mailbox = simulator.getByLabel('Mailbox (incoming server)', {
      exact: true,
    });
    const demo = await mailbox
      .locator('option', { hasText: DEMO_MAILBOX })
      .getAttribute('value');
    await mailbox.selectOption(demo!);
    await simulator.getByRole('button', { name: 'Simulate' }).click();

    const result = page.getByRole('region', { name: 'Simulation result' });
    await result.waitFor();
    await result.getByRole('listitem', { name: `${RULE}: Matched` }).waitFor();
    expect(await result.getByText('New ticket', { exact: true }).count()).toBe(
      1,
    );
    expect(await result.innerText()).toContain('Facilities');
    // A simulation makes no ticket.
    expect(await ticketsTitled(SUBJECT)).toEqual([]);
  }),
);

test(
  'the same message delivered to the demo mailbox is routed as the simulator said',
  steps('rules-deliver', async () => {
    const [sent] = await pushToDemoMailbox({
      envelope: { from: 'rita@example.com', to: [DEMO_MAILBOX] },
      raw: RAW,
    });
    expect(sent.response).toMatch(/^250 /);

    const deadline = Date.now() + 30_000;
    let tickets = await ticketsTitled(SUBJECT);
    while (!tickets.length && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 250));
      tickets = await ticketsTitled(SUBJECT);
    }
    expect(tickets).toHaveLength(1);
    expect(tickets[0].category).toBe('Facilities');

    await page.goto(`${portal.appUrl}/requests`);
    await page.getByRole('cell', { name: SUBJECT }).first().click();
    await page.getByText('Paper jams on every second page').waitFor();
    expect(await page.getByText('Facilities', { exact: true }).count()).toBe(1);
  }),
);
