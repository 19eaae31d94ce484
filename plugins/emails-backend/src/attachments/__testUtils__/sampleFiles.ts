// The smallest real files of each kind, built here byte by byte from their
// format specifications, so the sniffing tests need no binary fixtures.
import { crc32, gzipSync } from 'node:zlib';
import { bytes, u16, u32, u32be, zeros } from './bytes';

export * from './sampleExecutables';

function pngChunk(type: string, data: Buffer) {
  const body = bytes(type, data);
  return bytes(u32be(data.length), body, u32be(crc32(body)));
}

/** A 1x1 PNG: signature, IHDR, IDAT, IEND. */
export function png(): Buffer {
  const ihdr = bytes(u32be(1), u32be(1), [8, 2, 0, 0, 0]);
  return bytes(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', Buffer.from([0x78, 0x9c, 0x63, 0, 0, 0, 1, 0, 1])),
    pngChunk('IEND', zeros(0)),
  );
}

/** A JPEG's start: SOI and a JFIF APP0 segment. */
export function jpeg(): Buffer {
  return bytes(
    [0xff, 0xd8, 0xff, 0xe0, 0, 16],
    'JFIF\0',
    [1, 1, 0, 0, 1, 0, 1, 0, 0],
    [0xff, 0xd9],
  );
}

/** A GIF89a header and an empty image. */
export function gif(): Buffer {
  return bytes('GIF89a', u16(1), u16(1), [0, 0, 0], ';');
}

/** A one-line PDF. */
export function pdf(): Buffer {
  return bytes('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
}

/** A BMP: file header, 40-byte DIB header, one pixel. */
export function bmp(): Buffer {
  return bytes(
    'BM',
    u32(58),
    u32(0),
    u32(54),
    u32(40),
    u32(1),
    u32(1),
    u16(1),
    u16(24),
    zeros(24),
    zeros(4),
  );
}

/** A ZIP archive of stored (uncompressed) entries, with its central directory. */
export function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    const sizes = bytes(u32(crc32(data)), u32(data.length), u32(data.length));
    const local = bytes(
      u32(0x04034b50),
      u16(20),
      u16(0),
      u16(0),
      u32(0),
      sizes,
      u16(fileName.length),
      u16(0),
      fileName,
      data,
    );
    centrals.push(
      bytes(
        u32(0x02014b50),
        u16(20),
        u16(20),
        u16(0),
        u16(0),
        u32(0),
        sizes,
        u16(fileName.length),
        zeros(12),
        u32(offset),
        fileName,
      ),
    );
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = bytes(
    u32(0x06054b50),
    zeros(4),
    u16(centrals.length),
    u16(centrals.length),
    u32(directory.length),
    u32(offset),
    u16(0),
  );
  return Buffer.concat([...locals, directory, end]);
}

const OOXML_MAIN = {
  word: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  excel: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  powerpoint:
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
const OOXML_PART = {
  word: 'word/document.xml',
  excel: 'xl/workbook.xml',
  powerpoint: 'ppt/presentation.xml',
};

/** An Office Open XML package: [Content_Types].xml naming its main part, then the part. */
export function officeOpenXml(kind: keyof typeof OOXML_MAIN): Buffer {
  const part = OOXML_PART[kind];
  return zip({
    '[Content_Types].xml': `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/${part}" ContentType="${OOXML_MAIN[kind]}.main+xml"/></Types>`,
    [part]: '<?xml version="1.0"?><root/>',
  });
}

/** An OpenDocument text: the "mimetype" entry first. */
export function openDocumentText(): Buffer {
  return zip({
    mimetype: 'application/vnd.oasis.opendocument.text',
    'content.xml': '<office:document-content/>',
  });
}

/** A JAR: a ZIP with META-INF/MANIFEST.MF. */
export function jar(): Buffer {
  return zip({
    'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\r\nMain-Class: Run\r\n',
    'Run.class': 'x',
  });
}

/** A 7-Zip signature header. */
export function sevenZip(): Buffer {
  return bytes('7z', [0xbc, 0xaf, 0x27, 0x1c, 0, 4], zeros(26));
}

/** A RAR 5 signature. */
export function rar(): Buffer {
  return bytes('Rar!', [0x1a, 0x07, 0x01, 0x00], zeros(16));
}

/** A gzip stream. */
export function gzip(): Buffer {
  return gzipSync(Buffer.from('hello\n'));
}

/** A POSIX tar header (ustar) with a correct checksum, and one empty file. */
export function tar(): Buffer {
  const header = bytes(
    Buffer.from('hello.txt'.padEnd(100, '\0')),
    '0000644\0',
    '0000000\0',
    '0000000\0',
    '00000000000\0',
    '00000000000\0',
    '        ',
    '0',
    zeros(100),
    'ustar\0',
    '00',
    zeros(247),
  );
  const sum = [...header].reduce((a, b) => a + b, 0);
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return bytes(header, zeros(1024));
}

/** An MPEG-1 Layer III frame (128 kbit/s, 44.1 kHz) behind an ID3v2 tag. */
export function mp3(): Buffer {
  const frame = bytes([0xff, 0xfb, 0x90, 0x64], zeros(413));
  return bytes('ID3', [3, 0, 0, 0, 0, 0, 0], frame, frame);
}

/** A RIFF WAVE header. */
export function wav(): Buffer {
  return bytes(
    'RIFF',
    u32(36),
    'WAVE',
    'fmt ',
    u32(16),
    u16(1),
    u16(1),
    u32(8000),
    u32(8000),
    u16(1),
    u16(8),
    'data',
    u32(0),
  );
}

/** An MP4 "ftyp" box (brand isom). */
export function mp4(): Buffer {
  return bytes(
    u32be(24),
    'ftyp',
    'isom',
    u32be(0x200),
    'isom',
    'mp42',
    u32be(8),
    'free',
  );
}

/** Plain text that starts like some binary signatures do. */
export const text = (s: string): Buffer => Buffer.from(s, 'utf8');
