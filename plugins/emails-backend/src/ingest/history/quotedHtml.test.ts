import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { simpleParser } from 'mailparser';
import { parseHtml, renderHtml } from './dom';
import { indexHtml } from './htmlLines';
import { splitQuotedHtml } from './quotedHtml';

const htmlOf = async (name: string) => {
  const mail = await simpleParser(
    await readFile(resolve(__dirname, '__fixtures__', name)),
  );
  return mail.html || '';
};

// The text as a reader sees it, one line per block or <br>.
const text = (html: string) =>
  indexHtml(parseHtml(html))
    .lines.map(l => l.text)
    .join(' ');

// Well-formed output renders back to itself after a parse.
const wellFormed = (html: string) => renderHtml(parseHtml(html)) === html;

const QUOTE =
  '<blockquote><p>Hello Rita,</p><p>We replaced the fuser unit.</p></blockquote>';

describe('splitQuotedHtml', () => {
  describe('per client', () => {
    it.each([
      [
        'gmail-reply.eml',
        'Thanks, Rita',
        // The signature goes to the collapsed part with the history.
        '<span class="gmail_signature_prefix">-- </span>',
      ],
      [
        'outlook-web-reply.eml',
        'see the photo of the display.',
        '<div class="elementToProof">Get Outlook for Android</div>',
      ],
      [
        'outlook-desktop-reply.eml',
        'on the display. Rita',
        '<div>\n<div style="border:none;border-top:solid #E1E1E1 1.0pt;',
      ],
      [
        'apple-mac-reply.eml',
        'Works now, thank you!',
        '<div><br><blockquote type="cite">',
      ],
      [
        'apple-ios-reply.eml',
        'Works now, thank you!',
        '<div dir="ltr"><br><div dir="ltr">Sent from my iPhone</div>',
      ],
      [
        'thunderbird-reply.eml',
        'It jams again since this morning.',
        '<pre class="moz-signature" cols="72">-- ',
      ],
    ])('splits the HTML of %s', async (name, freshText, quotedStart) => {
      const result = splitQuotedHtml(await htmlOf(name));
      expect(text(result.freshHtml)).toContain(freshText);
      expect(text(result.freshHtml)).not.toContain('fuser unit');
      expect(result.quotedHtml).toBeDefined();
      expect(result.quotedHtml!.startsWith(quotedStart)).toBe(true);
      expect(text(result.quotedHtml!)).toContain('We replaced the fuser unit.');
      expect(wellFormed(result.freshHtml)).toBe(true);
      expect(wellFormed(result.quotedHtml!)).toBe(true);
    });

    it('keeps the document around the fresh part', async () => {
      const { freshHtml } = splitQuotedHtml(
        await htmlOf('outlook-desktop-reply.eml'),
      );
      expect(freshHtml).toMatch(
        /^<html [^]*<head>[^]*<\/style>[^]*<body [^]*<\/body>\s*<\/html>\s*$/,
      );
    });

    it('keeps an inline image of the fresh part', async () => {
      const { freshHtml } = splitQuotedHtml(
        await htmlOf('outlook-web-reply.eml'),
      );
      expect(freshHtml).toContain('<img src="cid:display-photo"');
    });

    it('keeps a quote of a quote inside the one top-level history', async () => {
      const { quotedHtml } = splitQuotedHtml(await htmlOf('gmail-reply.eml'));
      expect(text(quotedHtml!)).toContain('jams on every second page');
      // The nested div.gmail_quote and both blockquote.gmail_quote.
      expect(quotedHtml!.match(/class="gmail_quote"/g)).toHaveLength(3);
    });
  });

  describe('per language', () => {
    it.each([
      [
        'en',
        'On Mon, 3 Nov 2026 at 10:02, IT Service Desk &lt;<a href="mailto:support@example.com">support@example.com</a>&gt; wrote:',
      ],
      [
        'de',
        'Am Mo., 3. Nov. 2026 um 10:02 Uhr schrieb IT Service Desk &lt;<a href="mailto:support@example.com">support@example.com</a>&gt;:',
      ],
      [
        'fr',
        'Le lun. 3 nov. 2026 à 10:02, IT Service Desk &lt;support@example.com&gt; a écrit&nbsp;:',
      ],
      [
        'es',
        'El lun, 3 nov 2026 a las 10:02, IT Service Desk (&lt;support@example.com&gt;) escribió:',
      ],
      [
        'nl',
        'Op ma 3 nov 2026 om 10:02 schreef IT Service Desk &lt;support@example.com&gt;:',
      ],
      [
        'it',
        'Il giorno lun 3 nov 2026 alle ore 10:02 IT Service Desk &lt;support@example.com&gt; ha scritto:',
      ],
      [
        'pt',
        'Em seg., 3 de nov. de 2026 às 10:02, IT Service Desk &lt;support@example.com&gt; escreveu:',
      ],
      [
        'sv',
        'Den mån 3 nov. 2026 kl 10:02 skrev IT Service Desk &lt;support@example.com&gt;:',
      ],
      [
        'da',
        'Den man. 3. nov. 2026 kl. 10.02 skrev IT Service Desk &lt;support@example.com&gt;:',
      ],
      [
        'no',
        'man. 3. nov. 2026 kl. 10:02 skrev IT Service Desk &lt;support@example.com&gt;:',
      ],
    ])(
      'splits at the %s attribution above a plain blockquote',
      (_, attribution) => {
        const html = `<div>Grüße, Rita</div><div><br></div><div>${attribution}</div>${QUOTE}`;
        const result = splitQuotedHtml(html);
        expect(result.freshHtml).toBe('<div>Grüße, Rita</div><div><br></div>');
        expect(result.quotedHtml).toBe(`<div>${attribution}</div>${QUOTE}`);
      },
    );

    it.each([
      [
        'de',
        '<b>Von:</b> IT Service Desk &lt;support@example.com&gt;<br><b>Gesendet:</b> Montag, 3. November 2026 10:02<br><b>An:</b> Rita Requester<br><b>Betreff:</b> AW: Drucker',
      ],
      [
        'fr',
        '<b>De&nbsp;:</b> IT Service Desk &lt;support@example.com&gt;<br><b>Envoyé&nbsp;:</b> lundi 3 novembre 2026 10:02<br><b>À&nbsp;:</b> Rita Requester<br><b>Objet&nbsp;:</b> RE: Imprimante',
      ],
      [
        'nl',
        '<b>Van:</b> IT Service Desk<br><b>Verzonden:</b> maandag 3 november 2026 10:02<br><b>Aan:</b> Rita Requester<br><b>Onderwerp:</b> RE: Printer',
      ],
    ])('splits an Outlook %s reply at its bordered header', (_, headers) => {
      const html = `<div class="WordSection1"><p class="MsoNormal">Danke</p><div><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal">${headers}</p></div></div><p class="MsoNormal">Hallo Rita</p></div>`;
      const result = splitQuotedHtml(html);
      expect(result.freshHtml).toBe(
        '<div class="WordSection1"><p class="MsoNormal">Danke</p></div>',
      );
      expect(text(result.quotedHtml!)).toMatch(
        /^(Von|De|Van)\s?:.*Hallo Rita$/,
      );
    });

    it('splits at an Outlook text banner inside a paragraph', () => {
      const result = splitQuotedHtml(
        '<p>Thanks<br>-----Ursprüngliche Nachricht-----<br>Von: IT Service Desk<br>Gesendet: Montag<br>An: Rita</p><p>Hallo</p>',
      );
      expect(result).toEqual({
        freshHtml: '<p>Thanks<br></p>',
        quotedHtml:
          '-----Ursprüngliche Nachricht-----<br>Von: IT Service Desk<br>Gesendet: Montag<br>An: Rita<p>Hallo</p>',
      });
    });
  });

  describe('configurable separators', () => {
    const marker = '##- Please type your reply above this line -##';

    it('splits at the configured line', () => {
      const html = `<div>Thanks, fixed.</div><div style="color:#999">${marker}</div><p>Your request INC-1042 was updated.</p>`;
      expect(splitQuotedHtml(html, { extraSeparators: [marker] })).toEqual({
        freshHtml: '<div>Thanks, fixed.</div>',
        quotedHtml: `<div style="color:#999">${marker}</div><p>Your request INC-1042 was updated.</p>`,
      });
    });
  });

  describe('edge cases', () => {
    it('returns HTML without quote unchanged', () => {
      const html = '<div dir="ltr">Hi,<div>the printer jams.</div></div>\n';
      expect(splitQuotedHtml(html)).toEqual({ freshHtml: html });
    });

    it('keeps the one line above a quote as the fresh part', () => {
      const html = `<div dir="ltr">ok</div><div class="gmail_quote">${QUOTE}</div>`;
      expect(splitQuotedHtml(html).freshHtml).toBe('<div dir="ltr">ok</div>');
    });

    it('returns an empty fresh part for HTML that is all quote', () => {
      const html = `<blockquote type="cite">${QUOTE}</blockquote>`;
      expect(splitQuotedHtml(html)).toEqual({
        freshHtml: '',
        quotedHtml: html,
      });
    });

    it('keeps a forward without a note whole', async () => {
      const html = (await htmlOf('gmail-forward.eml')).replace(
        /^[^]*?(<div class="gmail_quote)/,
        '$1',
      );
      expect(splitQuotedHtml(html)).toEqual({ freshHtml: html });
    });

    it('splits a forward with a note at its container', async () => {
      const result = splitQuotedHtml(await htmlOf('thunderbird-forward.eml'));
      expect(text(result.freshHtml).trim()).toBe(
        'FYI, from the Berlin office.',
      );
      expect(result.quotedHtml).toMatch(/^<div class="moz-forward-container">/);
    });

    it('does not count a signature alone as something new', () => {
      const html = `<div class="gmail_signature">Bob, IT Operations</div><div class="gmail_quote">${QUOTE}</div>`;
      expect(splitQuotedHtml(html)).toEqual({
        freshHtml: '',
        quotedHtml: html,
      });
    });

    it('keeps inline answers between cited quotes and collapses the whole', () => {
      const html =
        '<blockquote type="cite">Which floor?</blockquote><div>Floor 3.</div><blockquote type="cite">Which model?</blockquote><div>The HP one.</div>';
      expect(splitQuotedHtml(html)).toEqual({
        freshHtml: '<div>Floor 3.</div><div>The HP one.</div>',
        quotedHtml: html,
      });
    });

    it('splits preformatted plain text inside its text node', () => {
      const result = splitQuotedHtml(
        '<pre>Thanks\n\nOn 3 Nov 2026, at 10:02, Desk &lt;support@example.com&gt; wrote:\n&gt; hello\n</pre>',
      );
      expect(result).toEqual({
        freshHtml: '<pre>Thanks\n\n</pre>',
        quotedHtml:
          'On 3 Nov 2026, at 10:02, Desk &lt;support@example.com&gt; wrote:\n&gt; hello\n',
      });
    });

    it('keeps non-ASCII text as it is', () => {
      const { freshHtml } = splitQuotedHtml(
        `<p>Grüße, ça marche</p><div class="gmail_quote">${QUOTE}</div>`,
      );
      expect(freshHtml).toBe('<p>Grüße, ça marche</p>');
    });

    it('stays fast on 30 000 quote markers', () => {
      const html = `<p>hi</p>${'<div class="gmail_quote">x</div>'.repeat(
        30000,
      )}`;
      expect(splitQuotedHtml(html).freshHtml).toBe('<p>hi</p>');
    });

    it('returns hostile nesting whole instead of overflowing the stack', () => {
      const html = `${'<div>'.repeat(
        20000,
      )}Hi<div class="gmail_quote">${QUOTE}</div>`;
      expect(splitQuotedHtml(html)).toEqual({ freshHtml: html });
    });
  });

  describe('false positives', () => {
    it.each([
      [
        'a sentence ending in "wrote:"',
        '<p>On Monday I wrote:</p><p>the printer jams.</p>',
      ],
      [
        'a date and "wrote:" with fresh text below',
        '<p>On 3 Nov 2026 I wrote:</p><p>the printer jams.</p>',
      ],
      [
        'a bordered box that is no quote header',
        '<p>Hi</p><div style="border:none;border-top:solid #E1E1E1 1.0pt">Our offices close at 5 pm.</div>',
      ],
      [
        "Gmail's indent at the end",
        '<div dir="ltr">Steps:<blockquote style="margin:0 0 0 40px;border:none;padding:0px"><div>restart the spooler</div></blockquote></div>',
      ],
      [
        'a plain blockquote followed by text',
        `<p>The error reads:</p>${QUOTE}<p>What does it mean?</p>`,
      ],
    ])('does not split %s', (_, html) => {
      expect(splitQuotedHtml(html)).toEqual({ freshHtml: html });
    });
  });
});
