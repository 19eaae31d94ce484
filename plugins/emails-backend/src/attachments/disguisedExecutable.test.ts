import { TestDatabases } from '@backstage/backend-test-utils';
import { emailsTestDatabaseIds } from '../__testUtils__/testDatabases';
import { mail, startPipeline } from '../ingest/__testUtils__/pipeline';
import { TicketReplyService } from '../ticketing/TicketReplyService';
import * as sample from './__testUtils__/sampleFiles';

jest.setTimeout(60_000);

const part = (filename: string, content: Buffer) => [
  '--b',
  `Content-Type: application/octet-stream; name="${filename}"`,
  `Content-Disposition: attachment; filename="${filename}"`,
  'Content-Transfer-Encoding: base64',
  '',
  content.toString('base64'),
];

const withAttachments = (
  headers: Record<string, string>,
  files: [string, Buffer][],
) =>
  mail(
    { ...headers, 'Content-Type': 'multipart/mixed; boundary="b"' },
    [
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The invoice and a photo of the error are attached.',
      ...files.flatMap(([name, content]) => part(name, content)),
      '--b--',
      '',
    ].join('\r\n'),
  );

describe('attachments whose content contradicts their name, through the real pipeline', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'drops an executable disguised as a PDF and notes it on the ticket, keeping the rest, on %p',
    async id => {
      const { stores, deliver, ingest } = await startPipeline(databases, id);
      const { outcome } = await deliver(
        withAttachments(
          {
            From: 'Rita <rita@example.com>',
            To: 'support@example.com',
            Subject: 'Invoice',
            'Message-ID': '<invoice-1@example.com>',
          },
          [
            ['invoice.pdf', sample.portableExecutable()],
            ['error.png', sample.png()],
            ['report.pdf', sample.pdf()],
          ],
        ),
      );
      expect(outcome.status).toBe('ticketed');

      const entries = await stores.tickets.entries(outcome.ticketId!);
      expect(entries.map(e => e.kind)).toEqual(['description', 'note']);
      const files = await stores.attachments.forEntries([entries[0].id]);
      expect(
        files
          .get(entries[0].id)!
          .map(f => f.filename)
          .sort(),
      ).toEqual(['error.png', 'report.pdf']);
      const reason =
        'Attachment files contain invalid content type (a Windows executable (PE) disguised as .pdf)';
      expect(entries[1]).toMatchObject({
        text: `An attachment was removed from this email:\n- invoice.pdf: ${reason}`,
        messageId: outcome.id,
      });

      const logged = await stores.inboundMessages.get(outcome.id);
      expect(
        logged.trace.filter(t => t.decision === 'dropped').map(t => t.detail),
      ).toEqual([{ filename: 'invoice.pdf', reason }]);

      // Processing the message again notes nothing twice.
      await ingest.process(outcome.id, { replay: true });
      expect(await stores.tickets.entries(outcome.ticketId!)).toHaveLength(2);
    },
  );

  it('notes the files dropped from a reply on the ticket it continues, every reason on its line', async () => {
    const { stores, deliver } = await startPipeline(databases, 'SQLITE_3');
    const first = await deliver(
      withAttachments(
        {
          From: 'Rita <rita@example.com>',
          To: 'support@example.com',
          Subject: 'VPN drops',
          'Message-ID': '<vpn-1@example.com>',
        },
        [['trace.txt', sample.text('timeout at 10:02')]],
      ),
    );
    const ticketId = first.outcome.ticketId!;
    const ticket = await stores.tickets.get(ticketId);
    expect(await stores.tickets.entries(ticketId)).toHaveLength(1);

    const reply = await deliver(
      withAttachments(
        {
          From: 'Rita <rita@example.com>',
          To: 'support@example.com',
          Subject: `Re: [${ticket.reference}] VPN drops`,
          'In-Reply-To': '<vpn-1@example.com>',
          'Message-ID': '<vpn-2@example.com>',
        },
        [
          ['vpn-log.jpg', sample.elf()],
          ['setup.exe', sample.portableExecutable()],
          ['screenshot.txt', sample.png()],
        ],
      ),
    );
    expect(reply.outcome).toMatchObject({ status: 'appended', ticketId });
    const entries = await stores.tickets.entries(ticketId);
    expect(entries.map(e => e.kind)).toEqual(['description', 'reply', 'note']);
    expect(entries[2].text).toBe(
      [
        'Attachments were removed from this email:',
        '- vpn-log.jpg: Attachment files contain invalid content type (a Linux executable (ELF) disguised as .jpg)',
        '- setup.exe: Attachment files contain invalid extensions (.exe is blocked)',
        '- screenshot.txt: Attachment files contain invalid content type (content is a PNG image, not .txt)',
      ].join('\n'),
    );
  });

  it('refuses the same disguised executable in a technician reply, as it refused other mislabelled files', async () => {
    const pipeline = await startPipeline(databases, 'SQLITE_3');
    const { outcome } = await pipeline.deliver(
      mail(
        {
          From: 'Rita <rita@example.com>',
          To: 'support@example.com',
          Subject: 'Printer',
        },
        'It smokes.',
      ),
    );
    const queue = { enqueue: jest.fn() };
    const replies = new TicketReplyService({
      stores: pipeline.stores,
      queue,
      tokens: pipeline.tokens,
      messageIdDomain: 'emails.test',
      preferences: async () => pipeline.prefs.current,
    });
    const attach = (filename: string, content: Buffer) => ({
      filename,
      contentType: 'application/pdf',
      contentBase64: content.toString('base64'),
    });
    await expect(
      replies.reply(
        outcome.ticketId!,
        {
          body: 'The driver you asked for.',
          attachments: [
            attach('driver.pdf', sample.portableExecutable()),
            attach('manual.pdf', sample.text('not a pdf')),
          ],
        },
        { userEntityRef: 'user:default/tom' },
      ),
    ).rejects.toThrow(
      [
        'attachments.0.contentBase64 "driver.pdf" is refused: Attachment files contain invalid content type (a Windows executable (PE) disguised as .pdf)',
        'attachments.1.contentBase64 "manual.pdf" is refused: Attachment files contain invalid content type (content is not .pdf)',
      ].join('; '),
    );
    expect(queue.enqueue).not.toHaveBeenCalled();
    expect(
      await pipeline.stores.tickets.entries(outcome.ticketId!),
    ).toHaveLength(1);
  });
});
