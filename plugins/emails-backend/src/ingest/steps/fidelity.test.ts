import { TestDatabases } from '@backstage/backend-test-utils';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mail, startPipeline } from '../__testUtils__/pipeline';

jest.setTimeout(60_000);

const fixture = (name: string) =>
  readFileSync(join(__dirname, '__fixtures__', name));
const PAYLOAD = fixture('payload.bin');
const PDF = Buffer.from(
  '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n',
  'latin1',
);

function multipart(headers: Record<string, string>, parts: string[]) {
  return mail(
    { ...headers, 'Content-Type': 'multipart/mixed; boundary="b1"' },
    `${parts.map(p => `--b1\r\n${p}\r\n`).join('')}--b1--\r\n`,
  );
}

const HEAD = {
  From: 'Anna Berg <anna@example.org>',
  To: 'support@example.com',
};

describe('body and attachment fidelity through the pipeline', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  /** Delivers one message and reads back its ticket's description and files. */
  async function ticketOf(raw: string | Buffer) {
    const { deliver, stores } = await startPipeline(databases, 'SQLITE_3');
    const { outcome } = await deliver(raw);
    expect(outcome.status).toBe('ticketed');
    const [entry] = await stores.tickets.entries(outcome.ticketId!);
    const listed =
      (await stores.attachments.forEntries([entry.id])).get(entry.id) ?? [];
    const files = await Promise.all(
      listed.map(f => stores.attachments.get(f.id)),
    );
    const ticket = await stores.tickets.get(outcome.ticketId!);
    const logged = await stores.inboundMessages.get(outcome.id);
    return { entry, files, ticket, logged };
  }

  it('decodes a uuencoded block in a text body into an attachment and leaves it out of the text', async () => {
    const { entry, files } = await ticketOf(fixture('uuencode-in-text.eml'));
    expect(files.map(f => f.filename)).toEqual(['Kostenvoranschlag.bin']);
    expect(files[0].content.equals(PAYLOAD)).toBe(true);
    expect(entry.text).toContain('the quote is attached below.');
    expect(entry.text).toContain('Regards, Anna');
    expect(entry.text).not.toContain('begin 644');
  });

  it('decodes a Content-Transfer-Encoding: x-uuencode part', async () => {
    const { files } = await ticketOf(fixture('x-uuencode-part.eml'));
    expect(files.map(f => f.filename)).toEqual(['Kostenvoranschlag.bin']);
    expect(files[0].content.equals(PAYLOAD)).toBe(true);
  });

  it('decodes a BinHex (application/mac-binhex40) part to its data fork and Macintosh name', async () => {
    const { files } = await ticketOf(fixture('binhex-part.eml'));
    expect(files.map(f => f.filename)).toEqual(['Notes.bin']);
    expect(files[0].content.equals(PAYLOAD)).toBe(true);
  });

  it('keeps a named inline text/plain part as an attachment and as text', async () => {
    const { entry, files } = await ticketOf(
      multipart({ ...HEAD, Subject: 'Log inline' }, [
        'Content-Type: text/plain\r\n\r\nThe log is below.',
        'Content-Type: text/plain; charset=koi8-r; name="log.txt"\r\nContent-Disposition: inline; filename="log.txt"\r\nContent-Transfer-Encoding: base64\r\n\r\n8NLJ18XUIM3JEgo=',
      ]),
    );
    expect(files.map(f => f.filename)).toEqual(['log.txt']);
    expect(
      files[0].content.equals(Buffer.from('8NLJ18XUIM3JEgo=', 'base64')),
    ).toBe(true);
    expect(entry.text).toContain('The log is below.');
    expect(entry.text).toContain('Привет');
  });

  it('keeps attachments whose Content-Disposition has empty parameters', async () => {
    const pdf = PDF.toString('base64');
    const { files } = await ticketOf(
      multipart({ ...HEAD, Subject: 'Empty parameters' }, [
        'Content-Type: text/plain\r\n\r\nTwo files.',
        `Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=\r\nContent-Transfer-Encoding: base64\r\n\r\n${pdf}`,
        `Content-Type: application/pdf\r\nContent-Disposition: attachment;\r\nContent-Transfer-Encoding: base64\r\n\r\n${pdf}`,
      ]),
    );
    expect(files).toHaveLength(2);
    expect(files.every(f => f.content.equals(PDF))).toBe(true);
    expect(files.every(f => f.contentType === 'application/pdf')).toBe(true);
  });

  it('reads a parameter continued onto the next line without its ";"', async () => {
    const { files } = await ticketOf(
      multipart({ ...HEAD, Subject: 'No semicolon' }, [
        'Content-Type: text/plain\r\n\r\nSee the PDF.',
        `Content-Type: application/pdf\r\n name="Angebot Müller.pdf"\r\nContent-Disposition: attachment\r\n filename="a.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${PDF.toString(
          'base64',
        )}`,
      ]),
    );
    expect(files.map(f => [f.filename, f.contentType])).toEqual([
      ['a.pdf', 'application/pdf'],
    ]);
    expect(files[0].content.equals(PDF)).toBe(true);
  });

  it('reads a multipart boundary continued without its ";"', async () => {
    const raw = mail(
      {
        ...HEAD,
        Subject: 'Boundary',
        'Content-Type': 'multipart/mixed\r\n boundary="b1"',
      },
      `--b1\r\nContent-Type: text/plain\r\n\r\nBody here.\r\n--b1\r\nContent-Type: application/pdf; name=a.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n${PDF.toString(
        'base64',
      )}\r\n--b1--\r\n`,
    );
    const { entry, files, logged } = await ticketOf(raw);
    expect(entry.text?.trim()).toBe('Body here.');
    // The repair is named in the trace.
    expect(logged.trace.find(t => t.step === 'parse')?.detail).toMatchObject({
      repaired: ['continued content-type without ;'],
    });
    expect(files.map(f => f.filename)).toEqual(['a.pdf']);
  });

  it('keeps the messages of a multipart/digest as .eml attachments named from their subjects', async () => {
    const raw = mail(
      {
        ...HEAD,
        Subject: 'Digest',
        'Content-Type': 'multipart/digest; boundary="d"',
      },
      '--d\r\n\r\nFrom: c@example.net\r\nSubject: First report\r\n\r\nhello\r\n--d\r\n\r\nFrom: f@example.net\r\nSubject: =?utf-8?Q?Zweiter_Bericht_=C3=BC?=\r\n\r\nbye\r\n--d--\r\n',
    );
    const { files } = await ticketOf(raw);
    files.sort((a, b) => a.filename.localeCompare(b.filename));
    expect(files.map(f => [f.filename, f.contentType])).toEqual([
      ['First report.eml', 'message/rfc822'],
      ['Zweiter Bericht ü.eml', 'message/rfc822'],
    ]);
    expect(files[0].content.toString()).toContain('Subject: First report');
  });

  it('keeps an attached message as an .eml attachment', async () => {
    const inner =
      'From: c@example.net\r\nSubject: The original\r\n\r\nhello inner\r\n';
    const { files } = await ticketOf(
      multipart({ ...HEAD, Subject: 'Forwarding' }, [
        'Content-Type: text/plain\r\n\r\nSee attached.',
        `Content-Type: message/rfc822\r\n\r\n${inner}`,
      ]),
    );
    // Not inline: the ticket page lists it with the downloads.
    expect(files.map(f => [f.filename, f.inline])).toEqual([
      ['The original.eml', false],
    ]);
    expect(files[0].content.toString()).toContain('hello inner');
  });

  it('derives a text body from an HTML-only message', async () => {
    const { entry, logged } = await ticketOf(
      mail(
        {
          ...HEAD,
          Subject: 'HTML only',
          'Content-Type': 'text/html; charset=utf-8',
        },
        '<html><body><p>The <b>printer</b> jams.</p><p>Second floor.</p></body></html>',
      ),
    );
    expect(entry.text).toMatch(/The printer jams\.\s+Second floor\./);
    expect(logged.status).toBe('ticketed');
  });

  it('derives a bounded text body from HTML over the parse limit', async () => {
    // 2.5 MiB of HTML: mailparser keeps it but converts none of it to text.
    const paragraph = '<p>The printer on floor <b>2</b> jams.</p>';
    const html = `<style>p { color: red }</style>${paragraph.repeat(
      Math.ceil((2.5 * 1024 * 1024) / paragraph.length),
    )}`;
    const { entry } = await ticketOf(
      mail(
        { ...HEAD, Subject: 'Huge HTML', 'Content-Type': 'text/html' },
        html,
      ),
    );
    expect(entry.text).toMatch(/^The printer on floor 2 jams\.\nThe printer/);
    expect(entry.text).not.toContain('color: red');
    expect(entry.text!.length).toBeLessThan(2 * 1024 * 1024);
  });
});
