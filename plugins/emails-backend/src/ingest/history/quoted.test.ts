import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { simpleParser } from 'mailparser';
import { splitQuotedText } from './quoted';

const textOf = async (name: string) => {
  const mail = await simpleParser(
    await readFile(resolve(__dirname, '__fixtures__', name)),
  );
  return mail.text ?? '';
};

const QUOTE = '> Hello Rita,\n>\n> We replaced the fuser unit.\n';

describe('splitQuotedText', () => {
  describe('per client', () => {
    it.each([
      [
        'gmail-reply.eml',
        'Hi team,\n\nThe printer on floor 3 is still jamming after the fix.\n\nThanks,\nRita',
        'On Mon, 3 Nov 2026 at 10:02, IT Service Desk <support@example.com> wrote:',
      ],
      [
        'gmail-reply-wrapped.eml',
        'Still jamming, sorry.',
        'On Mon, 3 Nov 2026 at 10:02, IT Service Desk Europe (Second Level Support) < support@example.com> wrote:',
      ],
      [
        'apple-ios-reply.eml',
        'Works now, thank you!',
        // The mobile signature goes to the collapsed part with the history.
        'Sent from my iPhone',
      ],
      [
        'apple-mac-reply.eml',
        'Works now, thank you!\n\nRita',
        'On 3 Nov 2026, at 10:02, IT Service Desk <support@example.com> wrote:',
      ],
      ['thunderbird-reply.eml', 'It jams again since this morning.', '--'],
      [
        'outlook-2010-reply.eml',
        'Still jamming. I attached a photo of the error on the display.\n\nRita',
        '-----Original Message-----',
      ],
      ['outlook-web-reply.eml', 'Still jamming.', 'Get Outlook for Android'],
      [
        'outlook-desktop-reply.eml',
        'Still jamming. I attached a photo of the error on the display.\n\nRita',
        'From: IT Service Desk <support@example.com>',
      ],
    ])('splits the text of %s', async (name, fresh, separator) => {
      const text = await textOf(name);
      const result = splitQuotedText(text);
      expect(result.fresh).toBe(fresh);
      expect(result.separator).toBe(separator);
      expect(result.quoted).toContain('We replaced the fuser unit.');
      expect(text).toContain(result.quoted);
    });

    it('keeps a quote of a quote inside the one top-level history', async () => {
      const result = splitQuotedText(await textOf('gmail-reply.eml'));
      expect(result.quoted).toMatch(/^On Mon, 3 Nov 2026/);
      expect(result.quoted).toContain('>> The printer on floor 3 jams');
    });

    it('splits Outlook text that marks bold labels with asterisks', () => {
      const result = splitQuotedText(
        'Still jamming.\n\n*From:* IT Service Desk <support@example.com>\n*Sent:* Monday, November 3, 2026 10:02 AM\n*To:* Rita Requester <rita@example.com>\n*Subject:* RE: Printer on floor 3\n\nHello Rita,',
      );
      expect(result.fresh).toBe('Still jamming.');
      expect(result.separator).toBe(
        '*From:* IT Service Desk <support@example.com>',
      );
    });

    it('reads Windows line ends', async () => {
      const text = await textOf('outlook-2010-reply.eml');
      const result = splitQuotedText(text.replace(/\n/g, '\r\n'));
      expect(result.separator).toBe('-----Original Message-----');
      expect(result.fresh).not.toContain('\r');
    });
  });

  describe('configurable separators', () => {
    const marker = '##- Please type your reply above this line -##';

    it('splits where the notification asked the reply to end', () => {
      const result = splitQuotedText(
        `Thanks, that fixed it.\n\n${marker}\n\nYour request INC-1042 was updated.`,
        { extraSeparators: [marker] },
      );
      expect(result).toEqual({
        fresh: 'Thanks, that fixed it.',
        quoted: `${marker}\n\nYour request INC-1042 was updated.`,
        separator: marker,
      });
    });

    it('finds it inside a quote, whatever the case', () => {
      const result = splitQuotedText(
        `Thanks.\nSee you\n> ${marker.toUpperCase()}\n> Your request was updated.\nOK?`,
        { extraSeparators: [`  ${marker} `, ''] },
      );
      expect(result.fresh).toBe('Thanks.\nSee you');
    });

    it('ignores it when not configured', () => {
      const own = '##- Bitte oberhalb dieser Zeile antworten -##';
      const text = `Thanks.\n\n${own}\n\nYour request was updated.`;
      expect(splitQuotedText(text)).toEqual({ fresh: text });
    });

    it('knows the common "reply above this line" markers unconfigured', () => {
      const text = `Thanks.\n\n${marker}\n\nYour request was updated.`;
      expect(splitQuotedText(text).fresh).toBe('Thanks.');
    });
  });

  describe('edge cases', () => {
    it('keeps a reply without any quote whole', () => {
      const text = 'Hi,\n\nthe printer on floor 3 jams.\n\nRita\n';
      expect(splitQuotedText(text)).toEqual({ fresh: text });
    });

    it('keeps the one line above a quote as the fresh part', () => {
      const result = splitQuotedText(
        `ok\nOn 3 Nov 2026, at 10:02, IT Service Desk <support@example.com> wrote:\n${QUOTE}`,
      );
      expect(result.fresh).toBe('ok');
    });

    it('splits trailing "> " lines without an attribution', () => {
      const result = splitQuotedText(`Done, thanks.\n\n${QUOTE}`);
      expect(result).toEqual({
        fresh: 'Done, thanks.',
        quoted: QUOTE.trimEnd(),
      });
    });

    it('takes a short "… wrote:" right above trailing quotes with them', () => {
      const result = splitQuotedText(
        `Done.\n\nIT Service Desk wrote:\n${QUOTE}`,
      );
      expect(result.fresh).toBe('Done.');
      expect(result.separator).toBe('IT Service Desk wrote:');
    });

    it('returns an empty fresh part for a message that is all quote', () => {
      expect(splitQuotedText(QUOTE)).toEqual({
        fresh: '',
        quoted: QUOTE.trimEnd(),
      });
    });

    it('keeps a forward without a note whole, banner at the very top', async () => {
      const text = (await textOf('gmail-forward.eml'))
        .split('\n')
        .slice(4)
        .join('\n');
      expect(text.startsWith('---------- Forwarded message')).toBe(true);
      expect(splitQuotedText(text)).toEqual({ fresh: text });
    });

    it('splits a forward with a note at its banner', async () => {
      const result = splitQuotedText(await textOf('gmail-forward.eml'));
      expect(result.fresh).toBe(
        'Hi, please open a ticket for Rita, she called me about this.\n\nBob',
      );
      expect(result.separator).toBe('---------- Forwarded message ---------');
    });

    it('splits a forward without a note at the history inside it', () => {
      const text = `-------- Forwarded Message --------\nSubject: Printer\nFrom: Rita <rita@example.com>\n\nIt jams again.\n\nOn 11/3/26 10:02 AM, IT Service Desk wrote:\n${QUOTE}`;
      const result = splitQuotedText(text);
      expect(result.fresh).toMatch(
        /^-------- Forwarded Message[^]*It jams again\.$/,
      );
      expect(result.separator).toBe(
        'On 11/3/26 10:02 AM, IT Service Desk wrote:',
      );
    });

    it('does not count a signature alone as something new', () => {
      const text = `-- \nBob Technician\nIT Operations\n\nOn 3 Nov 2026, at 10:02, Rita <rita@example.com> wrote:\n${QUOTE}`;
      expect(splitQuotedText(text)).toEqual({
        fresh: '',
        quoted: text.trimEnd(),
      });
    });

    it('puts the signature below the "-- " delimiter in the collapsed part', () => {
      expect(splitQuotedText('Fixed.\n\n-- \nBob Technician\n')).toEqual({
        fresh: 'Fixed.',
        quoted: '-- \nBob Technician',
        separator: '--',
      });
    });

    it('keeps inline answers between quotes and collapses the whole', () => {
      const text = '> Which floor?\nFloor 3.\n> Which model?\nThe HP one.\n';
      expect(splitQuotedText(text)).toEqual({
        fresh: 'Floor 3.\nThe HP one.',
        quoted: text.trimEnd(),
      });
    });

    it('keeps a bottom-posted answer and collapses the whole', () => {
      const text = `On 3 Nov 2026, at 10:02, IT Service Desk <support@example.com> wrote:\n${QUOTE}\nStill jamming.\n`;
      expect(splitQuotedText(text)).toEqual({
        fresh: 'Still jamming.',
        quoted: text.trimEnd(),
      });
    });
  });

  describe('false positives', () => {
    it.each([
      [
        'a sentence that goes on',
        'On Monday I wrote: the printer jams.\nIt still does.\nmore',
      ],
      [
        '"wrote:" at a line end, no date',
        'Hi,\nOn Monday I wrote:\nthe printer jams.\nPlease help.',
      ],
      [
        'a date but fresh text below',
        'Hi,\nOn 3 Nov 2026 I wrote:\nthe printer jams.\nPlease help.',
      ],
      ['German prose', 'Hallo,\nAm Montag schrieb ich:\nder Drucker klemmt.'],
      [
        'French prose',
        'Bonjour,\nLe lundi 3 novembre, Paul a écrit :\nque l’imprimante est cassée.',
      ],
      [
        'a From: sentence',
        'Hi,\nFrom: the finance team, thanks.\nSubject to approval.\nRita',
      ],
      [
        'an underscore rule above prose',
        'Hi\n____________________\nThe printer on floor 3 jams again every morning.',
      ],
      [
        'a PGP armour line',
        'Hi\n-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----',
      ],
    ])('does not split %s', (_, text) => {
      expect(splitQuotedText(text)).toEqual({ fresh: text });
    });

    it('stays linear on 50 000 banners', () => {
      const text = `hi\n${'-----Original Message-----\n'.repeat(50000)}`;
      expect(splitQuotedText(text).fresh).toBe('hi');
    });

    it('ignores an overlong line that looks like an attribution', () => {
      const text = `Hi\nOn ${'x '.repeat(5000)}3 Nov 2026 wrote:\n> q`;
      expect(splitQuotedText(text).separator).toBeUndefined();
    });
  });
});
