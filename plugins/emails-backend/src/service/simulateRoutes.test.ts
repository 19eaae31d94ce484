import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { CALLERS } from '../__testUtils__/testBackend';
import {
  startBackendWithHelpInbox,
  TestEmailsBackend,
} from './__testUtils__/helpInbox';

jest.setTimeout(60_000);

const RAW = [
  'From: Rita <rita@example.com>',
  'To: help@example.com',
  'Subject: Printer on fire',
  'Message-ID: <sim-1@example.com>',
  '',
  'Room 4.',
  '',
].join('\r\n');

describe('POST /rules/simulate', () => {
  let backend: TestEmailsBackend;
  let mailbox: string;

  beforeAll(async () => {
    ({ backend, mailbox } = await startBackendWithHelpInbox());
    await backend.call('admin', 'put', '/rules/incoming', {
      version: 0,
      rules: [
        {
          name: 'Printers',
          match: 'all',
          enabled: true,
          conditions: [
            { field: 'subject', operator: 'contains', values: ['printer'] },
          ],
          actions: [{ type: 'category', value: 'Printers' }],
          stopProcessing: false,
        },
      ],
    });
  });

  const post = (
    body: string | Buffer,
    query = '',
    caller: keyof typeof CALLERS = 'admin',
  ) =>
    request(backend.server)
      .post(`/api/emails/rules/simulate${query}`)
      .set('Authorization', mockCredentials.user.header(CALLERS[caller][0]))
      .set('Content-Type', 'message/rfc822')
      .send(body);

  it('simulates an uploaded message at a mailbox with the saved rules', async () => {
    const res = await post(RAW, `?serverId=${mailbox}`);
    expect(res.status).toBe(200);
    expect(res.body.serverId).toBe(mailbox);
    expect(res.body.outcome).toMatchObject({
      status: 'ticketed',
      ticket: { action: 'create', category: 'Printers' },
    });
    expect(res.body.rules).toEqual([
      expect.objectContaining({ ruleName: 'Printers', status: 'matched' }),
    ]);
    const log = await backend.call('admin', 'get', '/messages');
    expect(log.body.items).toEqual([]);
  });

  it('answers 400 naming serverId when it is missing or unknown', async () => {
    const missing = await post(RAW);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/^serverId: /);
    const unknown = await post(RAW, '?serverId=nope');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('serverId');
  });

  it('refuses a message over the Email Preference size limit', async () => {
    const big = Buffer.concat([
      Buffer.from(RAW),
      Buffer.alloc(26 * 1024 * 1024, 'a'),
    ]);
    expect((await post(big, `?serverId=${mailbox}`)).status).toBe(413);
  });

  it('needs emails.rule.manage', async () => {
    const res = await post(RAW, `?serverId=${mailbox}`, 'reader');
    expect(res.status).toBe(403);
  });

  it('answers 400 for JSON without a messageId and 404 for an unknown one', async () => {
    const { call } = backend;
    expect((await call('admin', 'post', '/rules/simulate', {})).status).toBe(
      400,
    );
    expect(
      (await call('admin', 'post', '/rules/simulate', { messageId: 'nope' }))
        .status,
    ).toBe(404);
  });
});
