import { mockErrorHandler, TestDatabases } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { headerAccess } from '../__testUtils__/headerAccess';
import { emailsTestDatabaseIds } from '../__testUtils__/testDatabases';
import { mail, startPipeline } from '../ingest/__testUtils__/pipeline';
import { ClosedNotifications } from '../notifications';
import { outboundQueueOf } from '../outbound';
import { createInboundRouter } from '../service/inboundRoutes';
import { TicketQueries } from './TicketQueries';
import { TicketStatusService } from './TicketStatusService';

jest.setTimeout(60_000);

describe('closing a ticket', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  async function setup(databaseId: any) {
    const pipeline = await startPipeline(databases, databaseId);
    const status = new TicketStatusService({
      stores: pipeline.stores,
      notifications: new ClosedNotifications({
        stores: pipeline.stores,
        queue: outboundQueueOf(pipeline.stores.outbound),
        tokens: pipeline.tokens,
        messageIdDomain: 'emails.test',
      }),
      preferences: async () => pipeline.prefs.current,
      displayName: async ref => ref.replace('user:default/', ''),
    });
    const access = headerAccess('user:default/tom');
    const app = express()
      .use(
        createInboundRouter({
          access,
          stores: pipeline.stores,
          ingest: pipeline.ingest,
          tickets: new TicketQueries(pipeline.stores),
          status,
        }),
      )
      .use(mockErrorHandler());
    const post = (
      path: string,
      body: object,
      perms = 'emails.ticket.reply,emails.ticket.read',
    ) => request(app).post(path).set('x-allow', perms).send(body);
    const ticketFrom = async (from: string, subject: string) => {
      const { outcome } = await pipeline.deliver(
        mail(
          {
            From: from,
            To: 'support@example.com',
            Subject: subject,
            'Message-ID': `<${subject.replace(/\W/g, '')}@example.org>`,
          },
          'Help\r\n',
        ),
      );
      return outcome.ticketId!;
    };
    return { ...pipeline, app, post, ticketFrom };
  }

  it.each(databases.eachSupportedId())(
    'closes once with a note and a queued notification, and reopens, on %p',
    async databaseId => {
      const { app, post, ticketFrom, stores } = await setup(databaseId);
      const id = await ticketFrom('Rita <rita@example.org>', 'Printer jams');

      const closed = await post(`/tickets/${id}/close`, {
        resolution: 'Cleaned the rollers',
      });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({
        status: 'closed',
        notification: { queued: true, to: 'rita@example.org' },
      });
      const [queued] = (await stores.outbound.list({ ticketId: id })).filter(
        m => m.subject.endsWith('(closed)'),
      );
      expect(queued).toMatchObject({
        to: ['rita@example.org'],
        from: 'support@example.com',
        routing: {
          mailboxId: expect.any(String),
          technicianGroup: 'group:default/it-support',
          category: 'Hardware',
          requesterEmail: 'rita@example.org',
        },
      });
      expect(queued.raw.toString()).toContain('Auto-Submitted: auto-generated');
      expect(queued.raw.toString()).toContain('Content-Type: text/html');
      expect(
        (await stores.tickets.entries(id)).map(e => [
          e.kind,
          e.author.name,
          e.text,
        ]),
      ).toContainEqual([
        'note',
        'tom',
        'Closed. Resolution: Cleaned the rollers',
      ]);

      // Technicians see on the ticket whether the notification went out.
      const detail = await request(app)
        .get(`/tickets/${id}`)
        .set('x-allow', 'emails.ticket.read');
      expect(detail.body.mail).toEqual([
        expect.objectContaining({
          id: queued.id,
          kind: 'closed',
          status: 'queued',
          to: ['rita@example.org'],
        }),
      ]);

      const again = await post(`/tickets/${id}/close`, {});
      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe(`Ticket ${id} is closed already`);

      expect((await post(`/tickets/${id}/reopen`, {})).body).toEqual({
        status: 'open',
      });
      expect((await stores.tickets.get(id)).status).toBe('open');
      expect((await post(`/tickets/${id}/reopen`, {})).status).toBe(409);
    },
  );

  it('names a bad field, needs the reply permission, and knows unknown tickets', async () => {
    const { post, ticketFrom, stores } = await setup('SQLITE_3');
    const id = await ticketFrom('rita@example.org', 'Fields');
    const bad = await post(`/tickets/${id}/close`, {
      notifyRequester: 'yes',
      sendTo: 'x',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      'Invalid close: notifyRequester must be true or false; body has unknown fields: sendTo',
    );
    const wrongType = await post(`/tickets/${id}/close`, {
      notifyRequester: 'yes',
    });
    expect(wrongType.body.error.message).toBe(
      'Invalid close: notifyRequester must be true or false',
    );
    expect(
      (await post(`/tickets/${id}/close`, {}, 'emails.ticket.read')).status,
    ).toBe(403);
    expect((await post('/tickets/999999/close', {})).status).toBe(404);
    expect((await stores.tickets.get(id)).status).toBe('open');
  });

  it('does not notify our own addresses, no-reply senders, or when told not to', async () => {
    const { post, ticketFrom, stores, prefs } = await setup('SQLITE_3');
    // An address of an outgoing server is ours too, though mail from it may open tickets.
    await stores.outgoingServers.create({
      name: 'Robot',
      email: 'robot@example.org',
      protocol: 'smtp',
      enabled: true,
      primary: false,
      settings: { host: '127.0.0.1', port: 25 },
    });
    const own = await ticketFrom('robot@example.org', 'From our robot');
    const noReply = await ticketFrom('no-reply@shop.example', 'Order shipped');
    const quiet = await ticketFrom('rita@example.org', 'Quiet close');
    const off = await ticketFrom('rita@example.org', 'Preference off');

    expect((await post(`/tickets/${own}/close`, {})).body.notification).toEqual(
      {
        queued: false,
        reason: 'robot@example.org is one of our own addresses',
      },
    );
    expect(
      (await post(`/tickets/${noReply}/close`, {})).body.notification,
    ).toEqual({
      queued: false,
      reason: 'no-reply@shop.example is a no-reply address',
    });
    expect(
      (await post(`/tickets/${quiet}/close`, { notifyRequester: false })).body
        .notification,
    ).toEqual({
      queued: false,
      reason: 'the technician chose not to notify',
    });
    prefs.current = {
      ...prefs.current,
      notifications: { ...prefs.current.notifications, notifyOnClose: false },
    };
    expect(
      (await post(`/tickets/${off}/close`, {})).body.notification.reason,
    ).toBe('close notifications are off (Email Preference)');
    // Asked for, the notification goes even with the preference off.
    const asked = await ticketFrom('rita@example.org', 'Asked for');
    expect(
      (await post(`/tickets/${asked}/close`, { notifyRequester: true })).body
        .notification,
    ).toMatchObject({ queued: true, to: 'rita@example.org' });
    const closedMail = (await stores.outbound.list({})).filter(m =>
      m.subject.endsWith('(closed)'),
    );
    expect(closedMail.map(m => m.subject)).toEqual([
      `Re: [REQ-${asked}] Asked for (closed)`,
    ]);
  });

  it('closes and says so when the notification cannot be queued', async () => {
    const { ticketFrom, stores, prefs } = await setup('SQLITE_3');
    const id = await ticketFrom('rita@example.org', 'Queue trouble');
    const status = new TicketStatusService({
      stores,
      notifications: {
        notify: async () => {
          throw new Error('database is read-only');
        },
      } as unknown as ClosedNotifications,
      preferences: async () => prefs.current,
      displayName: async () => 'Tom',
    });
    const closed = await status.close(
      id,
      {},
      { userEntityRef: 'user:default/tom' },
    );
    expect(closed.notification).toEqual({
      queued: false,
      reason: 'the notification could not be queued: database is read-only',
    });
    expect((await stores.tickets.get(id)).status).toBe('closed');
  });
});
