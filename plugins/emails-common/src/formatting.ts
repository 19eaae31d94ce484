/**
 * The reply composer's formatted text: a small Markdown subset a technician
 * can type or get from the toolbar, turned into the HTML part of the email.
 * Everything typed is escaped first, so the only markup is what this makes.
 *
 * - `**bold**`, `*italic*` or `_italic_`, `` `code` ``
 * - `[text](https://...)` links (http, https and mailto only)
 * - lines starting `- ` or `* ` (bullets), `1. ` (numbers), `> ` (quotes)
 * - a blank line starts a new paragraph; other line breaks are kept
 */
export function formattedTextToHtml(text: string): string {
  const blocks = text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/);
  return blocks
    .map(block => block.replace(/^\n+|\n+$/g, ''))
    .filter(block => block.trim().length > 0)
    .map(renderBlock)
    .join('\n');
}

const BULLET = /^[-*] +/;
const NUMBER = /^\d+[.)] +/;
const QUOTE = /^> ?/;

function renderBlock(block: string): string {
  const lines = block.split('\n');
  if (lines.every(l => BULLET.test(l))) {
    return list(
      'ul',
      lines.map(l => l.replace(BULLET, '')),
    );
  }
  if (lines.every(l => NUMBER.test(l))) {
    return list(
      'ol',
      lines.map(l => l.replace(NUMBER, '')),
    );
  }
  if (lines.every(l => QUOTE.test(l))) {
    const inner = lines.map(l => l.replace(QUOTE, '')).join('\n');
    return `<blockquote>${formattedTextToHtml(inner)}</blockquote>`;
  }
  return `<p>${lines.map(inline).join('<br>')}</p>`;
}

function list(tag: 'ul' | 'ol', items: string[]): string {
  return `<${tag}>${items.map(i => `<li>${inline(i)}</li>`).join('')}</${tag}>`;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const escape = (value: string) => value.replace(/[&<>"']/g, c => ESCAPES[c]);

function safeUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol)
      ? parsed.toString()
      : undefined;
  } catch {
    return undefined;
  }
}

function inline(line: string): string {
  // Code spans first: nothing inside them is formatted.
  return line
    .split(/(`[^`]+`)/)
    .map(part =>
      part.startsWith('`') && part.endsWith('`') && part.length > 2
        ? `<code>${escape(part.slice(1, -1))}</code>`
        : emphasis(part),
    )
    .join('');
}

function emphasis(text: string): string {
  // Links first, each set aside whole, so emphasis never reaches into a URL.
  const links: string[] = [];
  const withoutLinks = text
    .replace(/\uE000/g, '')
    .replace(
      /\[([^\]]+)\]\(([^)\s]+)\)/g,
      (whole, label: string, url: string) => {
        const safe = safeUrl(url);
        if (!safe) return whole;
        links.push(`<a href="${escape(safe)}">${emphasize(escape(label))}</a>`);
        return `\uE000${links.length - 1}\uE000`;
      },
    );
  return emphasize(escape(withoutLinks)).replace(
    /\uE000(\d+)\uE000/g,
    (_m, i: string) => links[Number(i)],
  );
}

/** Bold and italic on text already escaped. */
function emphasize(html: string): string {
  return html
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*\w])\*([^*\s][^*]*)\*(?!\w)/g, '$1<em>$2</em>')
    .replace(/(^|[^_\w])_([^_\s][^_]*)_(?!\w)/g, '$1<em>$2</em>');
}
