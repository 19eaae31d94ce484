import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  emailsTicketReadPermission,
  emailsTicketReplyPermission,
  parseIssues,
} from '@internal/plugin-emails-common';
import express from 'express';
import { simpleParser } from 'mailparser';
import request from 'supertest';
import { headerAccess } from '../__testUtils__/headerAccess';
import { mail, startPipeline } from '../ingest/__testUtils__/pipeline';
import { OutboundQueue, outboundQueueOf } from '../outbound';
import { createErrorHandler } from '../service/errorHandler';
import { createInboundRouter } from '../service/inboundRoutes';
import { TicketQueries } from './TicketQueries';
import { TicketReplyService } from './TicketReplyService';

jest.setTimeout(60_000);

describe('TicketReplyService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup() {
    const pipeline = await startPipeline(databases, 'SQLITE_3');
    const queued: Parameters<OutboundQueue['enqueue']>[0][] = [];
    const service = new TicketReplyService({
      stores: pipeline.stores,
      queue: {
        // Recorded, and queued for real so the ticket can tell its state.
        enqueue: async m => {
          queued.push(m);
          return outboundQueueOf(pipeline.stores.outbound).enqueue(m);
        },
      },
      tokens: pipeline.tokens,
      messageIdDomain: 'emails.test',
      preferences: async () => pipeline.prefs.current,
      displayName: async ref => (ref === 'user:default/tom' ? 'Tom Tech' : ref),
    });
    const { outcome } = await pipeline.deliver(
      mail(
        {
          From: 'Rita <rita@example.com>',
          To: 'support@example.com',
          Cc: 'bob@example.com',
          Subject: 'Printer broken',
          'Message-ID': '<first@example.com>',
        },
        'It smokes.',
      ),
    );
    return { ...pipeline, service, queued, ticketId: outcome.ticketId! };
  }

  it('stores the reply and queues a threaded email the requester can answer into the same ticket', async () => {
    const { service, queued, ticketId, stores, deliver, tokens } =
      await setup();
    const { entryId } = await service.reply(
      ticketId,
      {
        body: 'Please **restart** it.',
        cc: ['carol@example.com'],
        attachments: [
          {
            filename: 'steps.txt',
            contentType: 'text/plain',
            contentBase64: Buffer.from('1. off 2. on').toString('base64'),
          },
        ],
      },
      { userEntityRef: 'user:default/tom' },
    );

    const entries = await stores.tickets.entries(ticketId);
    expect(entries.at(-1)).toMatchObject({
      id: entryId,
      kind: 'reply',
      text: 'Please **restart** it.',
      // The formatted text becomes the HTML of the entry and of the email.
      html: '<p>Please <strong>restart</strong> it.</p>',
      // Credited to the technician; the email comes from the mailbox.
      author: { userEntityRef: 'user:default/tom', name: 'Tom Tech' },
    });
    const [sent] = queued;
    expect(sent).toMatchObject({
      ticketId,
      to: ['rita@example.com'],
      cc: ['bob@example.com', 'carol@example.com'],
    });
    const parsed = await simpleParser(sent.raw);
    expect(parsed.subject).toBe(`Re: [REQ-${ticketId}] Printer broken`);
    expect(parsed.inReplyTo).toBe('<first@example.com>');
    expect(parsed.headers.get('x-loop')).toBe('emails.test');
    expect(tokens.verify(parsed.messageId)).toEqual([{ ticketId, entryId }]);
    expect(parsed.text).toContain('[ref:t.');
    expect(parsed.html).toContain('<p>Please <strong>restart</strong> it.</p>');
    expect(parsed.attachments.map(a => a.filename)).toEqual(['steps.txt']);
    // The ticket tells its technicians the reply's email and its state.
    const detail = await new TicketQueries(stores).get(ticketId);
    expect(detail.mail).toEqual([
      expect.objectContaining({
        kind: 'reply',
        entryId,
        status: 'queued',
        to: ['rita@example.com'],
      }),
    ]);
    // The file sent is listed on the reply, as an inbound mail's would be.
    expect(detail.entries.find(e => e.id === entryId)?.attachments).toEqual([
      expect.objectContaining({
        filename: 'steps.txt',
        contentType: 'text/plain',
        sizeBytes: 12,
      }),
    ]);

    // The requester answers the email: it lands in the same ticket.
    const answer = await deliver(
      mail(
        {
          From: 'rita@example.com',
          Subject: `Re: ${parsed.subject}`,
          'In-Reply-To': parsed.messageId!,
          References: `<first@example.com> ${parsed.messageId}`,
        },
        'Restarted, works now.',
      ),
    );
    expect(answer.outcome).toMatchObject({ status: 'appended', ticketId });
  });

  it.each([
    [
      { body: 'x', cc: ['a@b.com\r\nBcc: all@example.com'] },
      'Invalid reply: cc.0 must be a valid email address like name@example.com',
    ],
    [{ body: '   ' }, 'Invalid reply: body is required'],
    [
      {
        body: 'x',
        attachments: [
          {
            filename: 'a.txt',
            contentType: 'text/plain\r\nX-Evil: 1',
            contentBase64: '',
          },
        ],
      },
      'Invalid reply: attachments.0.contentType must not contain line breaks',
    ],
    [
      { body: 'x', outgoingServerId: 'any' },
      'Invalid reply: outgoingServerId may be chosen only when Allow User to select Outgoing Email is on',
    ],
  ])('refuses %p with a 400 naming the field', async (body, message) => {
    const { service, ticketId, queued } = await setup();
    await expect(
      service.reply(ticketId, body, { userEntityRef: 'user:default/tom' }),
    ).rejects.toThrow(message);
    expect(queued).toEqual([]);
  });

  it('leaves recipients whose mail bounced out of the CC', async () => {
    const { service, ticketId, queued, stores } = await setup();
    await stores.tickets.markUndeliverable(
      ticketId,
      'bob@example.com',
      '550 no such user',
    );
    await service.reply(
      ticketId,
      { body: 'Update' },
      { userEntityRef: 'user:default/tom' },
    );
    expect(queued[0].cc).toEqual([]);
  });

  it('never mails our own addresses: they leave the CC, and a requester of ours is refused', async () => {
    const { service, ticketId, queued, stores } = await setup();
    // support@example.com is the pipeline mailbox, help@example.com its alias.
    await service.reply(
      ticketId,
      { body: 'Update', cc: ['help@example.com', 'SUPPORT@example.com'] },
      { userEntityRef: 'user:default/tom' },
    );
    expect(queued[0].cc).toEqual(['bob@example.com']);

    await stores.outgoingServers.create({
      name: 'Rita as a relay',
      email: 'rita@example.com',
      protocol: 'smtp',
      enabled: true,
      primary: false,
      settings: { host: '127.0.0.1', port: 25 },
    });
    await expect(
      service.reply(
        ticketId,
        { body: 'Loop?' },
        { userEntityRef: 'user:default/tom' },
      ),
    ).rejects.toThrow(
      `Ticket ${ticketId}'s requester rita@example.com is one of our own addresses; the reply is not sent`,
    );
    expect(queued).toHaveLength(1);
  });

  describe('attachments through the reply route, under the rules of inbound mail', () => {
    async function route() {
      const desk = await setup();
      const app = express()
        .use(
          createInboundRouter({
            access: headerAccess('user:default/tom'),
            stores: desk.stores,
            ingest: desk.ingest,
            tickets: new TicketQueries(desk.stores),
            replies: desk.service,
          }),
        )
        .use(createErrorHandler({ logger: mockServices.logger.mock() }));
      const reply = (files: { filename: string; content: string }[]) =>
        request(app)
          .post(`/tickets/${desk.ticketId}/replies`)
          .set(
            'x-allow',
            [emailsTicketReplyPermission, emailsTicketReadPermission]
              .map(p => p.name)
              .join(','),
          )
          .send({
            body: 'See attached.',
            attachments: files.map(f => ({
              filename: f.filename,
              contentType: 'application/octet-stream',
              contentBase64: Buffer.from(f.content).toString('base64'),
            })),
          });
      return { ...desk, reply };
    }

    it.each([
      [
        'an .exe',
        'setup.exe',
        'attachments.0.filename "setup.exe" is refused: Attachment files contain invalid extensions (.exe is blocked)',
      ],
      [
        'an .EXE with a trailing dot (Windows runs it as setup.exe)',
        'Setup.EXE. ',
        'attachments.0.filename "Setup.EXE" is refused: Attachment files contain invalid extensions (.exe is blocked)',
      ],
      [
        'a name climbing folders',
        '../../etc/passwd',
        'attachments.0.filename must be a file name without folders (/ or \\)',
      ],
      [
        'a Windows path',
        'C:\\Users\\tom\\notes.txt',
        'attachments.0.filename must be a file name without folders (/ or \\)',
      ],
      [
        'a right-to-left override (reads as "invoiceexe.txt")',
        'invoice\u202Etxt.exe',
        'attachments.0.filename must not contain control characters',
      ],
      [
        'a tab',
        'tab\there.txt',
        'attachments.0.filename must not contain control characters',
      ],
      ['a bare ..', '..', 'attachments.0.filename must be a file name'],
    ])(
      'refuses %s with a 400 naming the file and why',
      async (_what, filename, issue) => {
        const { reply, queued, stores, ticketId } = await route();
        const before = await stores.tickets.entries(ticketId);
        const res = await reply([{ filename, content: 'MZ...' }]);
        expect(res.status).toBe(400);
        expect(res.body.error).toEqual({
          name: 'InputError',
          message: `Invalid reply: ${issue}`,
        });
        // Nothing stored, nothing queued.
        expect(queued).toEqual([]);
        expect(await stores.tickets.entries(ticketId)).toHaveLength(
          before.length,
        );
      },
    );

    it('names every refused file by its place, content problems on contentBase64', async () => {
      const { reply, queued } = await route();
      const res = await reply([
        { filename: 'notes.txt', content: 'fine' },
        { filename: 'report.pdf', content: 'not a pdf' },
        { filename: 'empty.txt', content: '' },
        { filename: 'run.bat', content: '@echo off' },
      ]);
      expect(res.status).toBe(400);
      expect(parseIssues(res.body.error.message)).toEqual([
        {
          field: 'attachments.1.contentBase64',
          message:
            '"report.pdf" is refused: Attachment files contain invalid content type (content is not .pdf)',
        },
        {
          field: 'attachments.2.contentBase64',
          message: '"empty.txt" is refused: Attachment contains empty files',
        },
        {
          field: 'attachments.3.filename',
          message:
            '"run.bat" is refused: Attachment files contain invalid extensions (.bat is blocked)',
        },
      ]);
      expect(queued).toEqual([]);
    });

    it('sends other names made safe as inbound mail makes them', async () => {
      const { reply, queued } = await route();
      const res = await reply([
        { filename: 'plan: v2?.txt', content: 'steps' },
      ]);
      expect(res.status).toBe(201);
      const parsed = await simpleParser(queued[0].raw);
      expect(parsed.attachments.map(a => a.filename)).toEqual([
        'plan_ v2_.txt',
      ]);
    });
  });
});
