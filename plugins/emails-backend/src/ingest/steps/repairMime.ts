import { repairHeaderBlock } from './repairHeaders';
import { decodeUtf7 } from './utf7';

interface OpenMultipart {
  boundary: string;
  digest: boolean;
}

/** Walks the raw message's header blocks and bodies, in order. */
class MimeWalker {
  readonly out: string[] = [];
  readonly repairs = new Set<string>();
  private readonly open: OpenMultipart[] = [];
  private block: string[] | undefined = [];
  private digestChild = false;
  private utf7Body = false;

  line(line: string) {
    const delimiter = this.delimiter(line);
    if (delimiter) {
      this.endHeaderBlock();
      if (delimiter.line !== line)
        this.repairs.add('white space after a boundary');
      this.out.push(delimiter.line);
      this.open.splice(
        delimiter.closing ? delimiter.level : delimiter.level + 1,
      );
      this.utf7Body = false;
      if (!delimiter.closing) {
        this.block = [];
        this.digestChild = this.open[delimiter.level].digest;
      }
    } else if (this.block && /^\r?\n?$/.test(line)) {
      this.endHeaderBlock();
      this.out.push(line);
    } else if (this.block) {
      this.block.push(line);
    } else {
      this.out.push(this.utf7Body ? utf7Line(line) : line);
    }
  }

  /** Repairs the header block just read; what it heads decides what comes next. */
  endHeaderBlock() {
    if (!this.block) return;
    const repaired = repairHeaderBlock(this.block, this.digestChild);
    this.out.push(...repaired.lines);
    repaired.repairs.forEach(r => this.repairs.add(r));
    this.block = undefined;
    this.digestChild = false;
    if (
      repaired.boundary &&
      !this.open.some(o => o.boundary === repaired.boundary)
    ) {
      this.open.push({
        boundary: repaired.boundary,
        digest: !!repaired.digest,
      });
    }
    // An embedded message's own header block follows its part's.
    if (repaired.message) this.block = [];
    this.utf7Body = !!repaired.utf7Body;
  }

  /** A boundary line of an open multipart; white space after it (RFC 2046 allows it) is dropped. */
  private delimiter(line: string) {
    if (!line.startsWith('--')) return undefined;
    const eol = /\r?\n?$/.exec(line)![0];
    const bare = line.slice(2, line.length - eol.length).replace(/[ \t]+$/, '');
    const boundaries = this.open.map(o => o.boundary);
    const closing = bare.endsWith('--')
      ? boundaries.lastIndexOf(bare.slice(0, -2))
      : -1;
    const level = closing >= 0 ? closing : boundaries.lastIndexOf(bare);
    if (level < 0) return undefined;
    return { level, closing: closing >= 0, line: `--${bare}${eol}` };
  }
}

/** A UTF-7 body line as UTF-8 bytes (in the latin1 string the walker works on). */
function utf7Line(line: string): string {
  return Buffer.from(decodeUtf7(line), 'utf8').toString('latin1');
}

/**
 * Repairs what mailparser would misread, before it reads it: a Content-Type
 * or Content-Disposition parameter continued onto the next line without its
 * `;`, parts of a multipart/digest without a Content-Type (RFC 2046 5.1.5:
 * message/rfc822), UTF-7 (encoded words and 7/8-bit text parts, which
 * mailparser refuses), and text/plain parts with a file name (made
 * attachments, their text kept by parse.ts). Other mail comes back unchanged.
 */
export function repairMimeStructure(raw: Buffer): {
  raw: Buffer;
  repairs: string[];
} {
  // latin1 maps bytes 1:1, so the rewrite is binary-safe.
  const walker = new MimeWalker();
  for (const line of raw.toString('latin1').split(/(?<=\n)/)) walker.line(line);
  walker.endHeaderBlock();
  const repairs = [...walker.repairs];
  return repairs.length
    ? { raw: Buffer.from(walker.out.join(''), 'latin1'), repairs }
    : { raw, repairs };
}
