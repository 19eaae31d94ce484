import { startTestBed, TestBed } from '@internal/emails-test-bed';
import { outgoingServer } from './__testUtils__/localSmtp';
import { createSmtpTransport } from './smtpTransport';

jest.setTimeout(60_000);

describe('XOAUTH2 through Dovecot submission', () => {
  let bed: TestBed;
  beforeAll(async () => {
    bed = await startTestBed();
  });
  afterAll(() => bed?.stop());

  const server = () =>
    outgoingServer('oauth-submission', {
      port: bed.ports.submission,
      security: 'starttls',
      authNeeded: true,
      authType: 'oauth',
      username: 'support@localhost',
    });

  async function send(tokens: () => Promise<string>, subject: string) {
    const renewals: boolean[] = [];
    const transport = createSmtpTransport({
      record: server(),
      secrets: {},
      trustedCertificates: [bed.caPem],
      oauthToken: async renew => {
        renewals.push(renew);
        return { token: await tokens() };
      },
    });
    try {
      await transport.sendMail({
        envelope: { from: 'support@localhost', to: ['rita@example.com'] },
        raw: `From: support@localhost\r\nTo: rita@example.com\r\nSubject: ${subject}\r\n\r\nHello\r\n`,
      });
    } finally {
      transport.close();
    }
    return renewals;
  }

  it('sends a token longer than an SMTP line after the 334 continuation', async () => {
    // Padding claims make the token as long as a Microsoft 365 one (over 1000 octets).
    const token = await bed.issueAccessToken('support@localhost', {
      claims: { padding: 'x'.repeat(1500) },
    });
    expect(token.length).toBeGreaterThan(1500);
    expect(await send(async () => token, 'Long token')).toEqual([false]);
    const delivered = await bed.waitForMessage(m =>
      m.raw.toString().includes('Subject: Long token'),
    );
    expect(delivered.from).toBe('support@localhost');
  });

  it('asks for a renewed token once after a refusal, and names the refusal after the second', async () => {
    let calls = 0;
    const good = await bed.issueAccessToken('support@localhost');
    const renewals = await send(async () => {
      calls += 1;
      return calls === 1 ? 'revoked-token' : good;
    }, 'Renewed token');
    expect(renewals).toEqual([false, true]);
    await bed.waitForMessage(m =>
      m.raw.toString().includes('Subject: Renewed token'),
    );
    await expect(send(async () => 'never-valid', 'Refused')).rejects.toThrow(
      /XOAUTH2 refused: 535/,
    );
  });
});
