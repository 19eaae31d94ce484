import { ImapFlow, ImapFlowOptions } from 'imapflow';
import nodemailer from 'nodemailer';
import {
  buildTestMessage,
  fetchTrustingCa,
  forgeAccessToken,
  imapXoauth2Login,
  LineSocket,
  Pop3Client,
  pop3Command,
  startTestBed,
  TestBed,
  TlsMode,
} from './index';

jest.setTimeout(60_000);

let bed: TestBed;
const SUPPORT = 'support@localhost';
const ALICE = 'alice@localhost';
const DOT_LINE = '.a line that starts with a dot';

beforeAll(async () => {
  bed = await startTestBed();
}, 120_000);

afterAll(async () => {
  await bed?.stop();
});

function imapOptions(overrides: Partial<ImapFlowOptions>): ImapFlowOptions {
  return {
    host: bed.host,
    port: bed.ports.imap,
    secure: false,
    doSTARTTLS: false,
    tls: { ca: bed.caPem },
    auth: { user: SUPPORT, pass: bed.passwordOf(SUPPORT) },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    ...overrides,
  };
}

async function withImap<T>(
  overrides: Partial<ImapFlowOptions>,
  use: (c: ImapFlow) => Promise<T>,
): Promise<T> {
  const client = new ImapFlow(imapOptions(overrides));
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    client.close();
    throw error;
  }
  try {
    return await use(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Connects and logs out; rejects with imapflow's error when the login fails. */
async function imapLogin(overrides: Partial<ImapFlowOptions>): Promise<void> {
  await withImap(overrides, async () => undefined);
}

const xoauth2 = (user: string, token: string) =>
  imapXoauth2Login(
    { host: bed.host, port: bed.ports.imaps, tls: 'implicit', ca: bed.caPem },
    user,
    token,
  );

describe('IMAP', () => {
  it('logs in without TLS', async () => {
    await withImap({}, async client => {
      expect(client.secureConnection).toBe(false);
      expect(client.authenticated).toBeTruthy();
    });
  });

  it('logs in after STARTTLS, trusting the test CA', async () => {
    await withImap({ doSTARTTLS: true }, async client => {
      expect(client.secureConnection).toBe(true);
      expect(client.authenticated).toBeTruthy();
    });
  });

  it('logs in over implicit TLS (IMAPS)', async () => {
    await withImap({ port: bed.ports.imaps, secure: true }, async client => {
      expect(client.secureConnection).toBe(true);
      const paths = (await client.list()).map(m => m.path);
      expect(paths).toEqual(expect.arrayContaining(['INBOX', 'Sent', 'Trash']));
    });
  });

  it('refuses a wrong password', async () => {
    await expect(
      imapLogin({ auth: { user: SUPPORT, pass: 'wrong' } }),
    ).rejects.toMatchObject({ authenticationFailed: true });
  });
});

describe.each<[string, TlsMode, () => number]>([
  ['plain', 'none', () => bed.ports.pop3],
  ['STLS', 'starttls', () => bed.ports.pop3],
  ['implicit TLS (POP3S)', 'implicit', () => bed.ports.pop3s],
])('POP3 %s', (_name, tls, port) => {
  it('logs in and answers STAT', async () => {
    const client = await Pop3Client.connect({
      host: bed.host,
      port: port(),
      tls,
      ca: bed.caPem,
    });
    try {
      expect(client.encrypted).toBe(tls !== 'none');
      await client.login(SUPPORT, bed.passwordOf(SUPPORT));
      expect((await client.stat()).count).toBeGreaterThanOrEqual(0);
    } finally {
      await client.quit();
    }
  });
});

describe('LMTP delivery', () => {
  const subject = `LMTP delivery ${Date.now()}`;

  beforeAll(async () => {
    const body = `Hello.\n${DOT_LINE}\n`;
    await bed.deliver(ALICE, buildTestMessage({ subject, to: ALICE, body }));
  });

  it('is visible over IMAP', async () => {
    const auth = { user: ALICE, pass: bed.passwordOf(ALICE) };
    await withImap({ auth, doSTARTTLS: true }, async client => {
      const lock = await client.getMailboxLock('INBOX');
      try {
        const all = await client.fetchAll('1:*', {
          envelope: true,
          source: true,
        });
        const match = all.find(m => m.envelope?.subject === subject);
        expect(match?.source?.toString()).toContain(`\r\n${DOT_LINE}\r\n`);
      } finally {
        lock.release();
      }
    });
  });

  it('is visible over POP3 (STAT, LIST, RETR)', async () => {
    const [stat, list, retr] = await pop3Command(
      {
        host: bed.host,
        port: bed.ports.pop3s,
        tls: 'implicit',
        ca: bed.caPem,
        user: ALICE,
        password: bed.passwordOf(ALICE),
      },
      ['STAT', 'LIST', 'RETR 1'],
    );
    expect(stat.status).toMatch(/^\+OK [1-9]\d* \d+$/);
    expect(list.lines[0]).toMatch(/^1 \d+$/);
    expect(retr.lines).toContain(`Subject: ${subject}`);
    expect(retr.lines).toContain(DOT_LINE);
  });

  it('reports an unknown recipient', async () => {
    const raw = buildTestMessage({ subject: 'lost' });
    await expect(bed.deliver('nobody-here@localhost', raw)).rejects.toThrow(
      /nobody-here@localhost/,
    );
  });
});

describe('submission', () => {
  const transportOptions = () => ({
    host: bed.host,
    port: bed.ports.submission,
    secure: false,
    requireTLS: true,
    tls: { ca: bed.caPem },
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
  });

  it('relays an authenticated STARTTLS submission to the SMTP sink', async () => {
    const transport = nodemailer.createTransport({
      ...transportOptions(),
      auth: { user: SUPPORT, pass: bed.passwordOf(SUPPORT) },
    });
    const subject = `submission ${Date.now()}`;
    try {
      await transport.sendMail({
        envelope: { from: SUPPORT, to: ['customer@example.test'] },
        raw: buildTestMessage({
          subject,
          from: SUPPORT,
          to: 'customer@example.test',
        }),
      });
    } finally {
      transport.close();
    }
    const received = await bed.waitForMessage(
      m => m.raw.toString().includes(subject),
      20_000,
    );
    expect(received.from).toBe(SUPPORT);
    expect(received.to).toEqual(['customer@example.test']);
    expect(bed.messages).toContain(received);
  });

  it('refuses to relay without authentication', async () => {
    const transport = nodemailer.createTransport(transportOptions());
    try {
      const envelope = { from: SUPPORT, to: ['x@example.test'] };
      const raw = buildTestMessage({ subject: 'unauthenticated' });
      await expect(transport.sendMail({ envelope, raw })).rejects.toThrow();
    } finally {
      transport.close();
    }
  });
});

describe('OAuth2', () => {
  it('logs in over IMAP with a token from the OAuth server (imapflow)', async () => {
    const accessToken = await bed.issueAccessToken(SUPPORT);
    const auth = { user: SUPPORT, accessToken };
    await withImap({ port: bed.ports.imaps, secure: true, auth }, async c => {
      expect(c.authenticated).toBeTruthy();
    });
  });

  it('logs in with AUTHENTICATE XOAUTH2', async () => {
    const token = await bed.issueAccessToken(SUPPORT);
    expect(await xoauth2(SUPPORT, token)).toMatch(/^a1 OK/);
  });

  it('refuses forged, tampered, garbage, expired and wrong-user tokens', async () => {
    const genuine = await bed.issueAccessToken(SUPPORT);
    const aliceToken = await bed.issueAccessToken(ALICE);
    const expired = await bed.issueAccessToken(SUPPORT, {
      expiresInSeconds: -60,
    });
    const [, , aliceSignature] = aliceToken.split('.');
    const [header, claims] = forgeAccessToken(aliceToken, {
      username: SUPPORT,
    }).split('.');
    const tampered = `${header}.${claims}.${aliceSignature}`;
    const refused = [
      forgeAccessToken(genuine),
      tampered,
      'not-a-token',
      expired,
      aliceToken,
    ];
    for (const token of refused) {
      expect(await xoauth2(SUPPORT, token)).toMatch(/^a1 NO/);
    }
  });

  it('refuses a forged token through imapflow too', async () => {
    const accessToken = forgeAccessToken(await bed.issueAccessToken(SUPPORT));
    const auth = { user: SUPPORT, accessToken };
    await expect(
      imapLogin({ port: bed.ports.imaps, secure: true, auth }),
    ).rejects.toMatchObject({ authenticationFailed: true });
  });

  it('issues working tokens over HTTPS (password grant) and advertises them', async () => {
    const fetchCa = fetchTrustingCa(bed.caPem);
    const discovery = await (await fetchCa(bed.oauth.discoveryUrl)).json();
    expect(discovery.introspection_endpoint).toBe(bed.oauth.introspectionUrl);
    const response = await fetchCa(bed.oauth.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', username: ALICE }),
    });
    const { access_token: token } = await response.json();
    expect(await xoauth2(ALICE, token)).toMatch(/^a1 OK/);
  });

  it('refuses a revoked token', async () => {
    const token = await bed.issueAccessToken(SUPPORT);
    bed.oauthServer.revokeAccessToken(token);
    expect(await xoauth2(SUPPORT, token)).toMatch(/^a1 NO/);
  });
});

describe('stop', () => {
  it('is idempotent and frees the ports', async () => {
    const other = await startTestBed({
      users: [{ user: 'solo@localhost', password: 'solo-password' }],
    });
    const { imap } = other.ports;
    await Promise.all([other.stop(), other.stop()]);
    await other.stop();
    const probe = await LineSocket.connect({
      host: other.host,
      port: imap,
      timeoutMs: 2000,
    }).then(
      s => {
        s.close();
        return 'open';
      },
      () => 'closed',
    );
    expect(probe).toBe('closed');
  });
});
