import { mockErrorHandler, TestDatabases } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { headerAccess } from '../__testUtils__/headerAccess';
import { emailsTestDatabaseIds } from '../__testUtils__/testDatabases';
import { mail, startPipeline } from '../ingest/__testUtils__/pipeline';
import { TicketQueries } from '../ticketing/TicketQueries';
import { createInboundRouter } from './inboundRoutes';

jest.setTimeout(60_000);

const withFile = mail(
  {
    From: 'Rita <rita@example.com>',
    To: 'support@example.com',
    Subject: 'VPN drops',
    'Message-ID': '<vpn-1@example.com>',
    'Content-Type': 'multipart/mixed; boundary="b"',
  },
  '--b\r\nContent-Type: text/html\r\n\r\n<p>It drops <img src="https://tracker.example/p.gif"></p>\r\n--b\r\nContent-Type: text/html; name="page.html"\r\nContent-Disposition: attachment; filename="page.html"\r\n\r\n<script>alert(1)</script>\r\n--b--\r\n',
);

describe('inbound routes', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  async function setup(databaseId: any) {
    const pipeline = await startPipeline(databases, databaseId);
    const access = headerAccess('user:default/tester', pipeline.stores.tickets);
    const app = express()
      .use(
        createInboundRouter({
          access,
          stores: pipeline.stores,
          ingest: pipeline.ingest,
          tickets: new TicketQueries(pipeline.stores),
        }),
      )
      .use(mockErrorHandler());
    const as = (perms: string, groups = '') => ({
      get: (path: string) =>
        request(app)
          .get(path)
          .set({ 'x-allow': perms, 'x-technician-groups': groups }),
      post: (path: string) =>
        request(app)
          .post(path)
          .set({ 'x-allow': perms, 'x-technician-groups': groups }),
    });
    return { ...pipeline, app, as };
  }

  it.each(databases.eachSupportedId())(
    'lists, shows, downloads and replays messages on %p',
    async databaseId => {
      const { deliver, as, server, prefs } = await setup(databaseId);
      const { outcome } = await deliver(withFile);
      await deliver(
        mail({ From: 'tom@example.com', Subject: 'Printer' }, 'jammed'),
      );
      const auditor = as('emails.ticket.read');

      const all = await auditor.get('/messages');
      expect(all.body.items.map((m: any) => m.subject).sort()).toEqual([
        'Printer',
        'VPN drops',
      ]);
      const found = await auditor.get('/messages?q=VPN');
      expect(found.body.items).toHaveLength(1);
      expect(
        (await auditor.get(`/messages?serverId=${server.id}&status=ticketed`))
          .body.items,
      ).toHaveLength(2);
      expect((await auditor.get('/messages?status=weird')).status).toBe(400);
      expect((await as('').get('/messages')).status).toBe(403);

      const detail = await auditor.get(`/messages/${outcome.id}`);
      expect(detail.body).toMatchObject({
        status: 'ticketed',
        to: ['support@example.com'],
        attachments: [{ filename: 'page.html' }],
      });
      expect(detail.body.trace.map((t: any) => t.step)).toEqual(
        expect.arrayContaining(['record', 'parse', 'filter', 'ticket']),
      );

      const raw = await auditor
        .get(`/messages/${outcome.id}/raw`)
        .responseType('blob');
      expect(raw.headers['content-type']).toContain('message/rfc822');
      expect(raw.headers['content-disposition']).toContain('attachment');
      expect(Buffer.from(raw.body).toString()).toContain('Subject: VPN drops');

      // Replay needs manage permission and runs with today's settings.
      expect(
        (await auditor.post(`/messages/${outcome.id}/replay`)).status,
      ).toBe(403);
      prefs.current = { ...prefs.current, emailToTicket: false };
      const replayed = await as('emails.server.manage,emails.ticket.read').post(
        `/messages/${outcome.id}/replay`,
      );
      expect(replayed.body).toMatchObject({
        status: 'ignored',
        reason: 'Email to Ticket is off (Email Preference)',
        attempts: 2,
      });
      expect((await auditor.get('/messages/nope')).status).toBe(404);
    },
  );

  // Replay could reopen a closed ticket with nothing in its conversation.
  it.each(databases.eachSupportedId())(
    'writes what a replay did into the conversation and answers it on %p',
    async databaseId => {
      const { deliver, as, stores } = await setup(databaseId);
      const first = await deliver(withFile);
      const ticketId = first.outcome.ticketId!;
      const answer = await deliver(
        mail(
          {
            From: 'rita@example.com',
            To: 'support@example.com',
            Subject: `Re: [REQ-${ticketId}] VPN drops`,
            'In-Reply-To': '<vpn-1@example.com>',
            'Message-ID': '<vpn-2@example.com>',
          },
          'Still drops.',
        ),
      );
      expect(answer.outcome).toMatchObject({ status: 'appended', ticketId });
      await stores.tickets.setStatus(ticketId, 'closed');
      const admin = as('emails.server.manage,emails.ticket.read');

      const replayed = await admin.post(
        `/messages/${answer.outcome.id}/replay`,
      );
      expect(replayed.status).toBe(200);
      const { replay } = replayed.body;
      expect(replay).toMatchObject({
        ticketId,
        previousStatus: 'appended',
        status: 'appended',
        noteEntryId: expect.any(String),
      });
      const entries = await stores.tickets.entries(ticketId);
      const note = entries.find(e => e.id === replay.noteEntryId);
      expect(note).toMatchObject({
        kind: 'note',
        author: { userEntityRef: 'user:default/tester' },
        text: replay.summary,
      });
      expect(replay.summary).toMatch(/^Replayed by user:default\/tester: /);
      // The answer is processed again: it reopens the ticket, and says so.
      expect((await stores.tickets.get(ticketId)).status).toBe('open');
      expect(replay.action).toBe('reopened');
      expect(replay.summary).toContain('reopened the ticket');

      // A second replay is a second note, not a lost one.
      const again = await admin.post(`/messages/${answer.outcome.id}/replay`);
      expect(again.body.replay.noteEntryId).not.toBe(replay.noteEntryId);
      expect(again.body.replay.action).toBe('none');
    },
  );

  it.each(databases.eachSupportedId())(
    'shows tickets by entity and serves attachments only as downloads on %p',
    async databaseId => {
      const { deliver, as, server } = await setup(databaseId);
      const { outcome } = await deliver(withFile);
      const reader = as('emails.ticket.read');

      for (const ref of [
        'group:default/it-support',
        `resource:default/incoming-${server.id}`,
        'user:default/rita',
      ]) {
        const page = await reader.get(
          `/tickets?entityRef=${encodeURIComponent(ref)}`,
        );
        expect([ref, page.body.items.map((t: any) => t.id)]).toEqual([
          ref,
          [outcome.ticketId],
        ]);
      }
      expect(
        (await reader.get('/tickets?entityRef=group:default/sales')).body.items,
      ).toEqual([]);
      expect(
        (await reader.get('/tickets?entityRef=component:default/x')).status,
      ).toBe(400);
      expect((await reader.get('/tickets?status=pending')).status).toBe(400);
      expect((await as('').get('/tickets')).status).toBe(403);

      const ticket = await reader.get(`/tickets/${outcome.ticketId}`);
      expect(ticket.body).toMatchObject({
        reference: `REQ-${outcome.ticketId}`,
        title: 'VPN drops',
        requester: {
          email: 'rita@example.com',
          userEntityRef: 'user:default/rita',
        },
      });
      const [entry] = ticket.body.entries;
      // Remote images stay in the stored HTML for the UI to block; scripts never do.
      expect(entry.html).toContain('https://tracker.example/p.gif');
      const [file] = entry.attachments;
      expect(file).toMatchObject({ filename: 'page.html', inline: false });

      const download = await reader.get(`/attachments/${file.id}`);
      expect(download.headers['content-type']).toBe('application/octet-stream');
      expect(download.headers['content-disposition']).toBe(
        "attachment; filename*=UTF-8''page.html",
      );
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect((await reader.get('/tickets/999999')).status).toBe(404);
      expect((await reader.get('/attachments/att-missing')).status).toBe(404);
    },
  );

  it.each(databases.eachSupportedId())(
    'shows technicians the tickets, messages and files of their groups only, others as unknown, on %p',
    async databaseId => {
      const { deliver, as } = await setup(databaseId);
      const { outcome } = await deliver(withFile);
      const mine = as('', 'group:default/it-support');
      const theirs = as('', 'group:default/sales');
      const ticket = await mine.get(`/tickets/${outcome.ticketId}`);
      const [file] = ticket.body.entries[0].attachments;

      expect((await mine.get('/tickets')).body.items).toHaveLength(1);
      expect((await theirs.get('/tickets')).body.items).toEqual([]);
      expect((await theirs.get('/messages')).body.items).toEqual([]);
      for (const path of [
        `/tickets/${outcome.ticketId}`,
        `/messages/${outcome.id}`,
        `/messages/${outcome.id}/raw`,
        `/attachments/${file.id}`,
      ]) {
        expect([path, (await mine.get(path)).status]).toEqual([path, 200]);
        const hidden = await theirs.get(path);
        expect([path, hidden.status]).toEqual([path, 404]);
      }
      // Without any ticket to read: lists are refused, single items unknown.
      expect((await as('').get('/tickets')).status).toBe(403);
      expect((await as('').get(`/tickets/${outcome.ticketId}`)).status).toBe(
        404,
      );
      expect(
        (
          await as('emails.server.manage').post(
            `/messages/${outcome.id}/replay`,
          )
        ).status,
      ).toBe(404);
    },
  );
});
