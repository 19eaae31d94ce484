import { mockErrorHandler, TestDatabases } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { headerAccess } from '../__testUtils__/headerAccess';
import { emailsTestDatabaseIds } from '../__testUtils__/testDatabases';
import { createStores } from '../database';
import { createOutboundRouter } from './outboundRoutes';

const SECRET_BODY = 'the body only the requester may read';

jest.setTimeout(30_000); // a hang detector on a loaded machine, not a speed check

describe('outbound routes', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  async function setup(databaseId: any) {
    const knex = await databases.init(databaseId);
    const stores = await createStores({ getClient: async () => knex });
    const access = headerAccess();
    const retried: number[] = [];
    const app = express()
      .use(
        createOutboundRouter({
          access,
          outbound: stores.outbound,
          onRetry: () => retried.push(1),
        }),
      )
      .use(mockErrorHandler());
    const as = (perms: string) => ({
      get: (path: string) => request(app).get(path).set('x-allow', perms),
      post: (path: string) => request(app).post(path).set('x-allow', perms),
    });
    const queue = (key: string, ticketId: string) =>
      stores.outbound.enqueue({
        idempotencyKey: key,
        from: 'support@example.com',
        to: ['rita@example.com'],
        subject: `Re: [REQ-${ticketId}] ${key}`,
        messageId: `<${key}@emails.test>`,
        raw: Buffer.from(`Subject: ${key}\r\n\r\n${SECRET_BODY}\r\n`),
        ticketId,
      });
    return { stores, as, queue, retried };
  }

  it.each(databases.eachSupportedId())(
    'lists the queue with failures and their errors, and retries a failed message, on %p',
    async databaseId => {
      const { stores, as, queue, retried } = await setup(databaseId);
      const ok = (await queue('sent-one', '1')).message;
      const bad = (await queue('failed-one', '2')).message;
      await stores.outbound.claimDue('worker', 10);
      await stores.outbound.recordOutcomes([
        { id: ok.id, status: 'sent', usedServerId: 'server-1' },
        {
          id: bad.id,
          status: 'failed',
          error: '550 5.1.1 rita@example.com: user unknown',
          usedServerId: 'server-1',
        },
      ]);
      const auditor = as('emails.audit.read');

      const all = await auditor.get('/outbound');
      expect(all.status).toBe(200);
      expect(
        all.body.items.map((m: any) => [m.subject, m.status]).sort(),
      ).toEqual([
        ['Re: [REQ-1] sent-one', 'sent'],
        ['Re: [REQ-2] failed-one', 'failed'],
      ]);
      // The message bytes never leave through the API.
      expect(JSON.stringify(all.body)).not.toContain(SECRET_BODY);
      expect(all.body.items[0].raw).toBeUndefined();

      const failed = await auditor.get('/outbound?status=failed');
      expect(failed.body.items).toEqual([
        expect.objectContaining({
          id: bad.id,
          lastError: '550 5.1.1 rita@example.com: user unknown',
          ticketId: '2',
          to: ['rita@example.com'],
          attempts: 1,
          sizeBytes: bad.raw.length,
        }),
      ]);
      expect(
        (await auditor.get('/outbound?ticketId=1')).body.items.map(
          (m: any) => m.id,
        ),
      ).toEqual([ok.id]);
      expect((await auditor.get(`/outbound/${bad.id}`)).body.status).toBe(
        'failed',
      );

      // Retrying needs the manage permission, and only a failed message can be retried.
      expect((await auditor.post(`/outbound/${bad.id}/retry`)).status).toBe(
        403,
      );
      const admin = as('emails.server.manage');
      const again = await admin.post(`/outbound/${bad.id}/retry`);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ status: 'queued', attempts: 0 });
      expect(retried).toHaveLength(1);
      expect((await stores.outbound.get(bad.id)).status).toBe('queued');
      const conflict = await admin.post(`/outbound/${ok.id}/retry`);
      expect(conflict.status).toBe(409);
      expect(conflict.body.error.message).toContain('only failed messages');
      expect((await admin.post('/outbound/nope/retry')).status).toBe(404);
    },
  );

  it('names the bad query field', async () => {
    const { as } = await setup('SQLITE_3');
    const auditor = as('emails.audit.read');
    const status = await auditor.get('/outbound?status=lost');
    expect(status.status).toBe(400);
    expect(status.body.error.message).toContain('status must be one of');
    for (const q of ['limit=0', 'limit=501', 'limit=x', 'offset=-1']) {
      const res = await auditor.get(`/outbound?${q}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(q.split('=')[0]);
    }
    expect((await auditor.get('/outbound?status=a&status=b')).status).toBe(400);
    expect((await as('').get('/outbound')).status).toBe(403);
  });
});
