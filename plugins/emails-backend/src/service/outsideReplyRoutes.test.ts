import {
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { headerAccess } from '../__testUtils__/headerAccess';
import { createStores } from '../database';
import { DatabaseTicketing } from '../ticketing/DatabaseTicketing';
import { createOutsideReplyRouter } from './outsideReplyRoutes';

jest.setTimeout(60_000);

describe('outside reply routes', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup() {
    const knex = await databases.init('SQLITE_3');
    const stores = await createStores({ getClient: async () => knex });
    const ticketing = new DatabaseTicketing(stores.tickets, stores.attachments);
    const ticket = await ticketing.createTicket({
      idempotencyKey: 'inbound:1',
      title: 'Printer',
      requester: { address: 'rita@example.com' },
      ccUsers: [],
      attachmentIds: [],
    });
    await ticketing.appendEntry({
      idempotencyKey: 'inbound:2',
      ticketId: ticket.id,
      author: { address: 'olga@partner.example', name: 'Olga' },
      kind: 'note',
      bodyText: 'Me too.',
      outsideConversation: true,
      attachmentIds: [],
    });
    const entry = (await stores.tickets.entries(ticket.id))[1];
    const auditor = mockServices.auditor.mock();
    const audited: unknown[] = [];
    auditor.createEvent.mockImplementation(async o => {
      const event = { eventId: o.eventId, ...o.meta, outcome: 'open' };
      audited.push(event);
      return {
        success: async () => {
          event.outcome = 'success';
        },
        fail: async () => {
          event.outcome = 'fail';
        },
      };
    });
    const app = express()
      .use(
        createOutsideReplyRouter({
          access: headerAccess('user:default/tom', stores.tickets),
          ticketing,
          auditor,
        }),
      )
      .use(mockErrorHandler());
    const post = (
      path: string,
      perms = 'emails.ticket.reply,emails.ticket.read',
    ) => request(app).post(path).set('x-allow', perms);
    return { ticket, entry, post, audited, stores };
  }

  it('publishes with the reply permission, audited, and answers the entry', async () => {
    const { ticket, entry, post, audited } = await setup();
    const path = `/tickets/${ticket.id}/entries/${entry.id}/publish`;
    const denied = await post(path, 'emails.ticket.read');
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      'Missing permission emails.ticket.reply',
    );
    expect(audited).toEqual([]);

    const published = await post(path);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({
      id: entry.id,
      kind: 'reply',
      author: { email: 'olga@partner.example', name: 'Olga' },
      outsideConversation: {
        status: 'published',
        reviewedBy: 'user:default/tom',
      },
      attachments: [],
    });
    expect(audited).toEqual([
      {
        eventId: 'outside-reply-review',
        decision: 'publish',
        ticketId: ticket.id,
        entryId: entry.id,
        outcome: 'success',
      },
    ]);
  });

  it('answers 409 for an entry decided already and 404 for an unknown one, auditing the failures', async () => {
    const { ticket, entry, post, audited, stores } = await setup();
    expect(
      (await post(`/tickets/${ticket.id}/entries/${entry.id}/dismiss`)).status,
    ).toBe(200);
    const again = await post(
      `/tickets/${ticket.id}/entries/${entry.id}/publish`,
    );
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      `Entry ${entry.id} was dismissed already`,
    );
    const unknown = await post(`/tickets/${ticket.id}/entries/404/dismiss`);
    expect(unknown.status).toBe(404);
    expect(audited.map((e: any) => [e.decision, e.outcome])).toEqual([
      ['dismiss', 'success'],
      ['publish', 'fail'],
      ['dismiss', 'fail'],
    ]);
    // Dismissed stays dismissed: the failed publish changed nothing.
    expect((await stores.tickets.entries(ticket.id))[1]).toMatchObject({
      kind: 'note',
      outsideConversation: { status: 'dismissed' },
    });
  });
});
