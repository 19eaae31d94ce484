import { randomBytes } from 'node:crypto';
import {
  startImapEchoPeer,
  startPop3EchoPeer,
} from '../__testUtils__/echoPeers';
import { ScriptedServer } from '../__testUtils__/scriptedServer';
import { expectNoSecret } from '../__testUtils__/secretLeaks';
import { MailAuth, MailProtocol } from '../types';
import { SampleFetchError } from './errors';
import { fetchSample } from './fetchSample';

jest.setTimeout(30_000);

const USER = 'support@localhost';
const PASSWORD = `Long-${randomBytes(120).toString('hex')}`;
const TOKEN = `ya29.${randomBytes(40).toString('base64url')}`;

let peer: ScriptedServer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

async function sampleFrom(
  server: Promise<ScriptedServer>,
  protocol: MailProtocol,
  auth: MailAuth,
): Promise<SampleFetchError> {
  peer = await server;
  return fetchSample(
    { protocol, host: '127.0.0.1', port: peer.port, security: 'none', auth },
    { timeoutMs: 10_000 },
  ).then(
    () => {
      throw new Error('the sample should have failed');
    },
    error => error,
  );
}

const basic: MailAuth = { type: 'basic', username: USER, password: PASSWORD };
const oauth: MailAuth = { type: 'oauth', username: USER, accessToken: TOKEN };

describe('Fetch a sample mail from a server that echoes the credentials', () => {
  it.each([
    ['LOGIN', [], basic, PASSWORD],
    ['AUTHENTICATE PLAIN', ['PLAIN'], basic, PASSWORD],
    ['AUTHENTICATE XOAUTH2', ['XOAUTH2'], oauth, TOKEN],
  ])(
    'rejects an IMAP %s with the refusal masked, as a 502',
    async (command, mechanisms, auth, secret) => {
      const error = await sampleFrom(
        startImapEchoPeer({ mechanisms }),
        'imap',
        auth,
      );
      expect(peer!.received.join('\n')).toContain(command);
      expect(error).toBeInstanceOf(SampleFetchError);
      expect(error).toMatchObject({ stage: 'auth', statusCode: 502 });
      expect(error.message).toContain(
        'Authentication failed: bad password ***',
      );
      expectNoSecret(`${error.message} ${error.hint}`, secret, USER);
      expectNoSecret(JSON.stringify(error.toBody()), secret, USER);
    },
  );

  it('rejects a POP3 sign-in with a long password masked before the cut', async () => {
    const error = await sampleFrom(startPop3EchoPeer(), 'pop3', basic);
    expect(error).toMatchObject({ stage: 'auth', statusCode: 502 });
    expect(error.message).toContain(`-ERR [AUTH] ${USER} *** rejected`);
    expectNoSecret(`${error.message} ${error.hint}`, PASSWORD, USER);
  });
});
