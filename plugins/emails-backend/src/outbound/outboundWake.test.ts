import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { EventsService, eventsServiceRef } from '@backstage/plugin-events-node';
import { Knex } from 'knex';
import nodemailer from 'nodemailer';
import { MailServerRecord } from '../database';
import { OutboundStore } from '../database/OutboundStore';
import { startEmailsBackend } from '../__testUtils__/testBackend';
import { waitFor } from '../__testUtils__/waitFor';
import { composeOutbound } from './compose';
import { EMAILS_OUTBOUND_QUEUED_TOPIC } from './outboundWake';
import {
  LocalMessage,
  LocalSmtp,
  startLocalSmtp,
} from './__testUtils__/localSmtp';

jest.setTimeout(60_000);

/**
 * One events service for every plugin, as an event bus shared by replicas
 * would be (the test backend's default gives each plugin its own).
 */
function sharedEvents(events: EventsService) {
  return createServiceFactory({
    service: eventsServiceRef,
    deps: {},
    factory: () => events,
  });
}

/** Fails the setup when the admin API refused a step. */
function created(res: { status: number; text: string }, status = 201) {
  if (res.status !== status) throw new Error(`${res.status}: ${res.text}`);
}

// The test backend's scheduler never runs the outbound task by itself: a
// message that reaches the sink was sent because the worker was woken.
describe('waking the outbound worker', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const received: LocalMessage[] = [];
  const events = mockServices.events();
  let sink: LocalSmtp;
  let knex: Knex;
  let backend: Awaited<ReturnType<typeof startEmailsBackend>>;
  let pushPort: number;
  let outgoing: { id: string; email: string };

  beforeAll(async () => {
    sink = await startLocalSmtp({}, received);
    knex = await databases.init('SQLITE_3');
    backend = await startEmailsBackend(
      { smtpPush: { enabled: true, host: '127.0.0.1', port: 0 } },
      [mockServices.database.factory({ knex }), sharedEvents(events)],
    );
    const { call, logger } = backend;
    pushPort = Number(
      logger.info.mock.calls
        .map(([line]) => /SMTP push listening on [\d.]+:(\d+)/.exec(`${line}`))
        .find(Boolean)![1],
    );
    const desk = await call('admin', 'post', '/servers/incoming', {
      name: 'it-desk',
      email: 'it-desk@example.com',
      protocol: 'smtp-push',
      technicianGroup: 'group:default/it-support',
    });
    created(desk);
    const made = await call('admin', 'post', '/servers/outgoing', {
      name: 'Sink',
      email: 'it-desk@example.com',
      protocol: 'smtp',
      host: '127.0.0.1',
      port: sink.port,
      security: 'none',
      authNeeded: false,
      primary: true,
    });
    created(made);
    outgoing = made.body;
    // Requesters outside the catalog with no DKIM are acknowledged only with 'all'.
    const prefs = (await call('admin', 'get', '/preferences')).body;
    const saved = await call('admin', 'put', '/preferences', {
      ...prefs,
      notifications: { ...prefs.notifications, acknowledgeSenders: 'all' },
    });
    created(saved, 200);
  });

  afterAll(async () => {
    await backend?.server.close();
    await sink?.stop();
  });

  it('sends the acknowledgement of a pushed new ticket without a scheduled run', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: pushPort,
      secure: false,
      ignoreTLS: true,
    });
    try {
      await transport.sendMail({
        from: 'rita@example.org',
        to: 'it-desk@example.com',
        subject: 'Printer on fire',
        text: 'Please help.',
      });
    } finally {
      transport.close();
    }
    const ack = await waitFor(
      async () => received.find(m => m.to.includes('rita@example.org')),
      'the acknowledgement at the sink',
      15_000,
    );
    expect(ack.raw.toString()).toMatch(/^Auto-Submitted: auto-replied/im);
  });

  it('sends a message another replica queued when its event arrives', async () => {
    // Replica B shares the database; its store announces nothing to this process.
    const replicaB = new OutboundStore(knex);
    const sender = { ...outgoing, settings: {} } as MailServerRecord;
    const input = await composeOutbound(sender, {
      idempotencyKey: 'replica-b-1',
      to: ['sam@example.org'],
      subject: 'Queued elsewhere',
      text: 'From replica B.',
    });
    await replicaB.enqueue(input);
    const toSam = () => received.filter(m => m.to.includes('sam@example.org'));
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(toSam()).toHaveLength(0);

    await events.publish({
      topic: EMAILS_OUTBOUND_QUEUED_TOPIC,
      eventPayload: { origin: 'replica-b' },
    });
    await waitFor(
      async () => (toSam().length ? true : undefined),
      "replica B's message at the sink",
      15_000,
    );
    expect(toSam()).toHaveLength(1);
  });
});
