import { isUtf7, utf7WordsToUtf8 } from './utf7';

/** Marks a named text part we turned into an attachment, so parse.ts shows its text too. */
export const SHOWN_INLINE_HEADER = 'X-Emails-Shown-Inline';

/** What one repaired header block says about the part it heads. */
export interface RepairedHeaderBlock {
  lines: string[];
  /** The part is a multipart with this boundary. */
  boundary?: string;
  digest?: boolean;
  /** An embedded message follows: its own header block comes next. */
  message?: boolean;
  /** The body is UTF-7 in a 7/8-bit transfer encoding: transcode it to UTF-8. */
  utf7Body?: boolean;
  repairs: string[];
}

// Parameters a sender may have put on the next line without the `;` before them.
const PARAM_START =
  /^[ \t]+(?:name|filename|boundary|charset|format|delsp|type|size|(?:creation|modification|read)-date)\*?(?:\d+\*?)?\s*=/i;

const fieldName = (line: string) =>
  /^([^:\s]+)\s*:/.exec(line)?.[1].toLowerCase();
const unfold = (field: string[]) =>
  field.map(l => l.replace(/\r?\n$/, '')).join('');
const param = (value: string, name: string) =>
  new RegExp(
    `;\\s*${name}\\*?(?:0\\*?)?\\s*=\\s*(?:"([^"]*)"|([^\\s;]+))`,
    'i',
  ).exec(value);

/** Groups physical lines into fields (a line starting with white space continues the field). */
function fieldsOf(lines: string[]): string[][] {
  const fields: string[][] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && fields.length)
      fields[fields.length - 1].push(line);
    else fields.push([line]);
  }
  return fields;
}

/** Puts back the `;` a continued Content-Type or Content-Disposition left out. */
function addMissingSemicolons(field: string[]): boolean {
  let added = false;
  for (let i = 1; i < field.length; i++) {
    const previous = field[i - 1].replace(/\r?\n$/, '');
    const eol = field[i - 1].slice(previous.length);
    const value = i === 1 ? previous.replace(/^[^:]*:/, '') : previous;
    if (PARAM_START.test(field[i]) && value.trim() && !/;\s*$/.test(previous)) {
      field[i - 1] = `${previous.replace(/\s+$/, '')};${eol}`;
      added = true;
    }
  }
  return added;
}

/** Repairs one header block so mailparser reads the part as its sender meant it. */
export function repairHeaderBlock(
  lines: string[],
  digestChild: boolean,
): RepairedHeaderBlock {
  const repairs: string[] = [];
  const eol = lines[0]?.endsWith('\r\n') || !lines.length ? '\r\n' : '\n';
  const decoded = lines.map(l => (l.includes('=?') ? utf7WordsToUtf8(l) : l));
  if (decoded.some((l, i) => l !== lines[i]))
    repairs.push('utf-7 encoded words');
  const marker = SHOWN_INLINE_HEADER.toLowerCase();
  // Only we write the marker.
  const fields = fieldsOf(decoded).filter(f => fieldName(f[0]) !== marker);
  if (fields.length < fieldsOf(decoded).length)
    repairs.push('marker header removed');
  const find = (name: string) => fields.find(f => fieldName(f[0]) === name);
  for (const name of ['content-type', 'content-disposition']) {
    const field = find(name);
    if (field && addMissingSemicolons(field))
      repairs.push(`continued ${name} without ;`);
  }
  if (!find('content-type') && digestChild) {
    fields.unshift([`Content-Type: message/rfc822${eol}`]);
    repairs.push('digest part as message/rfc822');
  }
  return {
    ...partOf(fields, digestChild, eol, repairs),
    lines: fields.flat(),
    repairs,
  };
}

/** What the repaired header block says the part is; repairs its text parts. */
function partOf(
  fields: string[][],
  digestChild: boolean,
  eol: string,
  repairs: string[],
): Omit<RepairedHeaderBlock, 'lines' | 'repairs'> {
  const value = (name: string) =>
    unfold(fields.find(f => fieldName(f[0]) === name) ?? ['']).replace(
      /^[^:]*:/,
      '',
    );
  const type = value('content-type');
  const mime =
    /^\s*([^;\s]*)/.exec(type)![1].toLowerCase() ||
    (digestChild ? 'message/rfc822' : 'text/plain');
  const encoding = value('content-transfer-encoding').trim().toLowerCase();
  const identity = ['', '7bit', '8bit', 'binary'].includes(encoding);
  if (mime.startsWith('multipart/')) {
    const boundary = param(type, 'boundary');
    return {
      boundary: boundary ? boundary[1] ?? boundary[2] : undefined,
      digest: mime === 'multipart/digest',
    };
  }
  if (mime === 'message/rfc822' || mime === 'message/global') {
    return { message: identity };
  }
  if (!mime.startsWith('text/')) return {};
  const utf7Body = identity && utf7Charset(fields, type, repairs);
  if (mime === 'text/plain' || mime === 'text/html')
    showNamedTextAsAttachment(fields, type, eol, repairs);
  return { utf7Body };
}

/** A UTF-7 text part in 7/8 bit: its charset becomes UTF-8, the walker transcodes the body. */
function utf7Charset(
  fields: string[][],
  type: string,
  repairs: string[],
): boolean {
  const charset = param(type, 'charset');
  if (!charset || !isUtf7(charset[1] ?? charset[2])) return false;
  const field = fields.find(f => fieldName(f[0]) === 'content-type')!;
  for (let i = 0; i < field.length; i++) {
    field[i] = field[i].replace(/(charset\s*=\s*)("?)[^";\s]+\2/i, '$1"UTF-8"');
  }
  repairs.push('utf-7 body');
  return true;
}

/**
 * A text/plain or text/html part with a file name (a log, a page a client shows inline) is
 * a file the sender attached as well as text: it becomes an attachment, and
 * the marker tells parse.ts to keep its text in the body too.
 */
function showNamedTextAsAttachment(
  fields: string[][],
  type: string,
  eol: string,
  repairs: string[],
) {
  const disposition = fields.find(
    f => fieldName(f[0]) === 'content-disposition',
  );
  const value = disposition ? unfold(disposition).replace(/^[^:]*:/, '') : '';
  if (!param(value, 'filename') && !param(type, 'name')) return;
  if (/^\s*attachment/i.test(value)) return;
  if (disposition) {
    disposition[0] = disposition[0].replace(/:\s*inline\b/i, ': attachment');
    if (!/^\s*attachment/i.test(unfold(disposition).replace(/^[^:]*:/, ''))) {
      disposition[0] = disposition[0].replace(/:\s*/, ': attachment; ');
    }
  } else {
    fields.push([`Content-Disposition: attachment${eol}`]);
  }
  fields.push([`${SHOWN_INLINE_HEADER}: yes${eol}`]);
  repairs.push('named text part as attachment');
}
