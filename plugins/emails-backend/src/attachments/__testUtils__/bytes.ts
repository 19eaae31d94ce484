// Byte-building helpers for the sample files.

/** Concatenates strings (Latin-1), byte lists and buffers. */
export const bytes = (...parts: (string | number[] | Buffer)[]) =>
  Buffer.concat(
    parts.map(p =>
      typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p),
    ),
  );

/** A little-endian 16-bit integer. */
export const u16 = (n: number) => Buffer.from([n & 0xff, (n >> 8) & 0xff]);

/** A little-endian 32-bit integer. */
export const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

/** A big-endian 32-bit integer. */
export const u32be = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

/** `n` zero bytes. */
export const zeros = (n: number) => Buffer.alloc(n);
