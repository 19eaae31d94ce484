import {
  DEFAULT_TEST_USERS,
  forgeAccessToken,
  startTestBed,
  TestBed,
} from '@internal/emails-test-bed';
import { ConnectionStage } from '@internal/plugin-emails-common';
import { bedTarget, SUPPORT } from '../__testUtils__/bedTargets';
import { expectFailure } from '../__testUtils__/expectFailure';
import { startScriptedServer } from '../__testUtils__/scriptedServer';
import { secretForms } from '../secrets';
import { MailProtocol, MailSecurity } from '../types';
import { testConnection } from './testConnection';

jest.setTimeout(60_000);

const BLOCKED = 'blocked@localhost';
const TRICKY = 'tricky@localhost';
// Quotes, a backslash, a space and non-ASCII: LOGIN must quote or use a literal.
const TRICKY_PASSWORD = 'p "w\\d ü-Passwort';
let bed: TestBed;

beforeAll(async () => {
  bed = await startTestBed({
    users: [
      ...DEFAULT_TEST_USERS,
      { user: TRICKY, password: TRICKY_PASSWORD },
      {
        user: BLOCKED,
        password: 'blocked-password',
        refusedProtocols: {
          imap: 'IMAP access is disabled for this account',
          pop3: 'POP3 access is not enabled for this account',
          submission: 'SMTP submission is disabled for this account',
        },
      },
    ],
  });
}, 120_000);

afterAll(async () => {
  await bed?.stop();
});

const basic = (username: string, password: string) =>
  ({ auth: { type: 'basic', username, password } } as const);

const PROTOCOLS: [MailProtocol, MailSecurity][] = [
  ['imap', 'starttls'],
  ['pop3', 'ssl'],
  ['smtp', 'starttls'],
];

describe('authentication credentials', () => {
  it.each(PROTOCOLS)(
    'reports a wrong %s password',
    async (protocol, security) => {
      const target = bedTarget(
        bed,
        protocol,
        security,
        basic(SUPPORT, 'wrong-password'),
      );
      const result = await testConnection(target, { ca: bed.caPem });
      const message = expectFailure(result, target, 'auth', 'bad-credentials');
      expect(message).toContain('refused the sign-in');
    },
  );

  it.each(PROTOCOLS)(
    'reports a forged %s OAuth token',
    async (protocol, security) => {
      const accessToken = forgeAccessToken(await bed.issueAccessToken(SUPPORT));
      const target = bedTarget(bed, protocol, security, {
        auth: { type: 'oauth', username: SUPPORT, accessToken },
      });
      const result = await testConnection(target, { ca: bed.caPem });
      const message = expectFailure(result, target, 'auth', 'oauth-rejected');
      expect(message).toContain('token status 401');
    },
  );

  it('signs in over IMAP with a password that needs quoting and a literal', async () => {
    const target = bedTarget(
      bed,
      'imap',
      'none',
      basic(TRICKY, TRICKY_PASSWORD),
    );
    const result = await testConnection(target);
    expect(result.ok).toBe(true);
  });

  it('needs credentials for IMAP', async () => {
    const target = bedTarget(bed, 'imap', 'ssl', { auth: { type: 'none' } });
    const result = await testConnection(target, { ca: bed.caPem });
    const message = expectFailure(result, target, 'auth', 'auth-required');
    expect(message).toContain('without a sign-in');
  });

  it('skips SMTP auth as not needed, then reports that the server wants it', async () => {
    const target = bedTarget(bed, 'smtp', 'starttls', {
      auth: { type: 'none' },
    });
    const result = await testConnection(target, { ca: bed.caPem });
    expect(result.stages[3]).toMatchObject({
      stage: 'auth',
      ok: true,
      skipped: true,
    });
    expect(result.stages[3].message).toMatch(/^Not needed/);
    expectFailure(result, target, 'protocol', 'auth-required');
  });
});

describe('protocol availability', () => {
  it.each(PROTOCOLS)(
    'reports %s switched off for the account',
    async (protocol, security) => {
      const target = bedTarget(
        bed,
        protocol,
        security,
        basic(BLOCKED, 'blocked-password'),
      );
      const result = await testConnection(target, { ca: bed.caPem });
      const message = expectFailure(
        result,
        target,
        'auth',
        'protocol-disabled',
      );
      expect(message).toMatch(/disabled|not enabled/);
    },
  );

  it('still reports a wrong password of that account as such', async () => {
    const target = bedTarget(bed, 'imap', 'ssl', basic(BLOCKED, 'wrong'));
    const result = await testConnection(target, { ca: bed.caPem });
    const message = expectFailure(result, target, 'auth', 'bad-credentials');
    expect(message).toContain('AUTHENTICATIONFAILED');
  });
});

describe('secrets', () => {
  const PASSWORD = 'Very-Secret-Password-42';

  function expectNoSecret(
    stages: ConnectionStage[],
    secret: string,
    user: string,
  ) {
    const shown = JSON.stringify(stages);
    for (const form of secretForms(secret, user)) {
      expect(shown).not.toContain(form);
    }
  }

  it('never shows the password or token in any stage, even when the server echoes it', async () => {
    // A server that repeats every command in its refusal, secrets included.
    const echo = await startScriptedServer('* OK echo ready\r\n', line => {
      const [tag, command] = line.split(' ');
      if (command === 'CAPABILITY') {
        return `* CAPABILITY IMAP4rev1 AUTH=XOAUTH2 SASL-IR\r\n${tag} OK done\r\n`;
      }
      return `${tag} NO [AUTHENTICATIONFAILED] refused: ${line}\r\n`;
    });
    try {
      const token = await bed.issueAccessToken(SUPPORT);
      const seen: ConnectionStage[] = [];
      for (const auth of [
        basic(SUPPORT, PASSWORD).auth,
        { type: 'oauth', username: SUPPORT, accessToken: token } as const,
      ]) {
        const target = bedTarget(bed, 'imap', 'none', {
          port: echo.port,
          auth,
        });
        const result = await testConnection(target, {
          onStage: s => seen.push(s),
        });
        expect(result.stages[3].message).toContain('refused: ');
        expectNoSecret([...result.stages, ...seen], PASSWORD, SUPPORT);
        expectNoSecret([...result.stages, ...seen], token, SUPPORT);
      }
      expect(echo.received.join('\n')).toContain(PASSWORD);
    } finally {
      await echo.close();
    }
  });

  it('never shows the password in a refusal from the real server', async () => {
    const target = bedTarget(bed, 'pop3', 'none', basic(SUPPORT, PASSWORD));
    const result = await testConnection(target);
    expect(result.ok).toBe(false);
    expectNoSecret(result.stages, PASSWORD, SUPPORT);
  });
});
