import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import nodemailer from 'nodemailer';
import { createStores } from '../src/database';
import { plainIngest } from '../src/ingest/__testUtils__/pipeline';
import { Ingest } from '../src/ingest/types';
import { startSmtpPushListener } from '../src/mail/push';
import { startBareSmtpSink } from './support/bareSmtp';
import { report } from './support/figures';
import { msSince, now, scaled, until } from './support/measure';
import { smallMessage } from './support/messages';

// Figures, not assertions: run with `npm run bench` (see docs/testing.md).
jest.setTimeout(1_800_000);

const N = scaled(300, 20);
const TO = 'support@localhost';

/** Sends N small messages over `connections` pooled connections; resolves when all were accepted. */
async function push(port: number, connections: number, offset: number) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: connections,
    maxMessages: Infinity,
  });
  try {
    let next = 0;
    const lane = async () => {
      while (next < N) {
        const seq = offset + next++;
        await transport.sendMail({
          envelope: { from: `requester${seq}@example.com`, to: [TO] },
          raw: smallMessage(seq, TO),
        });
      }
    };
    await Promise.all(Array.from({ length: connections }, lane));
  } finally {
    transport.close();
  }
}

async function startPortal(databases: TestDatabases) {
  const knex = await databases.init('SQLITE_3');
  const stores = await createStores({ getClient: async () => knex });
  await stores.incomingServers.create({
    name: 'Push',
    email: TO,
    protocol: 'smtp-push',
    enabled: true,
    primary: true,
    settings: {},
  });
  const ingest = plainIngest(stores);
  let processed = 0;
  const counted: Ingest = {
    record: (source, raw) => ingest.record(source, raw),
    process: async (id, options) => {
      const outcome = await ingest.process(id, options);
      processed++;
      return outcome;
    },
  };
  const listener = await startSmtpPushListener({
    config: {
      enabled: true,
      host: '127.0.0.1',
      port: 0,
      lmtp: false,
      maxMessageBytes: 10 * 1024 * 1024,
      allowedSources: ['127.0.0.0/8', '::1'],
      maxClients: 50,
      maxSessionMs: 3_600_000,
      maxCommandsPerSession: 1_000_000,
    },
    ingest: counted,
    logger: mockServices.logger.mock(),
    stores,
  });
  return { listener, processed: () => processed };
}

describe(`SMTP push (${N} small messages)`, () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it.each([1, 4])(
    'through the push listener and through a bare sink, %p connection(s) at once',
    async connections => {
      const bare = await startBareSmtpSink(await databases.init('SQLITE_3'));
      const bareStart = now();
      await push(bare.port, connections, 0);
      await until(() => bare.stored() >= N, 600_000);
      const bareRate = bare.stored() / (msSince(bareStart) / 1000);
      await bare.stop();

      const portal = await startPortal(databases);
      const start = now();
      await push(portal.listener.port, connections, N);
      // Committed tickets, not just accepted messages: processing follows the 250.
      await until(() => portal.processed() >= N, 600_000);
      const rate = portal.processed() / (msSince(start) / 1000);
      await portal.listener.stop();
      report({
        figure: `SMTP push ${connections} connection${
          connections > 1 ? 's' : ''
        } SQLITE_3`,
        value: rate,
        unit: 'messages/s',
        baseline: bareRate,
        targetOf: 'ratio',
        better: 'higher',
        target: 0.85,
        messages: portal.processed(),
      });
      expect([bare.stored(), portal.processed()]).toEqual([N, N]);
    },
  );
});
