// What an attachment's bytes are, whatever its name says. file-type (a
// maintained detector of several hundred formats) does the detection; the few
// checks below confirm the signatures it accepts on two printable bytes, which
// ordinary text can start with ("MZ,Mozambique" in a CSV, "BMW" in a note).
//
// file-type is ESM only and this backend is CommonJS: the static import below
// compiles to require(), which Node 22.12+ serves for an ES module (the built
// backend and `backstage-cli package start` alike), and which jest serves too,
// because the Backstage CLI's jest config transforms node_modules' ES modules
// to CommonJS. An `await import()` would not do: jest runs without VM modules.
import { fileTypeFromBuffer } from 'file-type';
import {
  ContentFamily,
  extensionClaimsContent,
  familyOfType,
  SIGNED_EXTENSIONS,
} from './contentTypes';

/** The sniffed type of some content: file-type's `ext`, or `msi` / `script`. */
export type SniffedType = string;

// A PE file: "MZ", and at the offset the DOS header gives, "PE\0\0".
function isPortableExecutable(b: Buffer): boolean {
  if (b.length < 0x40) return false;
  const pe = b.readUInt32LE(0x3c);
  return pe + 4 <= b.length && b.toString('latin1', pe, pe + 4) === 'PE\0\0';
}

// A BMP file's DIB header starts with its own size, one of a few values.
const DIB_HEADER_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);
function isBitmap(b: Buffer): boolean {
  return b.length >= 18 && DIB_HEADER_SIZES.has(b.readUInt32LE(14));
}

// Windows Installer databases, patches and transforms are compound files
// whose root storage has one of these class ids (MS-CFB 2.6.3; 000C1084,
// 000C1086, 000C1082-0000-0000-C000-000000000046, little-endian).
const INSTALLER_CLASS_IDS = ['84100c00', '86100c00', '82100c00'].map(
  id => `${id}00000000c000000000000046`,
);
function isInstaller(b: Buffer): boolean {
  if (b.length < 0x200) return false;
  const sectorSize = 2 ** b.readUInt16LE(0x1e);
  if (sectorSize !== 512 && sectorSize !== 4096) return false;
  // The root storage is the first entry of the first directory sector.
  const root = (b.readUInt32LE(0x30) + 1) * sectorSize;
  if (root + 0x60 > b.length) return false;
  const classId = b.toString('hex', root + 0x50, root + 0x60);
  return INSTALLER_CLASS_IDS.includes(classId);
}

/** A script a Unix system runs as a program: "#!" and an interpreter's path. */
function isScript(b: Buffer): boolean {
  return /^#! ?\//.test(b.toString('latin1', 0, 4));
}

/** The content's type after our confirmations, or undefined when nothing is recognised. */
function confirmed(
  b: Buffer,
  detected: string | undefined,
): SniffedType | undefined {
  switch (detected) {
    case undefined:
      // Our own PE check also covers content file-type could not read.
      if (isPortableExecutable(b)) return 'exe';
      return isScript(b) ? 'script' : undefined;
    case 'exe':
      return isPortableExecutable(b) ? 'exe' : undefined;
    case 'bmp':
      return isBitmap(b) ? 'bmp' : undefined;
    case 'ps':
    case 'eps':
      return b.toString('latin1', 0, 4) === '%!PS' ? detected : undefined;
    case 'cfb':
      return isInstaller(b) ? 'msi' : 'cfb';
    default:
      return detected;
  }
}

/**
 * What the content is. The whole buffer is handed over (a view, not a copy):
 * most formats are known from their first bytes, but a ZIP is told apart
 * (Word, Excel, a JAR) only by entries that may come after large ones.
 * file-type bounds that walk itself (1,024 entries, 1 MiB read per entry),
 * and callers check the size limit first.
 */
export async function sniffContent(
  content: Buffer,
): Promise<SniffedType | undefined> {
  let detected: string | undefined;
  try {
    detected = (await fileTypeFromBuffer(content))?.ext;
  } catch {
    // A container too broken to read is unrecognised content, judged as
    // such, rather than a failure that would stop the whole message.
    detected = undefined;
  }
  return confirmed(content, detected?.toLocaleLowerCase('en-US'));
}

/** Why content and name disagree, for seed 003's "invalid content type". */
export interface ContentMismatch {
  /** The family of the content, when it was recognised. */
  content?: ContentFamily;
  /** True for an executable under a name that is not one: dropped and said so. */
  disguisedExecutable: boolean;
  /** Says what the content is and what the name claims, e.g. "content is a PNG image, not .txt". */
  detail: string;
}

// A number after the last dot (a version, a split archive's part: .001)
// says nothing about the content.
const claimsNothing = (ext: string) => !ext || /^\d+$/.test(ext);

/**
 * Whether a file's content contradicts its extension (lower case, no dot):
 * recognised content under an extension of another kind, an executable
 * under any other extension, or unrecognised content under an extension
 * whose format always has a signature. Unrecognised content (text, CSV)
 * under other names, and names without an extension, pass.
 */
export function contentMismatch(
  ext: string,
  type: SniffedType | undefined,
): ContentMismatch | undefined {
  if (claimsNothing(ext)) return undefined;
  const content = type ? familyOfType(type) : undefined;
  if (!content) {
    if (!SIGNED_EXTENSIONS.has(ext)) return undefined;
    return {
      disguisedExecutable: false,
      detail: `content is not .${ext}`,
    };
  }
  if (content.extensions.includes(ext)) return undefined;
  if (content.executable)
    return {
      content,
      disguisedExecutable: true,
      detail: `${content.name} disguised as .${ext}`,
    };
  if (!extensionClaimsContent(ext)) return undefined;
  return {
    content,
    disguisedExecutable: false,
    detail: `content is ${content.name}, not .${ext}`,
  };
}
