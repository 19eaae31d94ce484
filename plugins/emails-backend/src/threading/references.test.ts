import { simpleParser } from 'mailparser';
import {
  extractReferences,
  messageIdsIn,
  normaliseMessageId,
  subjectNumbers,
  subjectReferencePattern,
} from './references';
import { ThreadTokens } from './tokens';

const tokens = new ThreadTokens(Buffer.alloc(32, 7));
const ours = tokens.messageId({
  ticketId: '42',
  entryId: '3',
  domain: 'helpdesk.example.com',
});
const marker = tokens.bodyMarker({ ticketId: '42', entryId: '3' });

function eml(headers: string[], body: string): Buffer {
  return Buffer.from(
    `${headers.join('\r\n')}\r\n\r\n${body.replace(/\n/g, '\r\n')}`,
  );
}

describe('extractReferences', () => {
  it('reads a Gmail reply: In-Reply-To, References and the quoted marker', async () => {
    const mail = await simpleParser(
      eml(
        [
          'From: Ann Example <ann@gmail.com>',
          'To: support@example.com',
          'Subject: Re: [REQ-42] Printer on fire',
          'Message-ID: <CAF=abc123+XyZ@mail.gmail.com>',
          `In-Reply-To: ${ours}`,
          `References: <first@mail.gmail.com>\r\n ${ours}`,
          'Content-Type: text/plain; charset=UTF-8',
        ],
        `Still burning.\n\nOn Mon, 3 Jun 2024 at 10:00, Support <support@example.com> wrote:\n> We are on it.\n>\n> ${marker.text}\n`,
      ),
    );
    const refs = extractReferences(mail, { tokens });
    expect(refs.inReplyTo).toEqual([ours]);
    expect(refs.references).toEqual(['<first@mail.gmail.com>', ours]);
    expect(refs.headerTokens).toEqual([{ ticketId: '42', entryId: '3' }]);
    expect(refs.bodyTokens).toEqual([{ ticketId: '42', entryId: '3' }]);
    expect(refs.subjectNumbers).toEqual(['42']);
  });

  it('reads an Outlook reply: RE: prefix, Thread-Index, no References, marker in hidden HTML', async () => {
    const mail = await simpleParser(
      eml(
        [
          'From: "Bob" <bob@contoso.com>',
          'Subject: RE: [REQ-42] Printer on fire',
          'Thread-Topic: [REQ-42] Printer on fire',
          'Thread-Index: AQHa1b2c3d4e5f6g7h8i9j0k',
          `In-Reply-To: ${ours}`,
          'Message-ID: <DM6PR01MB1234.namprd01.prod.outlook.com>',
          'Content-Type: text/html; charset=utf-8',
        ],
        `<html><body><p>Fixed?</p><div id="divRplyFwdMsg"><b>From:</b> Support</div><p>We are on it.</p>${marker.html}</body></html>`,
      ),
    );
    const refs = extractReferences(mail, { tokens });
    expect(refs.references).toEqual([]);
    expect(refs.headerTokens).toEqual([{ ticketId: '42', entryId: '3' }]);
    expect(refs.bodyTokens).toEqual([{ ticketId: '42', entryId: '3' }]);
    expect(refs.subjectNumbers).toEqual(['42']);
  });

  it('reads a Thunderbird reply deep in a References chain, newest token first', async () => {
    const older = tokens.messageId({
      ticketId: '42',
      entryId: '1',
      domain: 'helpdesk.example.com',
    });
    const mail = await simpleParser(
      eml(
        [
          'From: Cy <cy@example.org>',
          'Subject: Re: Re: Printer on fire',
          `References: <a1@example.org> ${older}\r\n <a2@example.org>\r\n ${ours}`,
          `In-Reply-To: ${ours}`,
          'User-Agent: Mozilla Thunderbird',
          'Content-Type: text/plain; charset=UTF-8; format=flowed',
        ],
        'Thanks\n',
      ),
    );
    const refs = extractReferences(mail, { tokens });
    expect(refs.references).toEqual([
      '<a1@example.org>',
      older,
      '<a2@example.org>',
      ours,
    ]);
    expect(refs.headerTokens).toEqual([
      { ticketId: '42', entryId: '3' },
      { ticketId: '42', entryId: '1' },
    ]);
    expect(refs.bodyTokens).toEqual([]);
    expect(refs.subjectNumbers).toEqual([]);
  });

  it('drops forged tokens and uses a configured subject format', () => {
    const forged = ours.replace('.42.', '.43.');
    const refs = extractReferences(
      {
        inReplyTo: forged,
        subject: 'AW: WG: #INC-7# and #INC-8#',
        text: `[ref:${forged.slice(1, -1)}]`,
        html: false,
      },
      { tokens, subjectFormat: '#INC-{number}#' },
    );
    expect(refs.inReplyTo).toEqual([forged]);
    expect(refs.headerTokens).toEqual([]);
    expect(refs.bodyTokens).toEqual([]);
    expect(refs.subjectNumbers).toEqual(['7', '8']);
  });
});

describe('messageIdsIn', () => {
  it('normalises, de-duplicates and keeps order', () => {
    expect(messageIdsIn('<a@x>  (comment) <b@x> <a@x>')).toEqual([
      '<a@x>',
      '<b@x>',
    ]);
    expect(messageIdsIn(['<a@x>', 'b@x'])).toEqual(['<a@x>', '<b@x>']);
    expect(messageIdsIn('c@x d@x')).toEqual(['<c@x>', '<d@x>']);
    expect(messageIdsIn(undefined)).toEqual([]);
    expect(messageIdsIn('no ids here')).toEqual([]);
  });

  it('caps the number of ids a hostile header can make us look up', () => {
    const header = Array.from({ length: 500 }, (_, i) => `<${i}@x>`).join(' ');
    expect(messageIdsIn(header)).toHaveLength(100);
  });
});

describe('normaliseMessageId', () => {
  it('brackets once and keeps case', () => {
    expect(normaliseMessageId(' Abc@Example.COM ')).toBe('<Abc@Example.COM>');
    expect(normaliseMessageId('<<a@b>>')).toBe('<a@b>');
    expect(normaliseMessageId('a b@c')).toBeUndefined();
    expect(normaliseMessageId('<>')).toBeUndefined();
    expect(normaliseMessageId(`<${'x'.repeat(999)}>`)).toBeUndefined();
  });
});

describe('subjectNumbers', () => {
  it('finds the default reference behind reply and forward prefixes', () => {
    expect(subjectNumbers('RE: [REQ-5] VPN')).toEqual(['5']);
    expect(subjectNumbers('AW: Re: FW: [req-5] VPN')).toEqual(['5']);
    expect(subjectNumbers('Fwd: [REQ-5] and [REQ-9] and [REQ-5]')).toEqual([
      '5',
      '9',
    ]);
    expect(subjectNumbers('REQ-5 without brackets')).toEqual([]);
    expect(subjectNumbers('[REQ-] [REQ-x] [REQ-1234567890123456789]')).toEqual(
      [],
    );
    expect(subjectNumbers(undefined)).toEqual([]);
  });

  it('matches formats literally, so a format cannot inject a pattern', () => {
    expect(subjectNumbers('(Ticket .* 12)', '(Ticket .* {number})')).toEqual([
      '12',
    ]);
    expect(subjectNumbers('(Ticket xx 12)', '(Ticket .* {number})')).toEqual(
      [],
    );
    expect(subjectReferencePattern('a|b{number}').test('a')).toBe(false);
  });

  it('does not read a longer number or word as the reference', () => {
    expect(
      subjectNumbers('XREQ-1 REQ-12 REQ-3x REQ-4', 'REQ-{number}'),
    ).toEqual(['12', '4']);
    expect(subjectNumbers('Order 12345 and #7', '#{number}')).toEqual(['7']);
    expect(subjectNumbers('a 12345678901234567890 b 77', '{number}')).toEqual([
      '77',
    ]);
  });

  it('refuses a format without exactly one {number}', () => {
    expect(() => subjectReferencePattern('[REQ]')).toThrow(/one \{number\}/);
    expect(() => subjectReferencePattern('{number}-{number}')).toThrow(
      /one \{number\}/,
    );
  });
});
