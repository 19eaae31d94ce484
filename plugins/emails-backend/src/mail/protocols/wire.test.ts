import { socketPair } from '../__testUtils__/socketPair';
import { Deadline } from '../net/deadline';
import { LineConnection } from '../net/lineConnection';
import { ImapWire, imapString } from './imapWire';
import { readPop3Body } from './pop3Wire';
import { dotStuff, readSmtpReply } from './smtpWire';

let pair: Awaited<ReturnType<typeof socketPair>>;
let conn: LineConnection;

beforeEach(async () => {
  pair = await socketPair();
  conn = new LineConnection(pair.client, new Deadline(10_000));
});

afterEach(async () => {
  conn.destroy();
  await pair.close();
});

describe('imapString', () => {
  it('quotes 7-bit text, escaping quote and backslash', () => {
    expect(imapString('a "b" \\c')).toBe('"a \\"b\\" \\\\c"');
    expect(imapString('')).toBe('""');
  });

  it('sends 8-bit text and line breaks as a literal', () => {
    expect(imapString('ü')).toEqual({ literal: Buffer.from('ü') });
    expect(imapString('a\r\nb')).toEqual({ literal: Buffer.from('a\r\nb') });
  });
});

describe('ImapWire', () => {
  it('waits for the go-ahead before the data of a synchronizing literal', async () => {
    const wire = new ImapWire(conn);
    const sent: string[] = [];
    pair.server.on('data', chunk => {
      sent.push(chunk.toString());
      if (chunk.toString().endsWith('{2}\r\n'))
        pair.server.write('+ go ahead\r\n');
      if (chunk.toString().endsWith('\r\n') && sent.join('').includes('ü')) {
        pair.server.write('a1 OK done\r\n');
      }
    });
    const reply = await wire.command(
      ['LOGIN', '"u"', imapString('ü')],
      'LOGIN',
    );
    expect(reply).toMatchObject({ status: 'OK', text: 'done' });
    expect(sent.join('')).toBe('a1 LOGIN "u" {2}\r\nü\r\n');
  });

  it('inlines literals of a response and collects untagged lines', async () => {
    const wire = new ImapWire(conn);
    pair.server.once('data', () =>
      pair.server.write(
        '* 3 EXISTS\r\n* LIST () "/" {5}\r\nIN\r\nB\r\na1 OK [READ-ONLY] done\r\n',
      ),
    );
    const reply = await wire.command(['EXAMINE', 'INBOX'], 'EXAMINE');
    expect(reply).toEqual({
      status: 'OK',
      code: 'READ-ONLY',
      text: 'done',
      untagged: ['3 EXISTS', 'LIST () "/" IN\r\nB'],
    });
  });
});

describe('readSmtpReply', () => {
  it('reads a multi-line reply', async () => {
    pair.server.write(
      '250-mx.example.test\r\n250-STARTTLS\r\n250 AUTH PLAIN\r\n',
    );
    expect(await readSmtpReply(conn, 'EHLO')).toEqual({
      code: 250,
      lines: ['mx.example.test', 'STARTTLS', 'AUTH PLAIN'],
    });
  });

  it('refuses a reply whose lines change code', async () => {
    pair.server.write('250-one\r\n354 two\r\n');
    await expect(readSmtpReply(conn, 'x')).rejects.toThrow(
      /not a valid SMTP reply/,
    );
  });
});

describe('dotStuff', () => {
  it('doubles leading dots, uses CRLF and ends with the dot line', () => {
    expect(dotStuff(Buffer.from('a\n.b\r\n..c')).toString()).toBe(
      'a\r\n..b\r\n...c\r\n.\r\n',
    );
  });
});

describe('readPop3Body', () => {
  it('unstuffs dots and finds a terminator split across packets', async () => {
    pair.server.write('line 1\r\n..dotted\r\n\r');
    setTimeout(() => pair.server.write('\n.\r\nnext\r\n'), 20);
    const body = await readPop3Body(conn, 'RETR', 1024);
    expect(body.toString()).toBe('line 1\r\n.dotted\r\n\r\n');
    expect(await conn.readLine('after')).toBe('next');
  });

  it('reads an empty body', async () => {
    pair.server.write('.\r\n');
    expect((await readPop3Body(conn, 'CAPA', 1024)).length).toBe(0);
  });

  it('stops reading a body larger than the limit', async () => {
    pair.server.write('x'.repeat(3000));
    await expect(readPop3Body(conn, 'RETR', 1024)).rejects.toThrow(
      /larger than 1024/,
    );
  });
});
