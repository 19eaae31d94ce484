import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXCERPT_CHARS, headerBlock, toSampleMail } from './toSampleMail';

const rich = readFileSync(path.join(__dirname, '__fixtures__', 'rich.eml'));

describe('toSampleMail', () => {
  it('turns the rich fixture into a sample and a ticket preview', async () => {
    const sample = await toSampleMail(rich, rich.length);
    expect(sample).toMatchObject({
      found: true,
      messageId: '<rich-fixture-1@customer.example>',
      date: '2026-03-03T08:15:00.000Z',
      from: 'jane@customer.example',
      to: ['support@localhost', 'group@localhost'],
      // The group "Team:" is flattened into its members.
      cc: [
        'boss@customer.example',
        'one@customer.example',
        'two@customer.example',
      ],
      subject: 'Printer kaputt – bitte helfen',
      sizeBytes: rich.length,
      attachments: [
        {
          filename: 'invoice.pdf',
          contentType: 'application/pdf',
          sizeBytes: 78,
        },
      ],
      ticket: {
        title: 'Printer kaputt – bitte helfen',
        requester: 'jane@customer.example',
      },
    });
    expect(sample.textExcerpt).toHaveLength(EXCERPT_CHARS);
    expect(sample.textExcerpt).toMatch(/^Hello support,\n\.a line that starts/);
  });

  it('titles a message without a subject "(no subject)"', async () => {
    const raw = Buffer.from('From: a@example.test\r\n\r\nHi\r\n');
    const sample = await toSampleMail(raw, raw.length);
    expect(sample.subject).toBeUndefined();
    expect(sample.ticket).toEqual({
      title: '(no subject)',
      requester: 'a@example.test',
    });
    expect(sample.to).toEqual([]);
  });

  it('parses only the headers of an oversized message', async () => {
    const sample = await toSampleMail(rich, 99_000_000, true);
    expect(sample.subject).toBe('Printer kaputt – bitte helfen');
    expect(sample.sizeBytes).toBe(99_000_000);
    expect(sample.textExcerpt).toBeUndefined();
    expect(sample.attachments).toEqual([]);
  });

  it('never splits a character made of two UTF-16 units at the excerpt end', async () => {
    const body = `${'x'.repeat(EXCERPT_CHARS - 1)}😀😀`;
    const raw = Buffer.from(
      `From: a@example.test\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`,
    );
    const sample = await toSampleMail(raw, raw.length);
    expect(sample.textExcerpt).toBe(`${'x'.repeat(EXCERPT_CHARS - 1)}😀`);
  });

  it('ignores an unparseable date', async () => {
    const raw = Buffer.from(
      'From: a@example.test\r\nDate: not a date\r\n\r\nHi\r\n',
    );
    expect((await toSampleMail(raw, raw.length)).date).toBeUndefined();
  });

  it('finds the header block with CRLF or LF line ends', () => {
    expect(headerBlock(Buffer.from('A: 1\r\n\r\nbody')).toString()).toBe(
      'A: 1\r\n\r\n',
    );
    expect(headerBlock(Buffer.from('A: 1\n\nbody')).toString()).toBe(
      'A: 1\n\n',
    );
  });
});
