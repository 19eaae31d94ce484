/** The data fork of a BinHex 4.0 file (RFC 1741), with its Macintosh name. */
export interface BinHexFile {
  filename: string;
  content: Buffer;
}

const ALPHABET =
  '!"#$%&\'()*+,-012345689@ABCDEFGHIJKLMNPQRSTUVXYZ[`abcdefhijklmpqr';
const RUN_MARKER = 0x90;

/** The 6-bit characters between the two colons, as bytes (still run-length coded). */
function sixBitBytes(encoded: string): Buffer | undefined {
  const out: number[] = [];
  let bits = 0;
  let count = 0;
  for (const char of encoded) {
    if (/\s/.test(char)) continue;
    const value = ALPHABET.indexOf(char);
    if (value < 0) return undefined;
    bits = ((bits << 6) | value) & 0xffffff;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push((bits >> count) & 0xff);
    }
  }
  return Buffer.from(out);
}

/** Undoes BinHex's run-length coding: `0x90 n` repeats the byte before n times in all, `0x90 0` is 0x90. */
function expandRuns(data: Buffer): Buffer {
  const out: number[] = [];
  for (let i = 0; i < data.length; i++) {
    if (data[i] !== RUN_MARKER || i + 1 >= data.length) {
      out.push(data[i]);
      continue;
    }
    const times = data[++i];
    if (times === 0) out.push(RUN_MARKER);
    else for (let n = 1; n < times; n++) out.push(out[out.length - 1] ?? 0);
  }
  return Buffer.from(out);
}

/** CRC-16/XMODEM, which BinHex writes after the header and after each fork. */
function crc16(data: Buffer): number {
  let crc = 0;
  for (const byte of data) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

/**
 * Decodes a BinHex 4.0 text to its data fork (the file a user means; the
 * resource fork has no use off a Macintosh). Undefined when the text is not
 * BinHex or a checksum fails, so the part stays as it came.
 */
export function decodeBinHex(text: string): BinHexFile | undefined {
  const start = text.indexOf(
    ':',
    text.indexOf('(This file must be converted with BinHex'),
  );
  const end = text.indexOf(':', start + 1);
  if (start < 0 || end < 0) return undefined;
  const bytes = sixBitBytes(text.slice(start + 1, end));
  if (!bytes) return undefined;
  const data = expandRuns(bytes);
  const nameLength = data[0] ?? 0;
  // name, version byte, type, creator, flags, data and resource lengths
  const headerEnd = 1 + nameLength + 1 + 4 + 4 + 2 + 4 + 4;
  if (data.length < headerEnd + 2) return undefined;
  if (crc16(data.subarray(0, headerEnd)) !== data.readUInt16BE(headerEnd)) {
    return undefined;
  }
  const dataLength = data.readUInt32BE(headerEnd - 8);
  const forkStart = headerEnd + 2;
  const fork = data.subarray(forkStart, forkStart + dataLength);
  if (fork.length !== dataLength || forkStart + dataLength + 2 > data.length) {
    return undefined;
  }
  if (crc16(fork) !== data.readUInt16BE(forkStart + dataLength)) {
    return undefined;
  }
  return {
    // Classic Mac OS names are in Mac OS Roman.
    filename: new TextDecoder('macintosh').decode(
      data.subarray(1, 1 + nameLength),
    ),
    content: Buffer.from(fork),
  };
}
