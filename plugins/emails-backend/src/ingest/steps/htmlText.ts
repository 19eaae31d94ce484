import { Parser } from 'htmlparser2';

// Elements whose text is not shown, and those that start a new line.
const HIDDEN = new Set(['script', 'style', 'head', 'title', 'template']);
const BLOCK =
  /^(?:p|div|br|tr|li|h[1-6]|table|ul|ol|blockquote|pre|hr|section|article|header|footer)$/;

/**
 * Plain text of HTML, read from at most `maxChars` of it: the text body of
 * an HTML-only message whose HTML is over mailparser's parse limit (mailparser
 * converts the smaller ones itself), so search, previews, notifications and
 * rules see its words. A streaming parser, so memory stays bounded.
 */
export function textFromHtml(html: string, maxChars: number): string {
  const out: string[] = [];
  let hidden = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (HIDDEN.has(name)) hidden++;
        if (BLOCK.test(name)) out.push('\n');
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        if (BLOCK.test(name)) out.push('\n');
      },
      ontext(text) {
        if (!hidden) out.push(text);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html.slice(0, maxChars));
  parser.end();
  return out
    .join('')
    .replace(/[ \t\r\f\v]+/g, ' ')
    .replace(/ ?\n[\n ]*/g, '\n')
    .trim();
}
