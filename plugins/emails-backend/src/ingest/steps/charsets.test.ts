import { TestDatabases } from '@backstage/backend-test-utils';
import { mail, startPipeline } from '../__testUtils__/pipeline';

jest.setTimeout(60_000);

const HEAD = {
  From: 'Anna Berg <anna@example.org>',
  To: 'support@example.com',
};

/** A single-part message whose body is the given bytes in `charset`. */
function encoded(subject: string, charset: string, body: Buffer) {
  return Buffer.concat([
    Buffer.from(
      mail(
        {
          ...HEAD,
          Subject: subject,
          'Content-Type': `text/plain; charset=${charset}`,
          'Content-Transfer-Encoding': '8bit',
        },
        '',
      ),
      'latin1',
    ),
    body,
    Buffer.from('\r\n'),
  ]);
}

describe('legacy charsets through the pipeline', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function ticketOf(raw: string | Buffer) {
    const { deliver, stores } = await startPipeline(databases, 'SQLITE_3');
    const { outcome } = await deliver(raw);
    expect(outcome.status).toBe('ticketed');
    const ticket = await stores.tickets.get(outcome.ticketId!);
    const [entry] = await stores.tickets.entries(outcome.ticketId!);
    const listed =
      (await stores.attachments.forEntries([entry.id])).get(entry.id) ?? [];
    return { ticket, entry, filenames: listed.map(f => f.filename).sort() };
  }

  it('decodes UTF-7 bodies and UTF-7 encoded words, which mailparser refuses', async () => {
    const { ticket, entry } = await ticketOf(
      mail(
        {
          ...HEAD,
          Subject: '=?utf-7?Q?Dr+APw-cker_kaputt?=',
          'Content-Type': 'text/plain; charset="UTF-7"',
        },
        'Der Drucker im +ANw-bergang ist kaputt. 1 +- 1 = 2\r\n+ZeVnLIqe-\r\n',
      ),
    );
    expect(ticket.title).toBe('Drücker kaputt');
    expect(entry.text).toContain(
      'Der Drucker im Übergang ist kaputt. 1 + 1 = 2',
    );
    expect(entry.text).toContain('日本語');
  });

  it.each([
    [
      'windows-1252',
      Buffer.from([0x93, 0x45, 0x75, 0x72, 0x6f, 0x20, 0x80, 0x94]),
      '“Euro €”',
    ],
    [
      'windows-1251',
      Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]),
      'Привет',
    ],
    ['koi8-r', Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]), 'Привет'],
    [
      'x-mac-cyrillic',
      Buffer.from([0x8f, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]),
      'Привет',
    ],
    ['x-mac-roman', Buffer.from([0x8a, 0x9a, 0x9f]), 'äöü'],
    [
      'iso-2022-jp',
      Buffer.from('\x1b$B$3$s$K$A$O\x1b(B', 'latin1'),
      'こんにちは',
    ],
    ['iso8859_1', Buffer.from([0x47, 0x72, 0xfc, 0xdf, 0x65]), 'Grüße'],
  ])('decodes a %s body', async (charset, body, expected) => {
    const { entry } = await ticketOf(encoded(`In ${charset}`, charset, body));
    expect(entry.text?.trim()).toBe(expected);
  });

  it('decodes encoded words in legacy charsets in the subject and the sender name', async () => {
    const { ticket } = await ticketOf(
      mail(
        {
          From: '=?koi8-r?B?8NLJ18XU?= <ivan@example.org>',
          To: 'support@example.com',
          Subject:
            '=?windows-1251?B?z/Do4uXy?= =?ISO-2022-JP?B?GyRCJEgkaiQiJCgkOhsoQg==?=',
        },
        'hi\r\n',
      ),
    );
    expect(ticket.title).toBe('Приветとりあえず');
    expect(ticket.requester.name).toBe('Привет');
  });

  it('keeps Unicode file names from RFC 2231, RFC 2047 and raw UTF-8', async () => {
    const part = (disposition: string) =>
      `--b1\r\nContent-Type: application/octet-stream\r\nContent-Disposition: ${disposition}\r\nContent-Transfer-Encoding: base64\r\n\r\nAAEC\r\n`;
    const raw = Buffer.from(
      mail(
        {
          ...HEAD,
          Subject: 'Names',
          'Content-Type': 'multipart/mixed; boundary="b1"',
        },
        [
          '--b1\r\nContent-Type: text/plain\r\n\r\nFour files.\r\n',
          part("attachment; filename*=utf-8''%E6%97%A5%E6%9C%AC.bin"),
          part("attachment; filename*=windows-1251''%CF%F0%E8.bin"),
          part('attachment; filename="=?koi8-r?B?8NLJ18XU?=.bin"'),
          part('attachment; filename="Ünïcödé Straße.bin"'),
          '--b1--\r\n',
        ].join(''),
      ),
      'utf8',
    );
    const { filenames } = await ticketOf(raw);
    expect(filenames).toEqual(
      ['日本.bin', 'При.bin', 'Привет.bin', 'Ünïcödé Straße.bin'].sort(),
    );
  });
});
