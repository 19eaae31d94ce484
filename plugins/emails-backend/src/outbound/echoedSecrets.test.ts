import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { randomBytes } from 'node:crypto';
import { ServerHealthStore } from '../database';
import { OutboundStore } from '../database/OutboundStore';
import { startSmtpEchoPeer } from '../mail/__testUtils__/echoPeers';
import { ScriptedServer } from '../mail/__testUtils__/scriptedServer';
import { expectNoSecret } from '../mail/__testUtils__/secretLeaks';
import { migratedKnex } from '../__testUtils__/testDatabases';
import { outgoingServer } from './__testUtils__/localSmtp';
import { composeOutbound } from './compose';
import { OutboundWorker } from './OutboundWorker';

jest.setTimeout(60_000);

const USER = 'support@localhost';
const PASSWORD = `Long-${randomBytes(120).toString('hex')}`;
const TOKEN = `ya29.${randomBytes(40).toString('base64url')}`;

describe('sending through a server that echoes the credentials', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let peer: ScriptedServer | undefined;
  let worker: OutboundWorker | undefined;

  afterEach(async () => {
    worker?.close();
    await peer?.close();
    peer = worker = undefined;
  });

  async function sendOnce(mechanism: string, settings: object = {}) {
    peer = await startSmtpEchoPeer([mechanism]);
    const knex = await migratedKnex(databases, 'SQLITE_3');
    const store = new OutboundStore(knex);
    const health = new ServerHealthStore(knex);
    const server = outgoingServer(
      'echo',
      {
        port: peer.port,
        security: 'none',
        authNeeded: true,
        username: USER,
        ...settings,
      },
      { email: USER, primary: true },
    );
    const logger = mockServices.logger.mock();
    worker = new OutboundWorker({
      store,
      health,
      logger,
      servers: {
        list: async () => [server],
        withSecrets: async () => ({
          record: server,
          secrets: { password: PASSWORD },
        }),
      },
      oauthToken: async () => ({ token: TOKEN }),
      connectionTimeoutMs: 5_000,
      random: () => 0.5,
    });
    const input = await composeOutbound(server, {
      idempotencyKey: `echo-${mechanism}`,
      to: ['customer@example.test'],
      subject: 'Your ticket',
      text: 'Hello',
    });
    const { message } = await store.enqueue(input, new Date());
    const result = await worker.runOnce(new Date());
    const sent = await store.get(message.id);
    const observed = await health.get('outgoing', server.id);
    const logged = JSON.stringify(
      [logger.info, logger.warn, logger.error].map(fn => fn.mock.calls),
    );
    return {
      result,
      sent,
      observed,
      said: `${sent.lastError}\n${observed.lastError}\n${logged}`,
    };
  }

  it.each(['PLAIN', 'LOGIN'])(
    'keeps an AUTH %s echo out of the message, health and the log',
    async mechanism => {
      const { result, sent, observed, said } = await sendOnce(mechanism);
      expect(peer!.received.join('\n')).toContain(`AUTH ${mechanism}`);
      expect(result).toEqual({ sent: 0, retrying: 1, failed: 0 });
      expect(sent.lastError).toContain(`535 5.7.8 ${USER} *** rejected`);
      expect(observed).toMatchObject({ status: 'unreachable' });
      expect(observed.lastError).toContain('535 5.7.8');
      expectNoSecret(said, PASSWORD, USER);
    },
  );

  it('keeps an XOAUTH2 echo of the token out of the message, health and the log', async () => {
    const { sent, observed, said } = await sendOnce('XOAUTH2', {
      authType: 'oauth',
    });
    expect(peer!.received.join('\n')).toContain('AUTH XOAUTH2');
    expect(sent.lastError).toContain(`535 5.7.8 ${USER} *** rejected`);
    expect(observed.lastError).toContain('***');
    expectNoSecret(said, TOKEN, USER);
  });
});
