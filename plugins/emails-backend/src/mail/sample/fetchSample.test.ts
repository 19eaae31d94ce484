import {
  buildTestMessage,
  DEFAULT_TEST_USERS,
  freePort,
  startTestBed,
  TestBed,
} from '@internal/emails-test-bed';
import { InputError } from '@backstage/errors';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bedTarget } from '../__testUtils__/bedTargets';
import { imapState, pop3Count } from '../__testUtils__/mailboxState';
import { failureHint } from '../diagnostics/hints';
import { MailProtocol, MailSecurity, MailTarget } from '../types';
import { SampleFetchError } from './errors';
import { fetchSample } from './fetchSample';

jest.setTimeout(60_000);

const EMPTY = 'empty@localhost';
const RICH = 'rich@localhost';
const BIG = 'big@localhost';
const rich = readFileSync(path.join(__dirname, '__fixtures__', 'rich.eml'));
let bed: TestBed;

beforeAll(async () => {
  bed = await startTestBed({
    users: [
      ...DEFAULT_TEST_USERS,
      ...[EMPTY, RICH, BIG].map(user => ({ user, password: `${user}-pw` })),
    ],
  });
  await bed.deliver(RICH, rich);
  await bed.deliver(
    RICH,
    buildTestMessage({ subject: 'A newer message', to: RICH }),
  );
  await bed.deliver(
    BIG,
    buildTestMessage({ subject: 'Large', to: BIG, body: 'x'.repeat(5000) }),
  );
}, 120_000);

afterAll(async () => {
  await bed?.stop();
});

function target(
  protocol: MailProtocol,
  security: MailSecurity,
  user: string,
  overrides: Partial<MailTarget> = {},
): MailTarget {
  return bedTarget(bed, protocol, security, {
    auth: { type: 'basic', username: user, password: bed.passwordOf(user) },
    ...overrides,
  });
}

const CASES: [MailProtocol, MailSecurity][] = [
  ['imap', 'none'],
  ['imap', 'starttls'],
  ['imap', 'ssl'],
  ['pop3', 'none'],
  ['pop3', 'starttls'],
  ['pop3', 'ssl'],
];

describe.each(CASES)('%s with security %s', (protocol, security) => {
  it('answers found: false for an empty mailbox', async () => {
    const sample = await fetchSample(target(protocol, security, EMPTY), {
      ca: bed.caPem,
    });
    expect(sample).toEqual({ found: false, to: [], cc: [], attachments: [] });
  });

  it('shows the oldest message and leaves the mailbox untouched', async () => {
    const before = await imapState(bed, RICH);
    const sample = await fetchSample(target(protocol, security, RICH), {
      ca: bed.caPem,
    });
    expect(sample).toMatchObject({
      found: true,
      messageId: '<rich-fixture-1@customer.example>',
      from: 'jane@customer.example',
      subject: 'Printer kaputt – bitte helfen',
      attachments: [
        { filename: 'invoice.pdf', contentType: 'application/pdf' },
      ],
      ticket: {
        title: 'Printer kaputt – bitte helfen',
        requester: 'jane@customer.example',
      },
    });
    expect(sample.textExcerpt).toContain('\n.a line that starts with a dot\n');
    expect(sample.sizeBytes).toBeGreaterThanOrEqual(rich.length);
    // Same messages, and no flag set: \Seen in particular.
    expect(await imapState(bed, RICH)).toEqual(before);
    expect(before).toHaveLength(2);
    expect(before.every(m => m.flags.length === 0)).toBe(true);
    expect(await pop3Count(bed, RICH)).toBe(2);
  });

  it('samples only the headers of a message above the size cap', async () => {
    const sample = await fetchSample(target(protocol, security, BIG), {
      ca: bed.caPem,
      maxRawBytes: 1000,
    });
    expect(sample.subject).toBe('Large');
    expect(sample.sizeBytes).toBeGreaterThan(5000);
    expect(sample.textExcerpt).toBeUndefined();
  });
});

describe('fetchSample', () => {
  it('reads the same sample over IMAP and POP3', async () => {
    const overImap = await fetchSample(target('imap', 'ssl', RICH), {
      ca: bed.caPem,
    });
    const overPop3 = await fetchSample(target('pop3', 'ssl', RICH), {
      ca: bed.caPem,
    });
    expect({ ...overPop3, sizeBytes: 0 }).toEqual({
      ...overImap,
      sizeBytes: 0,
    });
  });

  it('signs in to IMAP with an OAuth token', async () => {
    const accessToken = await bed.issueAccessToken(RICH);
    const sample = await fetchSample(
      target('imap', 'ssl', RICH, {
        auth: { type: 'oauth', username: RICH, accessToken },
      }),
      { ca: bed.caPem },
    );
    expect(sample.found).toBe(true);
  });

  it.each<[MailProtocol]>([['imap'], ['pop3']])(
    'rejects a wrong %s password with the hint of Test Connection and no secret',
    async protocol => {
      const password = 'Wrong-But-Secret-99';
      const t = target(protocol, 'ssl', RICH, {
        auth: { type: 'basic', username: RICH, password },
      });
      const error: SampleFetchError = await fetchSample(t, {
        ca: bed.caPem,
      }).catch(e => e);
      expect(error).toBeInstanceOf(SampleFetchError);
      expect(error.stage).toBe('auth');
      expect(error.hint).toBe(
        failureHint('bad-credentials', {
          protocol,
          security: 'ssl',
          port: t.port,
        }),
      );
      expect(`${error.message} ${error.hint}`).not.toContain(password);
    },
  );

  it.each<[MailProtocol]>([['imap'], ['pop3']])(
    'rejects a closed %s port at the tcp stage',
    async protocol => {
      const t = target(protocol, 'none', RICH, { port: await freePort() });
      await expect(fetchSample(t)).rejects.toMatchObject({
        name: 'SampleFetchError',
        stage: 'tcp',
      });
    },
  );

  it('rejects an untrusted certificate at the tls stage', async () => {
    await expect(
      fetchSample(target('imap', 'ssl', RICH)),
    ).rejects.toMatchObject({
      stage: 'tls',
      hint: failureHint('certificate-untrusted', {
        protocol: 'imap',
        security: 'ssl',
        port: bed.ports.imaps,
      }),
    });
  });

  it('refuses SMTP', async () => {
    await expect(
      fetchSample(target('smtp', 'starttls', RICH)),
    ).rejects.toBeInstanceOf(InputError);
  });
});
