// Which extensions each kind of content may carry (seed 003: "Content type in
// the attachment does not match the file extension"). Detection is file-type's
// (see sniff.ts); this table is ours, because whether a name fits its content
// is a policy: a ZIP may be a .docx, a compound file may be a .msg, an
// encrypted .xlsx is a compound file.

/** A kind of content the sniffer recognises, and the names it may have. */
export interface ContentFamily {
  /** What the content is, in the words a technician reads in the reason. */
  name: string;
  /** The sniffer's type names (file-type's `ext`, plus `msi` and `script` of our own). */
  detected: string[];
  /** The extensions (lower case, no dot) a file of this content may have. */
  extensions: string[];
  /** Runs code when opened: under any other extension it is a disguised executable. */
  executable?: boolean;
}

const OOXML_WORD = ['docx', 'docm', 'dotx', 'dotm'];
const OOXML_EXCEL = ['xlsx', 'xlsm', 'xltx', 'xltm', 'xlsb', 'xlam'];
const OOXML_POWERPOINT = ['pptx', 'pptm', 'ppsx', 'ppsm', 'potx', 'potm'];
const OOXML_VISIO = ['vsdx', 'vsdm', 'vssx', 'vssm', 'vstx', 'vstm'];
const OPEN_DOCUMENT = ['odt', 'ott', 'ods', 'ots', 'odp', 'otp', 'odg', 'otg'];
const IWORK = ['pages', 'numbers', 'key'];
const JAVA_ARCHIVES = ['jar', 'war', 'ear', 'apk', 'aab', 'xapk', 'xpi'];
// Formats that are ZIP archives inside: a ZIP file-type cannot name more
// precisely (an unusual producer, a truncated file) may carry any of them.
const ZIP_BASED = [
  'zip',
  ...OOXML_WORD,
  ...OOXML_EXCEL,
  ...OOXML_POWERPOINT,
  ...OOXML_VISIO,
  ...OPEN_DOCUMENT,
  ...IWORK,
  ...JAVA_ARCHIVES,
  ...['epub', 'cbz', 'kmz', 'xps', 'oxps', '3mf', 'nupkg', 'whl', 'ipa'],
  ...['appx', 'msix', 'vsix', 'idml', 'sketch', 'usdz'],
];
// Text has no signature: these names claim text, so binary content under
// them is a mismatch (seed 003's example: an image named Alter.txt).
const TEXT = [
  ...['txt', 'text', 'csv', 'tsv', 'log', 'md', 'json', 'yaml', 'yml'],
  ...['ini', 'cfg', 'conf', 'htm', 'html', 'xml', 'svg', 'css', 'ics'],
  ...['vcf', 'eml', 'sql', 'diff', 'patch', 'properties'],
];

const family = (
  name: string,
  detected: string[],
  extensions: string[] = detected,
  executable?: boolean,
): ContentFamily => ({ name, detected, extensions, executable });

/** Every kind of content judged against its name; other detected types are not judged. */
export const CONTENT_FAMILIES: ContentFamily[] = [
  // Executables first: they are what the check is mostly for.
  family(
    'a Windows executable (PE)',
    ['exe'],
    [
      ...['exe', 'dll', 'sys', 'scr', 'com', 'cpl', 'ocx', 'efi', 'drv'],
      ...['mui', 'ax', 'pyd', 'node', 'winmd', 'xll', 'wll', 'acm'],
    ],
    true,
  ),
  family(
    'a Linux executable (ELF)',
    ['elf'],
    ['elf', 'so', 'o', 'ko', 'bin', 'axf', 'prx', 'out', 'run', 'appimage'],
    true,
  ),
  family(
    'a macOS executable (Mach-O)',
    ['macho'],
    ['macho', 'dylib', 'bundle', 'so', 'o', 'kext'],
    true,
  ),
  family(
    'a Windows installer (MSI)',
    ['msi'],
    ['msi', 'msp', 'msm', 'mst'],
    true,
  ),
  family('a Java class file', ['class'], ['class'], true),
  family(
    'a Java or Android application (JAR/APK)',
    ['jar', 'apk'],
    [...JAVA_ARCHIVES, 'zip'],
    true,
  ),
  family('a Windows shortcut (LNK)', ['lnk'], ['lnk'], true),
  family(
    'a script (#!)',
    ['script'],
    [
      ...['sh', 'bash', 'zsh', 'ksh', 'csh', 'tcsh', 'fish', 'command'],
      ...['py', 'pyw', 'pl', 'pm', 'rb', 'php', 'js', 'mjs', 'cjs', 'ts'],
      ...['lua', 'tcl', 'awk', 'r', 'cgi', 'groovy', 'swift', 'run', 'bin'],
      ...TEXT,
    ],
    true,
  ),
  // Office
  family(
    'a Microsoft compound file (legacy Office, Outlook message, installer)',
    ['cfb'],
    [
      ...['doc', 'dot', 'xls', 'xlt', 'xla', 'ppt', 'pot', 'pps', 'msg'],
      ...['oft', 'msi', 'msp', 'msm', 'mst', 'vsd', 'vss', 'vst', 'mpp'],
      ...['pub', 'wps', 'db', 'ole', 'hwp'],
      // Password-protected Office Open XML files are compound files.
      ...OOXML_WORD,
      ...OOXML_EXCEL,
      ...OOXML_POWERPOINT,
    ],
  ),
  // Office opens these under the old extension too (a .docx renamed .doc),
  // and web applications often send them so: not worth dropping.
  family(
    'a Word document',
    ['docx', 'docm', 'dotx', 'dotm'],
    [...OOXML_WORD, 'doc', 'dot', 'zip'],
  ),
  family(
    'an Excel workbook',
    ['xlsx', 'xlsm', 'xltx', 'xltm'],
    [...OOXML_EXCEL, 'xls', 'xlt', 'zip'],
  ),
  family(
    'a PowerPoint presentation',
    ['pptx', 'pptm', 'ppsx', 'ppsm', 'potx', 'potm'],
    [...OOXML_POWERPOINT, 'ppt', 'pps', 'pot', 'zip'],
  ),
  family('a Visio drawing', ['vsdx'], [...OOXML_VISIO, 'zip']),
  family('an OpenDocument file', OPEN_DOCUMENT, [...OPEN_DOCUMENT, 'zip']),
  family('an iWork document', IWORK, [...IWORK, 'zip']),
  family('an EPUB book', ['epub'], ['epub', 'zip']),
  family('a 3D model (3MF)', ['3mf'], ['3mf', 'zip']),
  family('a PDF document', ['pdf'], ['pdf', 'ai']),
  family('an RTF document', ['rtf'], ['rtf', 'doc', 'dot', 'wri']),
  family('a PostScript document', ['ps', 'eps'], ['ps', 'eps', 'epsf', 'ai']),
  family('a compiled help file (CHM)', ['chm']),
  family('an Outlook data file', ['pst'], ['pst', 'ost']),
  ...archiveFamilies(),
  ...imageFamilies(),
  ...mediaFamilies(),
];

function archiveFamilies(): ContentFamily[] {
  return [
    family('a ZIP archive', ['zip'], ZIP_BASED),
    family('a 7-Zip archive', ['7z']),
    family('a RAR archive', ['rar'], ['rar', 'cbr']),
    family('a gzip archive', ['gz', 'tar.gz'], ['gz', 'gzip', 'tgz', 'svgz']),
    family('a bzip2 archive', ['bz2'], ['bz2', 'bz', 'tbz', 'tbz2']),
    family('an xz archive', ['xz'], ['xz', 'txz']),
    family('a Zstandard archive', ['zst'], ['zst', 'zstd', 'tzst']),
    family('a compress archive', ['z'], ['z', 'taz']),
    family('an LZ archive', ['lz', 'lz4', 'lzh'], ['lz', 'lz4', 'lzh', 'lha']),
    family('a cabinet archive', ['cab'], ['cab', 'msu']),
    family('a tar archive', ['tar']),
    family('an ar archive', ['ar'], ['ar', 'a', 'lib']),
    family('an ARJ or ACE archive', ['arj', 'ace']),
    family('a disk image (ISO)', ['iso'], ['iso', 'img']),
    family('a Debian package', ['deb']),
    family('an RPM package', ['rpm']),
    family('a browser extension', ['xpi', 'crx'], ['xpi', 'crx', 'zip']),
  ];
}

function imageFamilies(): ContentFamily[] {
  return [
    family('a PNG image', ['png', 'apng'], ['png', 'apng']),
    family('a JPEG image', ['jpg'], ['jpg', 'jpeg', 'jpe', 'jfif', 'pjpeg']),
    family('a GIF image', ['gif']),
    family('a WebP image', ['webp']),
    family('a BMP image', ['bmp'], ['bmp', 'dib']),
    family(
      'a TIFF image or camera raw',
      ['tif', 'cr2', 'nef', 'arw', 'dng', 'orf', 'rw2'],
      [
        ...['tif', 'tiff', 'cr2', 'nef', 'arw', 'dng', 'orf', 'rw2', 'pef'],
        ...['srw', 'sr2', 'nrw', '3fr', 'erf', 'kdc', 'mos', 'mef', 'iiq'],
      ],
    ),
    family('a camera raw image', ['cr3', 'raf']),
    family('an icon', ['ico', 'cur', 'icns']),
    family('a Photoshop image', ['psd'], ['psd', 'psb']),
    family('a HEIF image', ['heic'], ['heic', 'heif', 'hif']),
    family('an AVIF image', ['avif']),
    family('a JPEG XL image', ['jxl']),
    family(
      'a JPEG 2000 image',
      ['jp2', 'jpx', 'jpm', 'mj2', 'j2c'],
      ['jp2', 'j2k', 'jpf', 'jpx', 'jpm', 'mj2', 'j2c', 'jpc'],
    ),
    family('a JPEG XR image', ['jxr'], ['jxr', 'wdp', 'hdp']),
    family('a DICOM image', ['dcm'], ['dcm', 'dicom']),
  ];
}

function mediaFamilies(): ContentFamily[] {
  const mp4 = ['mp4', 'm4v', 'm4a', 'm4b', 'm4p', 'mov', '3gp', '3g2'];
  const f4 = ['f4v', 'f4a', 'f4p', 'f4b'];
  const ogg = ['ogg', 'oga', 'ogv', 'ogx', 'opus', 'spx', 'ogm'];
  return [
    family('MPEG audio', ['mp3', 'mp2', 'mp1'], ['mp3', 'mp2', 'mp1', 'mpga']),
    family('AAC audio', ['aac'], ['aac', 'adts']),
    family('FLAC audio', ['flac']),
    family('WAVE audio', ['wav'], ['wav', 'wave']),
    family('MIDI audio', ['mid'], ['mid', 'midi', 'kar']),
    family('AIFF audio', ['aif'], ['aif', 'aiff', 'aifc']),
    family('AMR audio', ['amr']),
    family('Dolby Digital audio', ['ac3']),
    family('Ogg audio or video', ogg),
    family('Windows Media', ['asf', 'wma', 'wmv']),
    family(
      'MP4 or QuickTime media',
      [...mp4, ...f4],
      [...mp4, ...f4, ...['m4r', 'qt', '3gpp']],
    ),
    family(
      'Matroska or WebM video',
      ['mkv', 'webm'],
      [...['mkv', 'mka', 'mks', 'mk3d', 'webm']],
    ),
    family('AVI video', ['avi']),
    family('Flash video', ['flv']),
    family('MPEG video', ['mpg'], ['mpg', 'mpeg', 'mpe', 'm1v', 'm2v', 'vob']),
    family('MPEG transport stream', ['mts'], ['mts', 'm2ts', 'ts', 'm2t']),
    family('RealMedia', ['rm'], ['rm', 'rmvb', 'ra']),
    family('MXF video', ['mxf']),
  ];
}

/**
 * Extensions whose format always starts with a signature: content the sniffer
 * does not recognise under them is a mismatch (a .png that is not a PNG).
 * Kept to formats no application writes as text (a .doc or .xls may well be
 * HTML or RTF a web application saved, so they are not here).
 */
export const SIGNED_EXTENSIONS: ReadonlySet<string> = new Set([
  ...['png', 'jpg', 'jpeg', 'gif', 'pdf', 'zip'],
  ...['docx', 'xlsx', 'pptx', '7z', 'rar', 'gz'],
]);

/**
 * Extensions that say nothing about the content (a raw dump, a backup):
 * any content but an executable may carry them.
 */
export const NEUTRAL_EXTENSIONS: ReadonlySet<string> = new Set([
  ...['bin', 'dat', 'tmp', 'bak', 'old', 'orig', 'part', 'download'],
]);

const BY_TYPE = new Map(
  CONTENT_FAMILIES.flatMap(f => f.detected.map(type => [type, f] as const)),
);
// Every extension that says what its content is: text, or one of the families.
const CLAIMING = new Set(
  [...TEXT, ...CONTENT_FAMILIES.flatMap(f => f.extensions)].filter(
    ext => !NEUTRAL_EXTENSIONS.has(ext),
  ),
);

/** The family of a sniffed type, or undefined when the type is not judged. */
export function familyOfType(type: string): ContentFamily | undefined {
  return BY_TYPE.get(type.toLocaleLowerCase('en-US'));
}

/** Whether an extension says what its content is (so other content contradicts it). */
export function extensionClaimsContent(ext: string): boolean {
  return CLAIMING.has(ext);
}
