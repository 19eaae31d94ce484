/**
 * The composer toolbar's edits: each wraps the selection or prefixes the
 * selected lines with the Markdown subset `formattedTextToHtml`
 * (emails-common) turns into the reply's HTML part.
 */

/** A toolbar button's format. */
export type TextFormat =
  | 'bold'
  | 'italic'
  | 'code'
  | 'link'
  | 'bulletedList'
  | 'numberedList'
  | 'quote';

/** A selection in the message field, as selectionStart / selectionEnd. */
export interface TextSelection {
  start: number;
  end: number;
}

/** The message after a format was applied, with what to select next. */
export interface FormattedEdit {
  text: string;
  selection: TextSelection;
}

const INLINE = {
  bold: { mark: '**', placeholder: 'bold text' },
  italic: { mark: '*', placeholder: 'italic text' },
  code: { mark: '`', placeholder: 'code' },
} as const;

const LINE_PREFIX = {
  bulletedList: /^[-*] +/,
  numberedList: /^\d+[.)] +/,
  quote: /^> ?/,
} as const;

/** Applies a toolbar format to the text at the selection. */
export function applyFormat(
  text: string,
  selection: TextSelection,
  format: TextFormat,
): FormattedEdit {
  const start = Math.min(selection.start, selection.end);
  const end = Math.max(selection.start, selection.end);
  switch (format) {
    case 'bold':
    case 'italic':
    case 'code':
      return toggleInline(text, { start, end }, format);
    case 'link':
      return insertLink(text, { start, end });
    default:
      return toggleLinePrefix(text, { start, end }, format);
  }
}

function splice(text: string, sel: TextSelection, insert: string) {
  return text.slice(0, sel.start) + insert + text.slice(sel.end);
}

/** The selection without the whitespace at its ends, which must stay outside the marks. */
function trimSelection(text: string, sel: TextSelection): TextSelection {
  let { start, end } = sel;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

/** How many of `char` stand right before `at` (direction -1) or from `at` on (1). */
function runOf(text: string, at: number, char: string, direction: 1 | -1) {
  let count = 0;
  let i = direction === 1 ? at : at - 1;
  while (i >= 0 && i < text.length && text[i] === char) {
    count++;
    i += direction;
  }
  return count;
}

/** True when the marks around the selection are this format's (`*` inside `***` is italic, in `**` it is not). */
function isWrapped(
  text: string,
  sel: TextSelection,
  format: keyof typeof INLINE,
) {
  const char = INLINE[format].mark[0];
  const run = Math.min(
    runOf(text, sel.start, char, -1),
    runOf(text, sel.end, char, 1),
  );
  if (format === 'bold') return run >= 2;
  if (format === 'italic') return run % 2 === 1;
  return run >= 1;
}

function toggleInline(
  text: string,
  selection: TextSelection,
  format: keyof typeof INLINE,
): FormattedEdit {
  const { mark, placeholder } = INLINE[format];
  const sel = trimSelection(text, selection);
  const at = sel.start + mark.length;
  if (sel.start === sel.end) {
    return {
      text: splice(text, sel, `${mark}${placeholder}${mark}`),
      selection: { start: at, end: at + placeholder.length },
    };
  }
  const selected = text.slice(sel.start, sel.end);
  if (selected.includes('\n')) return wrapLines(text, sel, mark);
  if (isWrapped(text, sel, format)) {
    const outer = {
      start: sel.start - mark.length,
      end: sel.end + mark.length,
    };
    return {
      text: splice(text, outer, selected),
      selection: { start: outer.start, end: outer.start + selected.length },
    };
  }
  return {
    text: splice(text, sel, `${mark}${selected}${mark}`),
    selection: { start: at, end: at + selected.length },
  };
}

/** Formatting applies within a line, so each selected line gets its own marks. */
function wrapLines(
  text: string,
  sel: TextSelection,
  mark: string,
): FormattedEdit {
  const wrapped = text
    .slice(sel.start, sel.end)
    .split('\n')
    .map(line => line.replace(/^(\s*)(.*?)(\s*)$/, wrapLine(mark)))
    .join('\n');
  return {
    text: splice(text, sel, wrapped),
    selection: { start: sel.start, end: sel.start + wrapped.length },
  };
}

function wrapLine(mark: string) {
  return (_line: string, lead: string, core: string, trail: string) =>
    core ? `${lead}${mark}${core}${mark}${trail}` : `${lead}${trail}`;
}

const URL_LIKE = /^(https?:\/\/|mailto:)\S+$/i;

/** `[text](url)`: the selected text is linked, a selected address becomes the target. */
function insertLink(text: string, selection: TextSelection): FormattedEdit {
  const sel = trimSelection(text, selection);
  const selected = text.slice(sel.start, sel.end).replace(/\s*\n\s*/g, ' ');
  if (URL_LIKE.test(selected)) {
    const label = 'link text';
    return {
      text: splice(text, sel, `[${label}](${selected})`),
      selection: { start: sel.start + 1, end: sel.start + 1 + label.length },
    };
  }
  const label = selected || 'link text';
  const url = 'https://';
  const urlStart = sel.start + label.length + 3;
  return {
    text: splice(text, sel, `[${label}](${url})`),
    selection: selected
      ? { start: urlStart, end: urlStart + url.length }
      : { start: sel.start + 1, end: sel.start + 1 + label.length },
  };
}

/** Where the line holding position `at` starts. */
function lineStart(text: string, at: number): number {
  return at > 0 ? text.lastIndexOf('\n', at - 1) + 1 : 0;
}

/** The whole lines the selection touches; a selection ending at a line's start leaves that line out. */
function selectedLines(text: string, sel: TextSelection): TextSelection {
  const start = lineStart(text, sel.start);
  const last =
    sel.end > sel.start && text[sel.end - 1] === '\n' ? sel.end - 1 : sel.end;
  const next = text.indexOf('\n', last);
  return { start, end: next === -1 ? text.length : next };
}

function prefixOf(format: keyof typeof LINE_PREFIX, number: number) {
  if (format === 'quote') return '> ';
  return format === 'bulletedList' ? '- ' : `${number}. `;
}

function prefixLines(
  lines: string[],
  format: keyof typeof LINE_PREFIX,
  firstNumber: number,
) {
  let number = firstNumber - 1;
  return lines.map(line => {
    if (!line.trim()) {
      // A blank line ends a list; numbering starts again after it.
      number = 0;
      return line;
    }
    number++;
    // A list item loses the prefix of the other kind of list.
    const item =
      format === 'quote'
        ? line
        : line
            .replace(LINE_PREFIX.bulletedList, '')
            .replace(LINE_PREFIX.numberedList, '');
    return `${prefixOf(format, number)}${item}`;
  });
}

/** The line before `range` and the line after it; undefined at the text's ends. */
function neighbours(text: string, range: TextSelection) {
  const before =
    range.start > 0
      ? text.slice(lineStart(text, range.start - 1), range.start - 1)
      : undefined;
  const nextEnd = text.indexOf('\n', range.end + 1);
  const after =
    range.end < text.length
      ? text.slice(range.end + 1, nextEnd === -1 ? text.length : nextEnd)
      : undefined;
  return { before, after };
}

function toggleLinePrefix(
  text: string,
  selection: TextSelection,
  format: keyof typeof LINE_PREFIX,
): FormattedEdit {
  const range = selectedLines(text, selection);
  const lines = text.slice(range.start, range.end).split('\n');
  const filled = lines.filter(line => line.trim());
  const pattern = LINE_PREFIX[format];
  if (filled.length && filled.every(line => pattern.test(line))) {
    const plain = lines.map(line => line.replace(pattern, '')).join('\n');
    return {
      text: splice(text, range, plain),
      selection: { start: range.start, end: range.start + plain.length },
    };
  }
  const around = neighbours(text, range);
  const joins = (line?: string) => line !== undefined && pattern.test(line);
  // A list or quote is its own block: a blank line parts it from other text
  // around it, while lines of the same kind next to it carry on.
  const parts = (line?: string) => !!line?.trim() && !joins(line);
  const firstNumber = joins(around.before)
    ? parseInt(around.before ?? '', 10) + 1 || 1
    : 1;
  const body = filled.length
    ? prefixLines(lines, format, firstNumber).join('\n')
    : prefixOf(format, firstNumber);
  const before = parts(around.before) ? '\n' : '';
  const after = parts(around.after) ? '\n' : '';
  const start = range.start + before.length;
  return {
    text: splice(text, range, `${before}${body}${after}`),
    selection: filled.length
      ? { start, end: start + body.length }
      : { start: start + body.length, end: start + body.length },
  };
}
