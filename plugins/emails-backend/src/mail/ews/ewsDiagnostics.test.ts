// Test Connection for EWS servers, against the test bed's local HTTPS
// stand-in for Exchange Web Services (documented SOAP shapes, not
// Microsoft's server).
import {
  EwsPeer,
  startBedEwsPeer,
  startTestBed,
  TestBed,
} from '@internal/emails-test-bed';
import { testEwsConnection, EwsTestInput } from './ewsDiagnostics';
import { EwsTarget } from './ewsSession';

jest.setTimeout(60_000);

const ACCOUNT = 'support@localhost';
const PASSWORD = 'support-password';

describe('testEwsConnection', () => {
  let bed: TestBed;
  let ews: EwsPeer;
  beforeAll(async () => {
    bed = await startTestBed();
    ews = await startBedEwsPeer(bed);
  });
  afterAll(async () => {
    await ews?.stop();
    await bed?.stop();
  });

  const input = (
    target: Partial<EwsTarget> = {},
    over: Partial<EwsTestInput> = {},
  ): EwsTestInput => ({
    target: {
      url: ews.url,
      mailbox: ACCOUNT,
      auth: { type: 'ntlm', username: ACCOUNT, password: PASSWORD },
      impersonate: false,
      ca: [bed.caPem],
      ...target,
    },
    direction: 'incoming',
    timeoutMs: 5_000,
    ...over,
  });

  const failed = (result: { stages: { ok: boolean }[] }) =>
    result.stages.find(s => !s.ok) as
      | { stage: string; message: string; hint?: string }
      | undefined;

  it('passes every stage with NTLM, opening the Inbox and naming the folders it files into', async () => {
    ews.mailbox(ACCOUNT).deliver(Buffer.from('Subject: one\r\n\r\nx\r\n'));
    const seen: string[] = [];
    const result = await testEwsConnection(
      input(
        {},
        {
          folders: { inbox: 'INBOX', success: 'Processed', fail: 'Inbox' },
          onStage: s => seen.push(s.stage),
        },
      ),
    );
    expect(result.stages.map(s => [s.stage, s.ok])).toEqual([
      ['dns', true],
      ['tcp', true],
      ['tls', true],
      ['auth', true],
      ['protocol', true],
    ]);
    expect(seen).toEqual(['dns', 'tcp', 'tls', 'auth', 'protocol']);
    expect(result.stages[3].message).toBe(
      'Exchange accepted the NTLM credentials',
    );
    expect(result.stages[4].message).toMatch(
      /^Opened the Inbox of support@localhost \(\d+ messages\); Processed will be created on first use$/,
    );
    expect(ews.requests).toContain('GetFolder NTLM');
  });

  it('checks the Sent Items of an outgoing server, with an OAuth token and its scopes', async () => {
    const result = await testEwsConnection(
      input(
        {
          auth: {
            type: 'oauth',
            token: () => bed.issueAccessToken(ACCOUNT),
          },
        },
        { direction: 'outgoing', scopes: ['EWS.AccessAsUser.All'] },
      ),
    );
    expect(result.ok).toBe(true);
    expect(result.stages[3].message).toBe(
      'Exchange accepted the access token for EWS.AccessAsUser.All',
    );
    expect(result.stages[4].message).toMatch(/^Opened the Sent Items of/);
  });

  it.each([
    ['ntlm', /DOMAIN\\user/],
    ['basic', /Basic authentication/],
  ] as const)(
    'fails at auth for a wrong %s password, with a hint',
    async (type, hint) => {
      const result = await testEwsConnection(
        input({ auth: { type, username: ACCOUNT, password: 'nope-secret' } }),
      );
      expect(result.ok).toBe(false);
      const stage = failed(result)!;
      expect(stage.stage).toBe('auth');
      expect(stage.message).toBe('Exchange refused the credentials (HTTP 401)');
      expect(stage.hint).toMatch(hint);
      expect(JSON.stringify(result)).not.toContain('nope-secret');
    },
  );

  it('fails at auth when the OAuth sign-in is missing, with its own hint', async () => {
    const result = await testEwsConnection(
      input(
        {
          auth: {
            type: 'oauth',
            token: async () => {
              throw new Error('not used');
            },
          },
        },
        {
          tokenFailure: {
            message: 'Nobody has signed in yet',
            hint: 'Sign in with Microsoft',
          },
        },
      ),
    );
    expect(failed(result)).toMatchObject({
      stage: 'auth',
      message: 'Nobody has signed in yet',
      hint: 'Sign in with Microsoft',
    });
  });

  it('names the missing permission at protocol: impersonation and delegate access', async () => {
    const shared = 'diag-shared@localhost';
    const impersonating = await testEwsConnection(
      input({ mailbox: shared, impersonate: true }),
    );
    expect(failed(impersonating)).toMatchObject({
      stage: 'protocol',
      message: `Exchange refused impersonation of ${shared} (ErrorImpersonateUserDenied)`,
    });
    expect(failed(impersonating)!.hint).toMatch(/ApplicationImpersonation/);
    // The credentials themselves were fine.
    expect(impersonating.stages[3]).toMatchObject({ stage: 'auth', ok: true });

    const delegated = await testEwsConnection(input({ mailbox: shared }));
    expect(failed(delegated)).toMatchObject({
      stage: 'protocol',
      message: `Exchange denied access to the mailbox ${shared} (ErrorAccessDenied)`,
    });
    expect(failed(delegated)!.hint).toMatch(/Full Access/);
  });

  it('says when the mailbox does not exist', async () => {
    ews.grantImpersonation(ACCOUNT);
    const result = await testEwsConnection(
      input({ mailbox: 'nobody@example.com', impersonate: true }),
    );
    expect(failed(result)).toMatchObject({
      stage: 'protocol',
      message:
        'Exchange has no mailbox nobody@example.com (ErrorNonExistentMailbox)',
    });
  });

  it('fails at tls when the certificate is not trusted', async () => {
    const result = await testEwsConnection(input({ ca: undefined }));
    expect(failed(result)).toMatchObject({ stage: 'tls' });
    expect(failed(result)!.hint).toMatch(/trustedCertificates/);
  });
});
