import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { TraceEntry } from '@internal/plugin-emails-common';
import nodemailer from 'nodemailer';
import { startPipeline } from '../../ingest/__testUtils__/pipeline';
import {
  localZone,
  zoneVerifier,
} from '../../ingest/classify/__testUtils__/localZone';
import { eventually } from '../../fetching/__testUtils__/mailboxFixture';
import { startSmtpPushListener } from './SmtpPushListener';

jest.setTimeout(60_000);

const RAW = [
  'From: Gina Guest <gina@customer.example>',
  'To: support@example.com',
  'Subject: Pushed',
  'Message-ID: <pushed-1@customer.example>',
  '',
  'Hello',
  '',
].join('\r\n');

describe('SMTP push and our own SPF check', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  /** Pushes RAW from 127.0.0.1 with the envelope sender gina@customer.example; answers the authenticate trace. */
  async function push(spfRecord: string) {
    const zone = localZone({ 'customer.example': { TXT: [spfRecord] } });
    const p = await startPipeline(databases, 'SQLITE_3', {
      verifier: zoneVerifier(zone),
      dmarcFailure: 'flag',
    });
    const listener = await startSmtpPushListener({
      config: {
        enabled: true,
        host: '127.0.0.1',
        port: 0,
        lmtp: false,
        maxMessageBytes: 1024 * 1024,
        allowedSources: ['127.0.0.0/8'],
        maxClients: 5,
        maxSessionMs: 60_000,
        maxCommandsPerSession: 100,
      },
      ingest: p.ingest,
      logger: mockServices.logger.mock(),
      stores: p.stores,
      recipients: {
        resolve: async () => ({ serverId: p.server.id, name: 'IT' }),
      },
    });
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: listener.port,
      secure: false,
      ignoreTLS: true,
      name: 'mail.customer.example',
    });
    try {
      await transport.sendMail({
        envelope: { from: 'gina@customer.example', to: 'support@example.com' },
        raw: RAW,
      });
      const page = await eventually(
        () => p.stores.tickets.list({}),
        t => t.items.length > 0,
      );
      expect(page.items.map(t => t.title)).toEqual(['Pushed']);
      const [message] = (await p.stores.inboundMessages.list({})).items;
      const full = await p.stores.inboundMessages.get(message.id);
      return full.trace.find((e: TraceEntry) => e.step === 'authenticate')!;
    } finally {
      transport.close();
      await listener.stop();
    }
  }

  it('checks SPF for the push client 127.0.0.1 from the local zone', async () => {
    const allowed = await push('v=spf1 ip4:127.0.0.1 -all');
    expect(allowed.detail).toMatchObject({
      ours: {
        spf: 'pass',
        spfDomain: 'customer.example',
        spfClient: { ip: '127.0.0.1', helo: 'mail.customer.example' },
      },
      // SPF aligned with From authenticates the sender without DMARC.
      senderAuthenticated: true,
    });
    const refused = await push('v=spf1 ip4:192.0.2.1 -all');
    expect(refused.detail).toMatchObject({
      ours: { spf: 'fail', spfClient: { ip: '127.0.0.1' } },
      senderAuthenticated: false,
    });
  });
});
