// Hostile markup in every field of a mail that reaches a page (subject,
// sender and CC names, text and HTML bodies, attachment names) and in the
// names an admin types, rendered by the real portal in Chromium: nothing may
// run and nothing may load from outside this machine, also after "Show
// images" (when only images may load, and the test still keeps them here).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  launchBrowser,
  signInAsGuest,
  withScreenshotOnFailure,
} from './__testUtils__/browser';
import { scriptRequester } from './__testUtils__/journeyApi';
import { pushToDemoMailbox } from './__testUtils__/journeyMail';
import { Portal, startPortal } from './__testUtils__/portal';
import { XSS_PAYLOADS } from './security/xssPayloads';

const STATIC_TOKEN = 'e2e-xss-token-8d1e4b';
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

jest.setTimeout(600_000);

let portal: Portal;
let api: ReturnType<typeof scriptRequester>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Payload ids whose script ran (through the `__xss` binding or a dialog). */
const ran: string[] = [];
/** Requests that would have left this machine, with the phase they came in. */
const remote: { url: string; type: string; frame: string }[] = [];

beforeAll(async () => {
  portal = await startPortal({ env: { BACKEND_STATIC_TOKEN: STATIC_TOKEN } });
  api = scriptRequester(portal.backendUrl, STATIC_TOKEN);
  browser = await launchBrowser();
  context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
  });
  // In every frame, including email frames, should one ever run scripts.
  await context.exposeBinding('__xss', (_source, id: string) => {
    ran.push(String(id));
  });
  await context.addInitScript(() => {
    const report = (kind: string) => (message?: unknown) =>
      (window as any).__xss?.(`${kind}:${String(message)}`);
    window.alert = report('alert');
    window.confirm = report('confirm') as any;
    window.prompt = report('prompt') as any;
  });
  // Nothing leaves the machine: anything not local is recorded and aborted.
  await context.route('**/*', async route => {
    const url = new URL(route.request().url());
    if (LOCAL_HOSTS.has(url.hostname)) {
      await route.continue();
      return;
    }
    remote.push({
      url: url.href,
      type: route.request().resourceType(),
      // Where it came from: the page, or an email frame (about:srcdoc).
      frame: route.request().frame().url().slice(0, 80),
    });
    await route.abort('blockedbyclient');
  });
  page = await context.newPage();
  page.on('dialog', dialog => {
    ran.push(`dialog:${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
});

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

const steps = (name: string, run: () => Promise<void>) => () =>
  withScreenshotOnFailure(page, name, run);

/** Every ticket, following the list's cursor (bounded). */
async function allTickets(): Promise<{ id: string; title: string }[]> {
  const all: { id: string; title: string }[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < 50; n++) {
    const { body } = await api(
      `/tickets${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    all.push(...(body.items ?? []));
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return all;
}

/** Lets pending loads and frames finish, bounded. */
async function settle() {
  await page
    .waitForLoadState('networkidle', { timeout: 5_000 })
    .catch(() => {});
}

const subjectOf = (id: string) => `XSS ${id}`;

test(
  'the detectors see a script that runs and a load that would leave the machine',
  steps('xss-detectors', async () => {
    await page.setContent(
      `<img src="x.png" onerror="__xss('probe')"><img src="http://xss.invalid/probe.png">`,
    );
    for (let n = 0; n < 50 && (ran.length === 0 || remote.length === 0); n++) {
      await new Promise(r => setTimeout(r, 100));
    }
    expect(ran).toEqual(['probe']);
    expect(remote.map(r => r.url)).toEqual(['http://xss.invalid/probe.png']);
    ran.length = 0;
    remote.length = 0;
  }),
);

test(
  'every payload arrives by mail in every field and becomes a ticket',
  steps('xss-mail', async () => {
    const sent = await pushToDemoMailbox(
      ...XSS_PAYLOADS.map(({ id, markup }) => ({
        from: { name: markup, address: `rita.${id}@example.com` },
        cc: { name: markup, address: `bob.${id}@example.com` },
        subject: `${subjectOf(id)} ${markup}`,
        text: `Plain ${id}: ${markup}`,
        // The remote image comes first, so no payload can swallow it.
        html: `<p>Html ${id}</p><img src="http://xss.invalid/${id}-img.png" alt="remote">${markup}`,
        attachments: [{ filename: `${markup}.txt`, content: `file ${id}` }],
      })),
    );
    for (const { response } of sent) expect(response).toMatch(/^250 /);
    // The 250 comes once the message is recorded; its ticket follows at once.
    let missing = [...XSS_PAYLOADS];
    for (let n = 0; n < 60 && missing.length; n++) {
      const titles = (await allTickets()).map(t => t.title);
      missing = XSS_PAYLOADS.filter(
        ({ id }) => !titles.some(t => t.startsWith(`${subjectOf(id)} `)),
      );
      if (missing.length) await new Promise(r => setTimeout(r, 500));
    }
    expect(missing.map(p => p.id)).toEqual([]);
  }),
);

test(
  'admin-typed names carry the payloads that fit them',
  steps('xss-names', async () => {
    const fitting = XSS_PAYLOADS.filter(p => p.markup.length <= 90).slice(
      0,
      12,
    );
    for (const { id, markup } of fitting) {
      const created = await api('/servers/incoming', {
        body: {
          name: markup,
          email: `xss-${id}@localhost`,
          protocol: 'smtp-push',
          enabled: false,
        },
      });
      expect(created.status).toBe(201);
    }
  }),
);

test(
  'the Requests page, every ticket page (also after Show images), the Messages tab and the admin pages run nothing and load nothing remote',
  steps('xss-render', async () => {
    await signInAsGuest(page, portal.appUrl);
    await page.goto(`${portal.appUrl}/requests`);
    // The newest request is on the first page.
    const newest = XSS_PAYLOADS[XSS_PAYLOADS.length - 1];
    await page
      .getByText(subjectOf(newest.id), { exact: false })
      .first()
      .waitFor();
    await settle();

    // The list itself loads nothing remote.
    expect(remote).toEqual([]);

    const tickets = (await allTickets()).filter(t =>
      t.title.startsWith('XSS '),
    );
    expect(tickets.length).toBe(XSS_PAYLOADS.length);
    /** Requests a ticket's own mail caused: its payload id is in every URL it names. */
    const own = (id: string, from: number) =>
      remote
        .slice(from)
        .filter(r => r.url.startsWith(`http://xss.invalid/${id}`));
    const blockedLoads: typeof remote = [];
    const shownLoads: typeof remote = [];
    let frames = 0;
    for (const ticket of tickets) {
      const id = ticket.title.split(' ')[1];
      const start = remote.length;
      await page.goto(`${portal.appUrl}/requests/${ticket.id}`);
      // The subject shows as text, payload and all.
      await page.getByText(ticket.title, { exact: false }).first().waitFor();
      await settle();
      blockedLoads.push(...own(id, start));
      const show = page.getByRole('button', { name: 'Show images' });
      if (await show.count()) {
        frames += 1;
        const shownFrom = remote.length;
        // Show images works: the mail's own remote image is asked for.
        await Promise.all([
          page.waitForRequest(
            r => r.url() === `http://xss.invalid/${id}-img.png`,
            { timeout: 15_000 },
          ),
          show.first().click(),
        ]);
        await settle();
        shownLoads.push(...own(id, shownFrom));
      }
    }
    // Every ticket's HTML body has a remote image, so each offered Show images.
    expect(frames).toBe(tickets.length);

    const beforeAdmin = remote.length;
    for (const tab of ['messages', 'incoming', 'audit']) {
      await page.goto(`${portal.appUrl}/emails/${tab}`);
      await settle();
    }
    // A message's drawer shows its facts and trace; a fresh page for each.
    for (let n = 1; n <= 10; n++) {
      await page.goto(`${portal.appUrl}/emails/messages`);
      const row = page.getByRole('row').nth(n);
      await row.waitFor();
      await row.click();
      await page.getByRole('presentation').first().waitFor();
      await settle();
    }

    expect(ran).toEqual([]);
    // Before Show images nothing remote; after it only images (which the
    // test still stops at the browser), and each mail's own image did load.
    expect(blockedLoads).toEqual([]);
    expect(shownLoads.filter(r => r.type !== 'image')).toEqual([]);
    // The admin pages and message drawers load nothing remote at all.
    expect(remote.slice(beforeAdmin)).toEqual([]);
  }),
);
