import { ConnectionStage } from '@internal/plugin-emails-common';
import { startTestBed, TestBed } from '@internal/emails-test-bed';
import { bedTarget, SUPPORT } from '../__testUtils__/bedTargets';
import { MailProtocol, MailSecurity } from '../types';
import { testConnection } from './testConnection';

jest.setTimeout(60_000);

let bed: TestBed;

beforeAll(async () => {
  bed = await startTestBed();
}, 120_000);

afterAll(async () => {
  await bed?.stop();
});

const ALL_STAGES = ['dns', 'tcp', 'tls', 'auth', 'protocol'];

function expectAllPassed(stages: ConnectionStage[]) {
  expect(stages.map(s => s.stage)).toEqual(ALL_STAGES);
  for (const stage of stages) {
    expect(stage.ok).toBe(true);
    expect(stage.hint).toBeUndefined();
    expect(Number.isFinite(stage.ms) && stage.ms >= 0).toBe(true);
    expect(stage.message).not.toBe('');
  }
}

describe.each<[MailProtocol, MailSecurity]>([
  ['imap', 'none'],
  ['imap', 'starttls'],
  ['imap', 'ssl'],
  ['pop3', 'none'],
  ['pop3', 'starttls'],
  ['pop3', 'ssl'],
  ['smtp', 'starttls'],
])('%s with security %s', (protocol, security) => {
  it('passes every stage with a password', async () => {
    const result = await testConnection(bedTarget(bed, protocol, security), {
      ca: bed.caPem,
    });
    expect(result.ok).toBe(true);
    expectAllPassed(result.stages);
    const tls = result.stages[2];
    expect(tls.skipped === true).toBe(security === 'none');
    expect(tls.message).toMatch(
      security === 'none' ? /not encrypted/ : /TLSv1\.[23]/,
    );
    expect(result.sentMessageId).toBeUndefined();
  });

  it('passes every stage with an OAuth token (XOAUTH2)', async () => {
    const accessToken = await bed.issueAccessToken(SUPPORT);
    const result = await testConnection(
      bedTarget(bed, protocol, security, {
        auth: { type: 'oauth', username: SUPPORT, accessToken },
      }),
      { ca: bed.caPem },
    );
    expect(result.ok).toBe(true);
    expectAllPassed(result.stages);
    expect(result.stages[3].message).toContain('XOAUTH2');
  });
});

describe('stage details', () => {
  it('says what each stage of an IMAP run checked', async () => {
    const { stages } = await testConnection(
      bedTarget(bed, 'imap', 'starttls'),
      { ca: bed.caPem },
    );
    expect(stages[0].message).toContain('nothing to resolve');
    expect(stages[1].message).toContain('greeted as IMAP');
    expect(stages[2].message).toContain('STARTTLS');
    expect(stages[3].message).toContain(`Signed in as ${SUPPORT}`);
    expect(stages[4].message).toContain('EXAMINE');
  });

  it('checks SMTP with MAIL FROM and RCPT TO and sends nothing', async () => {
    bed.smtpSink.clear();
    const { stages } = await testConnection(
      bedTarget(bed, 'smtp', 'starttls'),
      { ca: bed.caPem },
    );
    expect(stages[4].message).toContain('nothing was sent');
    expect(bed.messages).toHaveLength(0);
  });

  it('resolves a host name through the injected lookup and checks the certificate against it', async () => {
    const lookup = jest.fn(async () => ({ address: bed.host, family: 4 }));
    const result = await testConnection(
      bedTarget(bed, 'imap', 'ssl', { host: 'localhost' }),
      { ca: bed.caPem, lookup },
    );
    expect(lookup).toHaveBeenCalledWith('localhost');
    expect(result.ok).toBe(true);
    expect(result.stages[0].message).toBe(`localhost resolved to ${bed.host}`);
  });

  it('reports each stage to onStage as it finishes, in order', async () => {
    const seen: ConnectionStage[] = [];
    const result = await testConnection(bedTarget(bed, 'pop3', 'ssl'), {
      ca: bed.caPem,
      onStage: stage => seen.push(stage),
    });
    expect(seen).toEqual(result.stages);
  });

  it('finishes the run even when onStage throws', async () => {
    const result = await testConnection(bedTarget(bed, 'imap', 'none'), {
      onStage: () => {
        throw new Error('listener broke');
      },
    });
    expect(result.ok).toBe(true);
    expect(result.stages).toHaveLength(5);
  });
});

describe('SMTP with sendTestTo', () => {
  it('sends a real test message that arrives at the sink', async () => {
    const to = `check-${Date.now()}@example.test`;
    const result = await testConnection(bedTarget(bed, 'smtp', 'starttls'), {
      ca: bed.caPem,
      sendTestTo: { from: SUPPORT, to },
      clientName: 'tester.example.test',
    });
    expect(result.ok).toBe(true);
    expect(result.sentMessageId).toMatch(/^<[^@>]+@localhost>$/);
    expect(result.stages[4].message).toContain(result.sentMessageId);

    const arrived = await bed.waitForMessage(m => m.to.includes(to), 20_000);
    expect(arrived.from).toBe(SUPPORT);
    const raw = arrived.raw.toString('utf8');
    expect(raw).toContain(`Message-ID: ${result.sentMessageId}`);
    expect(raw).toContain('Auto-Submitted: auto-generated');
  });
});
