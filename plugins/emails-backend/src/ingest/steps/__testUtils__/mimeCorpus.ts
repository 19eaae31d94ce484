import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { Stores } from '../../../database';
import { IngestOutcome } from '../../types';
import { parseMessage } from '../parse';

/** One corpus message and the parts a careful parser finds in it. */
export interface CorpusMessage {
  name: string;
  raw: Buffer;
  /** Transfer-decoded bytes of each file the message carries. */
  attachments: Buffer[];
  /** Each text body (text/plain or text/html shown as the message), transfer-decoded. */
  bodies: { html: boolean; content: Buffer }[];
}

/** shared/corpora beside the repository (see shared/corpora/README.md). */
export const MIME4J = resolve(
  __dirname,
  '../../../../../../../shared/corpora/james-mime4j',
);
const MIME4J_FOLDERS = ['testmsgs', 'mimetools-testmsgs'];
const FIXTURES = resolve(__dirname, '../__fixtures__');

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/**
 * The leaf parts of mime4j's `_decoded.xml`: each body element with the
 * header block just before it. Parts inside an attached message count too:
 * we keep that message whole and look inside it.
 */
function mime4jParts(xml: string) {
  const leaf =
    /<header>((?:(?!<header>)[\s\S])*?)<\/header>\s*<(text|binary)-body name="([^"]+)"\/>/g;
  return [...xml.matchAll(leaf)].map(m => {
    const header = decodeXml(m[1]);
    const type =
      /content-type:\s*([^;\s<]+)/i.exec(header)?.[1].toLowerCase() ??
      'text/plain';
    const attached =
      /content-disposition:\s*attachment/i.test(header) ||
      /(?:file)?name\*?=/i.test(header);
    return {
      file: m[3],
      body: /^text\/(plain|html)$/.test(type) && !attached,
      html: type === 'text/html',
    };
  });
}

/** The james-mime4j corpus with its expected parts; empty when shared/ is missing. */
export function mime4jCorpus(): CorpusMessage[] {
  if (!existsSync(MIME4J)) return [];
  return MIME4J_FOLDERS.flatMap(folder => {
    const dir = join(MIME4J, folder);
    return readdirSync(dir)
      .filter(f => f.endsWith('.msg'))
      .map(f => {
        const name = f.replace(/\.msg$/, '');
        const xml = join(dir, `${name}_decoded.xml`);
        const parts = existsSync(xml)
          ? mime4jParts(readFileSync(xml, 'utf8'))
          : [];
        const read = (file: string) => readFileSync(join(dir, file));
        return {
          name: `${folder}/${name}`,
          raw: read(f),
          // An empty file is dropped by rule (seed 003), so none is expected.
          attachments: parts
            .filter(p => !p.body)
            .map(p => read(p.file))
            .filter(a => a.length > 0),
          bodies: parts
            .filter(p => p.body)
            .map(p => ({ html: p.html, content: read(p.file) })),
        };
      });
  });
}

/** Our own fixtures (steps/__fixtures__/expected.json names what each carries). */
export function fixtureCorpus(): CorpusMessage[] {
  const expected: Record<string, { attachments: string[]; bodies: string[] }> =
    JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));
  return Object.entries(expected).map(([file, parts]) => ({
    name: `fixtures/${file}`,
    raw: readFileSync(join(FIXTURES, file)),
    attachments: parts.attachments.map(a => readFileSync(join(FIXTURES, a))),
    bodies: parts.bodies.map(b => ({ html: false, content: Buffer.from(b) })),
  }));
}

/** Words of a text or of HTML without its markup, for comparing bodies however they were cleaned. */
export function wordsOf(text: string, html = false): string {
  const plain = html
    ? text.replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ')
    : text;
  return plain.split(/\s+/).filter(Boolean).join(' ');
}

/**
 * Everything a ticket shows of a message: stored files, and inside each
 * attached message (kept whole as .eml) its own files and text, recursively.
 */
export async function shownParts(
  files: { content: Buffer; contentType: string }[],
  texts: string[],
  depth = 0,
): Promise<{ files: Buffer[]; text: string }> {
  const shown = { files: files.map(f => f.content), text: texts.join('\n') };
  if (depth > 5) return shown;
  for (const file of files.filter(f => f.contentType === 'message/rfc822')) {
    const inner = await parseMessage(file.content, {
      maxMessageBytes: Infinity,
      maxHtmlBytes: Infinity,
    });
    const nested = await shownParts(
      inner.attachments,
      [inner.text ?? '', typeof inner.html === 'string' ? inner.html : ''],
      depth + 1,
    );
    shown.files.push(...nested.files);
    shown.text += `\n${nested.text}`;
  }
  return shown;
}

/**
 * The same file: equal bytes, or (mime4j's frag.msg) up to 2 more trailing
 * bytes, where mime4j drops an incomplete last base64 quantum we decode.
 */
function sameFile(expected: Buffer, stored: Buffer): boolean {
  const extra = stored.length - expected.length;
  return (
    extra >= 0 &&
    extra <= 2 &&
    stored.subarray(0, expected.length).equals(expected)
  );
}

/** Counts of expected parts found: a file by its bytes, a body by its words. */
export function score(
  message: CorpusMessage,
  shown: { files: Buffer[]; text: string },
) {
  const bodyText = (b: CorpusMessage['bodies'][number]) =>
    b.content.toString(isUtf8(b.content) ? 'utf8' : 'latin1');
  // Text is compared as text and with markup removed, so `<a@b>` in a plain body still matches.
  const found = (b: CorpusMessage['bodies'][number]) =>
    [false, true].some(html =>
      wordsOf(shown.text, html).includes(wordsOf(bodyText(b), html || b.html)),
    );
  return {
    attachments: message.attachments.filter(a =>
      shown.files.some(f => sameFile(a, f)),
    ).length,
    bodies: message.bodies.filter(found).length,
  };
}

/** Totals of a corpus run: files and bodies found of those expected, and where some were missed. */
export interface CorpusScore {
  attachments: { found: number; expected: number };
  bodies: { found: number; expected: number };
  misses: string[];
  /** Messages that made no ticket (automatic, repeated, no sender): left out of the counts. */
  notTicketed: number;
  skippedNames: string[];
}

/**
 * What the pipeline stored for one message; 'skipped' when it made no ticket
 * (automatic mail, a repeated Message-ID, no sender at all: corpus.test.ts
 * checks those reasons), left out of the score.
 */
export type Shown = (
  raw: Buffer,
) => Promise<
  | { files: { content: Buffer; contentType: string }[]; texts: string[] }
  | 'skipped'
>;

/** `Shown` through the real pipeline of `startPipeline`. */
export function pipelineShown(
  deliver: (raw: Buffer) => Promise<{ outcome: IngestOutcome }>,
  stores: Stores,
): Shown {
  return async raw => {
    const { outcome } = await deliver(raw);
    if (outcome.status !== 'ticketed') return 'skipped';
    const [entry] = await stores.tickets.entries(outcome.ticketId!);
    const listed =
      (await stores.attachments.forEntries([entry.id])).get(entry.id) ?? [];
    return {
      files: await Promise.all(listed.map(f => stores.attachments.get(f.id))),
      texts: [
        entry.text,
        entry.html,
        entry.quotedText,
        entry.quotedHtml,
      ].filter((t): t is string => !!t),
    };
  };
}

/** Runs each message through `shown` (the real pipeline) and scores what the ticket shows. */
export async function scoreCorpus(
  messages: CorpusMessage[],
  shownOf: Shown,
): Promise<CorpusScore> {
  const total: CorpusScore = {
    attachments: { found: 0, expected: 0 },
    bodies: { found: 0, expected: 0 },
    misses: [],
    notTicketed: 0,
    skippedNames: [],
  };
  for (const message of messages) {
    const stored = await shownOf(message.raw);
    if (stored === 'skipped') {
      total.notTicketed++;
      total.skippedNames.push(message.name);
      continue;
    }
    const found = score(message, await shownParts(stored.files, stored.texts));
    total.attachments.found += found.attachments;
    total.attachments.expected += message.attachments.length;
    total.bodies.found += found.bodies;
    total.bodies.expected += message.bodies.length;
    if (
      found.attachments < message.attachments.length ||
      found.bodies < message.bodies.length
    ) {
      total.misses.push(
        `${message.name}: attachments ${found.attachments}/${message.attachments.length}, bodies ${found.bodies}/${message.bodies.length}`,
      );
    }
  }
  return total;
}
