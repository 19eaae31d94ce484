/*
 * One named regression test per trimming behaviour of issue 13; the corpus
 * test scores the same rules on real replies.
 */
import { splitQuotedHtml, splitQuotedText } from '.';
import { visibleText } from './__testUtils__/replyCorpus';

const ANSWER = 'It is the HP printer on floor 2.';
const QUOTE = '> Which printer is it?\n> Regards, Service Desk';

describe('history trimming', () => {
  describe('attributions in any common language and client', () => {
    it.each([
      [
        'English',
        'On Thu, 3 Mar 2016 at 17:21, Desk <help@example.com> wrote:',
      ],
      ['German', 'Am 03.03.2016 um 17:21 schrieb Desk <help@example.com>:'],
      [
        'French',
        'Le jeu. 3 mars 2016 à 17:21, Desk <help@example.com> a écrit :',
      ],
      ['Italian', 'Il giorno 3 mar 2016, alle ore 17:21, Desk ha scritto:'],
      [
        'Spanish',
        'El jue, 3 mar 2016 a las 17:21, Desk (<help@example.com>) escribió:',
      ],
      [
        'Russian',
        '3 марта 2016 г., в 17:21, Desk <help@example.com> написал(а):',
      ],
      ['Polish', 'W dniu 3.03.2016 o 17:21, Desk <help@example.com> pisze:'],
      ['Dutch', 'Op 3 mrt. 2016 om 17:21 schreef Desk <help@example.com>:'],
      [
        'Portuguese',
        'Em 3 de mar. de 2016 às 17:21, Desk <help@example.com> escreveu:',
      ],
      ['ISO date', '2016-03-03 17:21 GMT+01:00 Desk <help@example.com>:'],
      [
        'Zoho dashes',
        '---- On Thu, 03 Mar 2016 17:21:00 +0100 Desk wrote ----',
      ],
    ])('cuts at a %s attribution', (_, line) => {
      const result = splitQuotedText(`${ANSWER}\n\n${line}\n${QUOTE}\n`);
      expect(result.fresh).toBe(ANSWER);
      expect(result.quoted).toBe(`${line}\n${QUOTE}`);
    });

    it('cuts at an attribution wrapped over three lines', () => {
      const wrapped =
        'On Thu, Mar 3, 2016 at 5:21 PM,\nService Desk\n<help@example.com> wrote:';
      expect(splitQuotedText(`${ANSWER}\n\n${wrapped}\n${QUOTE}`).fresh).toBe(
        ANSWER,
      );
    });

    it('never takes the prose line above a wrapped attribution along', () => {
      const text = `${ANSWER}\nAa Bb <abc@example.org> schrieb am So., 23.\nJuni 2024, 21:08:\n${QUOTE}`;
      expect(splitQuotedText(text).fresh).toBe(ANSWER);
    });

    it('cuts at an attribution that is itself quoted', () => {
      const text = `${ANSWER}\n\n> On 3 Mar 2016, at 17:21, Desk\n> <help@example.com> wrote:\n${QUOTE}`;
      expect(splitQuotedText(text).fresh).toBe(ANSWER);
    });
  });

  describe('quote prefixes other than ">"', () => {
    it.each([
      ['Name>', 'Desk> Which printer is it?\nDesk> Regards'],
      ['|', 'Desk wrote:\n| Which printer is it?\n| Regards'],
    ])('collapses lines quoted with %s', (_, quote) => {
      expect(splitQuotedText(`${ANSWER}\n\n${quote}\n`).fresh).toBe(ANSWER);
    });

    it('keeps a table whose rows start and end with "|"', () => {
      const text = `${ANSWER}\n\n| model | floor |\n| HP | 2 |\n`;
      expect(splitQuotedText(text)).toEqual({ fresh: text });
    });
  });

  describe('Outlook and Gmail header blocks and rules', () => {
    const headers =
      'From: Desk <help@example.com>\nSent: Thursday, March 3, 2016 5:21 PM\nTo: Anna\nSubject: Printer';
    it.each([
      ['the Original Message banner', `-----Original Message-----\n${headers}`],
      ['the underscore rule', `________________________________\n${headers}`],
      ['a bare header block', headers],
      [
        'a Russian header block',
        'От: Desk\nОтправлено: 3 марта 2016 г. 17:21\nКому: Anna',
      ],
      [
        'a header block starting with Date',
        'Date: Thu, 3 Mar 2016 17:21\nTo: Anna\nFrom: Desk\nSubject: Printer',
      ],
      [
        'the Gmail forward banner',
        `---------- Forwarded message ---------\n${headers}`,
      ],
    ])('cuts at %s', (_, block) => {
      const result = splitQuotedText(
        `${ANSWER}\n\n${block}\n\nWhich printer is it?`,
      );
      expect(result.fresh).toBe(ANSWER);
      expect(result.quoted).toContain('Which printer is it?');
    });
  });

  describe('signatures', () => {
    it.each([
      'Sent from my iPhone',
      'Envoyé de mon iPhone',
      'Sendt fra min iPad',
      'Von meinem Samsung Galaxy Smartphone gesendet',
      'Sent from Outlook Mobile',
      'Get Outlook for Android<https://aka.ms/ghei36>',
      'Enviado desde mi iPhone',
      'Отправлено с iPhone',
    ])('collapses the mobile signature "%s"', signature => {
      const result = splitQuotedText(`${ANSWER}\n\n${signature}\n`);
      expect(result).toEqual({
        fresh: ANSWER,
        quoted: signature,
        separator: signature,
      });
    });

    it('collapses what follows the "-- " delimiter', () => {
      expect(
        splitQuotedText(`${ANSWER}\n\n-- \nAnna Berg\nFinance\n`).quoted,
      ).toBe('-- \nAnna Berg\nFinance');
    });

    it('collapses a short block below a decorative rule', () => {
      expect(
        splitQuotedText(`${ANSWER}\n\n==========\nAnna Berg, Finance\n`).fresh,
      ).toBe(ANSWER);
    });

    it('stays linear on 50 000 lines of prose and rules', () => {
      const text = `Hi\n${'____\nThe printer on floor 3 jams again.\n'.repeat(
        25000,
      )}`;
      // A rule with a sentence below is no signature.
      expect(splitQuotedText(text)).toEqual({ fresh: text });
    });

    it('keeps "sent from my iPhone" inside a sentence', () => {
      const text =
        'The report was sent from my iPhone app but never arrived.\n';
      expect(splitQuotedText(text)).toEqual({ fresh: text });
    });
  });

  describe('answers below or between quotes', () => {
    it('keeps the answers and collapses the whole original', () => {
      const text = `On 3 Mar 2016, at 17:21, Desk <help@example.com> wrote:\n> Which printer?\nThe HP one.\n> Which floor?\nFloor 2.\n\n-- \nAnna`;
      expect(splitQuotedText(text)).toEqual({
        fresh: 'The HP one.\nFloor 2.',
        quoted: text,
      });
    });

    it('keeps a quote the person put above the history', () => {
      const text = `The log says:\n\n> disk full\n\nAnna\n\nOn 3 Mar 2016, at 17:21, Desk <help@example.com> wrote:\n${QUOTE}`;
      expect(splitQuotedText(text).fresh).toBe(
        'The log says:\n\n> disk full\n\nAnna',
      );
    });
  });

  describe('mail that is nothing but quotes', () => {
    it('has an empty new part and the whole mail collapsed', () => {
      const text = `On 3 Mar 2016, at 17:21, Desk <help@example.com> wrote:\n${QUOTE}`;
      expect(splitQuotedText(text)).toEqual({ fresh: '', quoted: text });
    });
  });

  describe('HTML', () => {
    const fresh = (html: string) =>
      visibleText(splitQuotedHtml(html).freshHtml);
    it.each([
      [
        'Gmail',
        `<div>${ANSWER}</div><div class="gmail_quote"><div class="gmail_attr">On Thu, Desk wrote:</div><blockquote class="gmail_quote">Which printer?</blockquote></div>`,
      ],
      [
        'Outlook on the web',
        `<div>${ANSWER}</div><hr><div id="divRplyFwdMsg"><b>From:</b> Desk<br><b>Sent:</b> Thursday<br><b>To:</b> Anna</div><div>Which printer?</div>`,
      ],
      [
        'Outlook desktop',
        `<p>${ANSWER}</p><div style="border:none;border-top:solid #E1E1E1 1.0pt"><p><b>From:</b> Desk<br><b>Sent:</b> Thursday<br><b>To:</b> Anna</p></div><p>Which printer?</p>`,
      ],
      [
        'Apple Mail',
        `<div>${ANSWER}</div><blockquote type="cite"><div>On 3 Mar 2016, at 17:21, Desk wrote:</div>Which printer?</blockquote>`,
      ],
      [
        'Thunderbird',
        `<p>${ANSWER}</p><div class="moz-cite-prefix">On 03.03.16 17:21, Desk wrote:</div><blockquote type="cite">Which printer?</blockquote>`,
      ],
      [
        'a blockquote under an attribution',
        `<div>${ANSWER}</div><div>On Thu, 3 Mar 2016 at 17:21, Desk &lt;help@example.com&gt; wrote:</div><blockquote>Which printer?</blockquote>`,
      ],
      [
        'a Gmail signature',
        `<div>${ANSWER}</div><div class="gmail_signature">Anna Berg</div>`,
      ],
      [
        'a mobile signature',
        `<div>${ANSWER}</div><div><br></div><div>Envoyé de mon iPhone</div>`,
      ],
    ])('trims %s markup', (_, html) => {
      expect(fresh(html)).toBe(ANSWER);
    });

    it('keeps answers between cited quotes', () => {
      const html = `<div class="moz-cite-prefix">Desk wrote:</div><blockquote type="cite">Which printer?</blockquote><p>The HP one.</p><blockquote type="cite">Which floor?</blockquote><p>Floor 2.</p>`;
      expect(splitQuotedHtml(html)).toEqual({
        freshHtml: '<p>The HP one.</p><p>Floor 2.</p>',
        quotedHtml: html,
      });
    });

    it('collapses HTML that is nothing but quotes', () => {
      const html =
        '<div class="gmail_quote"><blockquote class="gmail_quote">Which printer?</blockquote></div>';
      expect(splitQuotedHtml(html)).toEqual({
        freshHtml: '',
        quotedHtml: html,
      });
    });
  });
});
