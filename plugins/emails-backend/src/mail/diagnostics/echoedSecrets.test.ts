import { ConnectionStage } from '@internal/plugin-emails-common';
import { randomBytes } from 'node:crypto';
import {
  startImapEchoPeer,
  startPop3EchoPeer,
  startSmtpEchoPeer,
} from '../__testUtils__/echoPeers';
import { ScriptedServer } from '../__testUtils__/scriptedServer';
import { expectNoSecret } from '../__testUtils__/secretLeaks';
import { MailAuth, MailProtocol, MailTarget } from '../types';
import { testConnection } from './testConnection';

jest.setTimeout(30_000);

const USER = 'support@localhost';
// Longer than the 160 characters a reply is cut to, and starting late in it.
const LONG_PASSWORD = `Long-${randomBytes(120).toString('hex')}`;
const TOKEN = `ya29.${randomBytes(40).toString('base64url')}`;

const peers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map(p => p.close()));
});

async function run(
  peer: Promise<ScriptedServer>,
  protocol: MailProtocol,
  auth: MailAuth,
) {
  const server = await peer;
  peers.push(server);
  const target: MailTarget = {
    protocol,
    host: '127.0.0.1',
    port: server.port,
    security: 'none',
    auth,
  };
  const streamed: ConnectionStage[] = [];
  const result = await testConnection(target, {
    onStage: stage => streamed.push(stage),
  });
  const auth4 = result.stages.find(s => s.stage === 'auth');
  return {
    server,
    auth: auth4!,
    said: JSON.stringify([result, streamed]),
  };
}

const basic = (password: string): MailAuth => ({
  type: 'basic',
  username: USER,
  password,
});
const oauth: MailAuth = { type: 'oauth', username: USER, accessToken: TOKEN };

describe('Test Connection against a server that echoes the credentials', () => {
  it('masks a long IMAP password before the reply is cut to 160 characters', async () => {
    const { server, auth, said } = await run(
      startImapEchoPeer(),
      'imap',
      basic(LONG_PASSWORD),
    );
    expect(server.received.join('\n')).toContain(LONG_PASSWORD);
    expect(auth).toMatchObject({ ok: false });
    expect(auth.message).toBe(
      `The username or password was not accepted: the IMAP server refused the sign-in: "NO [AUTHENTICATIONFAILED] Authentication failed: bad password *** for ${USER}"`,
    );
    expectNoSecret(said, LONG_PASSWORD, USER);
  });

  it.each(['a', 'ab'])(
    'masks a password of %p without garbling the reply',
    async password => {
      const { auth, said } = await run(
        startImapEchoPeer(),
        'imap',
        basic(password),
      );
      expect(auth.message).toContain(
        `"NO [AUTHENTICATIONFAILED] Authentication failed: bad password *** for ${USER}"`,
      );
      expect(auth.hint).toMatch(/^Check the username/);
      expectNoSecret(said, password, USER);
    },
  );

  it('masks an IMAP XOAUTH2 token and its payload', async () => {
    const { server, auth, said } = await run(
      startImapEchoPeer({ mechanisms: ['XOAUTH2'] }),
      'imap',
      oauth,
    );
    expect(server.received.join('\n')).toContain('AUTHENTICATE XOAUTH2');
    expect(auth.message).toContain('Authentication failed: bad password ***');
    expectNoSecret(said, TOKEN, USER);
  });

  it.each([
    ['PLAIN', basic(LONG_PASSWORD), LONG_PASSWORD],
    ['LOGIN', basic(LONG_PASSWORD), LONG_PASSWORD],
    ['XOAUTH2', oauth, TOKEN],
  ])(
    'masks SMTP AUTH %s credentials and their base64',
    async (mech, a, secret) => {
      const { server, auth, said } = await run(
        startSmtpEchoPeer([mech]),
        'smtp',
        a,
      );
      expect(server.received.join('\n')).toContain(`AUTH ${mech}`);
      expect(auth.message).toContain(`"535 5.7.8 ${USER} *** rejected`);
      expectNoSecret(said, secret, USER);
    },
  );

  it.each([
    ['USER/PASS', basic(LONG_PASSWORD), LONG_PASSWORD],
    ['XOAUTH2', oauth, TOKEN],
  ])('masks POP3 %s credentials', async (_how, a, secret) => {
    const { auth, said } = await run(startPop3EchoPeer(), 'pop3', a);
    expect(auth.message).toContain(`-ERR [AUTH] ${USER} *** rejected`);
    expectNoSecret(said, secret, USER);
  });
});
