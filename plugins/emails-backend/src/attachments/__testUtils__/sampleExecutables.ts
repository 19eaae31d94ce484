// Executables and compound files, the smallest real ones, built from their
// format specifications (PE/COFF, ELF, Mach-O, JVM class, MS-SHLLINK, MS-CFB).
import { bytes, u16, u32, zeros } from './bytes';

/** A PE executable: DOS header pointing at "PE\0\0" and a COFF header (i386). */
export function portableExecutable(): Buffer {
  const dos = bytes('MZ', zeros(0x3a), u32(0x80), zeros(0x80 - 0x40));
  return bytes(dos, 'PE\0\0', u16(0x14c), u16(0), zeros(16));
}

/** A 64-bit little-endian ELF header. */
export function elf(): Buffer {
  return bytes(
    [0x7f],
    'ELF',
    [2, 1, 1, 0],
    zeros(8),
    u16(2),
    u16(0x3e),
    u32(1),
    zeros(44),
  );
}

/** A 64-bit Mach-O header (x86_64, executable). */
export function machO(): Buffer {
  return bytes(
    [0xcf, 0xfa, 0xed, 0xfe],
    u32(0x01000007),
    u32(3),
    u32(2),
    zeros(16),
  );
}

/** A Java class file's header (major version 52, Java 8). */
export function javaClass(): Buffer {
  return bytes([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52], zeros(16));
}

/** A Windows shortcut's header. */
export function windowsShortcut(): Buffer {
  return bytes(
    u32(0x4c),
    [0x01, 0x14, 0x02, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46],
    zeros(56),
  );
}

/** Class ids of a compound file's root storage (MS-CFB), as GUID strings. */
export const CLASS_IDS = {
  word: '00020906-0000-0000-c000-000000000046',
  installer: '000c1084-0000-0000-c000-000000000046',
};

function guidBytes(guid: string): Buffer {
  const [a, b, c, d, e] = guid.split('-');
  const le = (hex: string) => Buffer.from(hex, 'hex').reverse();
  return bytes(le(a), le(b), le(c), Buffer.from(d + e, 'hex'));
}

/** A compound file (version 3, 512-byte sectors) whose root storage has `classId`. */
export function compoundFile(classId: string): Buffer {
  const header = bytes(
    [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    zeros(16),
    u16(0x3e),
    u16(3),
    u16(0xfffe),
    u16(9),
    u16(6),
    zeros(6),
    u32(0),
    u32(1),
    u32(0),
    u32(0),
    u32(0x1000),
    u32(0xfffffffe),
    u32(0),
    u32(0xfffffffe),
    u32(0),
  );
  const name = Buffer.from('Root Entry\0', 'utf16le');
  const root = bytes(
    name,
    zeros(64 - name.length),
    u16(name.length),
    [5, 1],
    u32(0xffffffff),
    u32(0xffffffff),
    u32(0xffffffff),
    guidBytes(classId),
    zeros(36),
  );
  return bytes(
    header,
    zeros(512 - header.length),
    root,
    zeros(512 - root.length),
  );
}

/** A shell script. */
export function shellScript(): Buffer {
  return bytes('#!/bin/sh\necho "restarting the print spooler"\n');
}
