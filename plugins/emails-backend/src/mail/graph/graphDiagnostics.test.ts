// Test Connection for Microsoft Graph servers, against the test bed's local
// HTTPS stand-in for Graph (documented shapes, not Microsoft's service).
import {
  GraphPeer,
  startBedGraphPeer,
  startTestBed,
  TestBed,
} from '@internal/emails-test-bed';
import { oauthFetch } from '../../oauth/http';
import { tokenError } from '../../oauth/failures';
import { testGraphConnection } from './graphDiagnostics';

jest.setTimeout(60_000);

describe('testGraphConnection', () => {
  let bed: TestBed;
  let graph: GraphPeer;
  beforeAll(async () => {
    bed = await startTestBed();
    graph = await startBedGraphPeer(bed);
  });
  afterAll(async () => {
    await graph?.stop();
    await bed?.stop();
  });

  const input = (
    over: Partial<Parameters<typeof testGraphConnection>[0]> = {},
  ) => ({
    endpoint: graph.endpoint,
    mailbox: 'support@localhost',
    direction: 'incoming' as const,
    token: async () => ({
      token: await bed.issueAccessToken('support@localhost'),
      scopes: ['https://graph.microsoft.com/.default'],
    }),
    fetch: oauthFetch([bed.caPem], 5_000),
    ca: [bed.caPem],
    timeoutMs: 5_000,
    ...over,
  });

  it('passes every stage and opens the Inbox, streaming each stage', async () => {
    const seen: string[] = [];
    const result = await testGraphConnection(
      input({ onStage: s => seen.push(s.stage) }),
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
      'Got an access token for https://graph.microsoft.com/.default',
    );
    expect(result.stages[4].message).toMatch(
      /^Opened the Inbox of support@localhost/,
    );
    expect(result.ok).toBe(true);
  });

  it('names the permission a mailbox lacks, and a mailbox Graph does not know', async () => {
    graph.denyRead('alice@localhost');
    const denied = await testGraphConnection(
      input({ mailbox: 'alice@localhost' }),
    );
    expect(denied.stages[4]).toMatchObject({ stage: 'protocol', ok: false });
    expect(denied.stages[4].message).toContain('403 ErrorAccessDenied');
    expect(denied.stages[4].hint).toContain('Mail.ReadWrite');
    const sending = await testGraphConnection(
      input({ mailbox: 'alice@localhost', direction: 'outgoing' }),
    );
    expect(sending.stages[4].hint).toContain('Mail.Send');
    const unknown = await testGraphConnection(
      input({ mailbox: 'nobody@example.com' }),
    );
    expect(unknown.stages[4].message).toContain('404 ErrorInvalidUser');
  });

  it('stops at auth with the token failure and its hint, and at tls without the CA', async () => {
    const noToken = await testGraphConnection(
      input({
        token: async () =>
          Promise.reject(tokenError('revoked', 'invalid_grant, AADSTS65001')),
      }),
    );
    expect(noToken.stages.map(s => s.stage)).toEqual([
      'dns',
      'tcp',
      'tls',
      'auth',
    ]);
    expect(noToken.stages[3].message).toContain('consent was revoked');
    expect(noToken.stages[3].hint).toMatch(/Sign in again/);
    const refused = await testGraphConnection(
      input({ token: async () => ({ token: 'forged' }) }),
    );
    expect(refused.stages[4].message).toContain(
      '401 InvalidAuthenticationToken',
    );
    const untrusted = await testGraphConnection(input({ ca: undefined }));
    expect(untrusted.stages.map(s => [s.stage, s.ok])).toEqual([
      ['dns', true],
      ['tcp', true],
      ['tls', false],
    ]);
    expect(untrusted.stages[2].hint).toContain(
      'emails.tls.trustedCertificates',
    );
  });
});
