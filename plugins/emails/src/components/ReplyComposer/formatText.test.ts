import { formattedTextToHtml } from '@internal/plugin-emails-common';
import { applyFormat, FormattedEdit, TextFormat } from './formatText';

/**
 * Applies a format to text whose selection is marked «like this» (a lone
 * `|` is the caret) and answers the result marked the same way.
 */
function format(marked: string, kind: TextFormat): string {
  const caret = marked.indexOf('|');
  const start = caret >= 0 ? caret : marked.indexOf('«');
  const end = caret >= 0 ? caret : marked.indexOf('»') - 1;
  const text = marked.replace(/[«»|]/g, '');
  return mark(applyFormat(text, { start, end }, kind));
}

function mark({ text, selection }: FormattedEdit): string {
  const { start, end } = selection;
  if (start === end) return `${text.slice(0, start)}|${text.slice(start)}`;
  return `${text.slice(0, start)}«${text.slice(start, end)}»${text.slice(end)}`;
}

describe('applyFormat', () => {
  describe('bold, italic and code', () => {
    it('wraps the selection and keeps it selected', () => {
      expect(format('Please «restart» it', 'bold')).toBe(
        'Please **«restart»** it',
      );
      expect(format('Please «restart» it', 'italic')).toBe(
        'Please *«restart»* it',
      );
      expect(format('Run «ipconfig» now', 'code')).toBe('Run `«ipconfig»` now');
    });

    it('inserts a selected placeholder where nothing is selected', () => {
      expect(format('Hi |', 'bold')).toBe('Hi **«bold text»**');
      expect(format('|', 'italic')).toBe('*«italic text»*');
      expect(format('|', 'code')).toBe('`«code»`');
    });

    it('leaves the whitespace at the ends of the selection outside the marks', () => {
      expect(format('a« word »b', 'bold')).toBe('a **«word»** b');
    });

    it('removes the marks when the selection is wrapped already', () => {
      expect(format('Please **«restart»** it', 'bold')).toBe(
        'Please «restart» it',
      );
      expect(format('a *«b»* c', 'italic')).toBe('a «b» c');
      expect(format('a `«b»` c', 'code')).toBe('a «b» c');
    });

    it('tells italic from bold around the selection', () => {
      expect(format('**«x»**', 'italic')).toBe('***«x»***');
      expect(format('***«x»***', 'italic')).toBe('**«x»**');
      expect(format('***«x»***', 'bold')).toBe('*«x»*');
      expect(format('*«x»*', 'bold')).toBe('***«x»***');
    });

    it('wraps each selected line, since formatting stays within a line', () => {
      expect(format('«one\n\n two»', 'bold')).toBe('«**one**\n\n **two**»');
    });

    it('makes what the backend renders as bold, italic and code', () => {
      const text = 'Please restart it';
      const bold = applyFormat(text, { start: 7, end: 14 }, 'bold');
      expect(formattedTextToHtml(bold.text)).toBe(
        '<p>Please <strong>restart</strong> it</p>',
      );
      const italic = applyFormat(text, { start: 7, end: 14 }, 'italic');
      expect(formattedTextToHtml(italic.text)).toBe(
        '<p>Please <em>restart</em> it</p>',
      );
      const code = applyFormat(text, { start: 7, end: 14 }, 'code');
      expect(formattedTextToHtml(code.text)).toBe(
        '<p>Please <code>restart</code> it</p>',
      );
    });
  });

  describe('link', () => {
    it('links the selected text and selects the address to type', () => {
      expect(format('See «the guide» here', 'link')).toBe(
        'See [the guide](«https://») here',
      );
    });

    it('makes a selected address the target and selects the text to type', () => {
      expect(format('See «https://example.com/kb»', 'link')).toBe(
        'See [«link text»](https://example.com/kb)',
      );
    });

    it('inserts a link with both placeholders at the caret', () => {
      expect(format('See |', 'link')).toBe('See [«link text»](https://)');
    });

    it('makes a link the backend renders', () => {
      const edit = applyFormat(
        'See https://example.com/kb',
        { start: 4, end: 26 },
        'link',
      );
      expect(formattedTextToHtml(edit.text)).toBe(
        '<p>See <a href="https://example.com/kb">link text</a></p>',
      );
    });
  });

  describe('lists and quotes', () => {
    it('prefixes every selected line, touched only in part', () => {
      expect(format('Steps:\n\nre«start\nlog» in', 'bulletedList')).toBe(
        'Steps:\n\n«- restart\n- log in»',
      );
      expect(format('«restart\nlog in»', 'numberedList')).toBe(
        '«1. restart\n2. log in»',
      );
      expect(format('«you wrote\nthis»', 'quote')).toBe(
        '«> you wrote\n> this»',
      );
    });

    it('parts the list from the text around it with a blank line', () => {
      expect(format('Steps:\n«restart»\nThanks', 'bulletedList')).toBe(
        'Steps:\n\n«- restart»\n\nThanks',
      );
    });

    it('carries on a list of the same kind and its numbering', () => {
      expect(format('1. restart\n«log in»', 'numberedList')).toBe(
        '1. restart\n«2. log in»',
      );
      expect(format('- restart\n«log in»', 'bulletedList')).toBe(
        '- restart\n«- log in»',
      );
    });

    it('starts a list on an empty line with the caret after the prefix', () => {
      expect(format('Steps:\n\n|', 'numberedList')).toBe('Steps:\n\n1. |');
      expect(format('|', 'bulletedList')).toBe('- |');
    });

    it('turns bullets into numbers and back', () => {
      expect(format('«- a\n- b»', 'numberedList')).toBe('«1. a\n2. b»');
      expect(format('«1. a\n2. b»', 'bulletedList')).toBe('«- a\n- b»');
    });

    it('removes the prefix when every selected line has it', () => {
      expect(format('«- a\n- b»', 'bulletedList')).toBe('«a\nb»');
      expect(format('«> a\n>b»', 'quote')).toBe('«a\nb»');
    });

    it('finds the line of a caret at the very start', () => {
      expect(format('|\nb', 'quote')).toBe('> |\n\nb');
      expect(format('\n|b', 'bulletedList')).toBe('\n«- b»');
    });

    it('leaves out a line the selection only ends at', () => {
      expect(format('«a\n»b', 'bulletedList')).toBe('«- a»\n\nb');
    });

    it('makes lists and quotes the backend renders', () => {
      const text = 'Steps:\nrestart\nlog in';
      const list = applyFormat(
        text,
        { start: 7, end: text.length },
        'numberedList',
      );
      expect(formattedTextToHtml(list.text)).toBe(
        '<p>Steps:</p>\n<ol><li>restart</li><li>log in</li></ol>',
      );
      const quote = applyFormat('you wrote', { start: 0, end: 0 }, 'quote');
      expect(formattedTextToHtml(quote.text)).toBe(
        '<blockquote><p>you wrote</p></blockquote>',
      );
    });
  });
});
