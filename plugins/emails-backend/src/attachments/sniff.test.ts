import { sniffContent } from './sniff';
import * as sample from './__testUtils__/sampleFiles';
import { Row, table, verdictOf } from './__testUtils__/verdicts';

const word = () => sample.compoundFile(sample.CLASS_IDS.word);
const installer = () => sample.compoundFile(sample.CLASS_IDS.installer);
const csv = () => sample.text('MZ,Mozambique,Maputo\nBW,Botswana,Gaborone\n');

describe('sniffContent', () => {
  it.each([
    ['a PNG', sample.png(), 'png'],
    ['a JPEG', sample.jpeg(), 'jpg'],
    ['a GIF', sample.gif(), 'gif'],
    ['a PDF', sample.pdf(), 'pdf'],
    ['a BMP', sample.bmp(), 'bmp'],
    ['a PE executable', sample.portableExecutable(), 'exe'],
    ['an ELF executable', sample.elf(), 'elf'],
    ['a Mach-O executable', sample.machO(), 'macho'],
    ['a Java class', sample.javaClass(), 'class'],
    ['a Windows shortcut', sample.windowsShortcut(), 'lnk'],
    ['a Word 97 compound file', word(), 'cfb'],
    ['a Windows Installer compound file', installer(), 'msi'],
    ['a Word document', sample.officeOpenXml('word'), 'docx'],
    ['an Excel workbook', sample.officeOpenXml('excel'), 'xlsx'],
    ['a PowerPoint deck', sample.officeOpenXml('powerpoint'), 'pptx'],
    ['an OpenDocument text', sample.openDocumentText(), 'odt'],
    ['a JAR', sample.jar(), 'jar'],
    ['a plain ZIP', sample.zip({ 'notes.txt': 'hi' }), 'zip'],
    ['a 7-Zip archive', sample.sevenZip(), '7z'],
    ['a RAR archive', sample.rar(), 'rar'],
    ['a gzip stream', sample.gzip(), 'gz'],
    ['a tar archive', sample.tar(), 'tar'],
    ['an MP3', sample.mp3(), 'mp3'],
    ['a WAVE', sample.wav(), 'wav'],
    ['an MP4', sample.mp4(), 'mp4'],
    ['a shell script', sample.shellScript(), 'script'],
    ['PostScript', sample.text('%!PS-Adobe-3.0\n'), 'ps'],
    // Text that starts with a two-byte signature is still text.
    ['a CSV starting "MZ"', csv(), undefined],
    [
      'a note starting "BMW"',
      sample.text('BMW 320d service, 2 parts\n'),
      undefined,
    ],
    ['a note starting "%!"', sample.text('%! urgent\n'), undefined],
    ['plain text', sample.text('The printer is on fire.\n'), undefined],
  ])('recognises %s', async (_what, content, type) => {
    await expect(sniffContent(content)).resolves.toBe(type);
  });

  it('reads a ZIP past its first 4 KB to tell Office formats apart', async () => {
    // [Content_Types].xml after a 5 MB part: only the whole file shows a Word document.
    const late = sample.zip({
      'word/media/scan.bin': 'x'.repeat(5 * 1024 * 1024),
      '[Content_Types].xml':
        '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    });
    await expect(sniffContent(late)).resolves.toBe('docx');
  });
});

describe('content against extension (seed 003: invalid content type)', () => {
  const mismatch = (detail: string) =>
    `Attachment files contain invalid content type (${detail})`;

  it.each(
    table([
      // Images
      ['PNG', sample.png, 'chart.png', 'passes'],
      ['PNG', sample.png, 'chart', 'passes'],
      ['PNG', sample.png, 'chart.bin', 'passes'],
      ['PNG', sample.png, 'chart.unknownext', 'passes'],
      [
        'PNG',
        sample.png,
        'chart.jpg',
        mismatch('content is a PNG image, not .jpg'),
      ],
      [
        'PNG',
        sample.png,
        'Alter.txt',
        mismatch('content is a PNG image, not .txt'),
      ],
      ['JPEG', sample.jpeg, 'photo.JPEG', 'passes'],
      [
        'JPEG',
        sample.jpeg,
        'photo.png',
        mismatch('content is a JPEG image, not .png'),
      ],
      ['GIF', sample.gif, 'spinner.gif', 'passes'],
      ['BMP', sample.bmp, 'scan.bmp', 'passes'],
      [
        'BMP',
        sample.bmp,
        'scan.csv',
        mismatch('content is a BMP image, not .csv'),
      ],
      // Documents
      ['PDF', sample.pdf, 'invoice.pdf', 'passes'],
      ['PDF', sample.pdf, 'logo.ai', 'passes'],
      [
        'PDF',
        sample.pdf,
        'letter.docx',
        mismatch('content is a PDF document, not .docx'),
      ],
      [
        'text',
        () => sample.text('not a pdf'),
        'invoice.pdf',
        mismatch('content is not .pdf'),
      ],
      [
        'text',
        () => sample.text('not a png'),
        'chart.png',
        mismatch('content is not .png'),
      ],
      [
        'text',
        () => sample.text('not a docx'),
        'letter.docx',
        mismatch('content is not .docx'),
      ],
      [
        'HTML a web application saved',
        () => sample.text('<html><table></table></html>'),
        'report.xls',
        'passes',
      ],
      ['text', () => sample.text('error 42'), 'log.txt', 'passes'],
      ['CSV starting "MZ"', csv, 'countries.csv', 'passes'],
      // Office: OOXML is a ZIP, legacy Office and Outlook are compound files
      [
        'Word document',
        () => sample.officeOpenXml('word'),
        'letter.docx',
        'passes',
      ],
      [
        'Word document',
        () => sample.officeOpenXml('word'),
        'letter.zip',
        'passes',
      ],
      [
        'Word document',
        () => sample.officeOpenXml('word'),
        'budget.xlsx',
        mismatch('content is a Word document, not .xlsx'),
      ],
      [
        'Excel workbook',
        () => sample.officeOpenXml('excel'),
        'budget.xlsx',
        'passes',
      ],
      [
        'Excel workbook (renamed to the old extension)',
        () => sample.officeOpenXml('excel'),
        'budget.xls',
        'passes',
      ],
      [
        'Excel workbook',
        () => sample.officeOpenXml('excel'),
        'budget.pdf',
        mismatch('content is an Excel workbook, not .pdf'),
      ],
      [
        'PowerPoint deck',
        () => sample.officeOpenXml('powerpoint'),
        'deck.pptx',
        'passes',
      ],
      ['OpenDocument text', sample.openDocumentText, 'letter.odt', 'passes'],
      ['compound file', word, 'letter.doc', 'passes'],
      ['compound file', word, 'budget.xls', 'passes'],
      ['compound file', word, 'slides.ppt', 'passes'],
      ['compound file', word, 'forwarded.msg', 'passes'],
      ['compound file', word, 'setup.msi', 'passes'],
      [
        'compound file (a password-protected xlsx)',
        word,
        'salaries.xlsx',
        'passes',
      ],
      [
        'compound file',
        word,
        'letter.pdf',
        mismatch(
          'content is a Microsoft compound file (legacy Office, Outlook message, installer), not .pdf',
        ),
      ],
      // Archives
      ['ZIP', () => sample.zip({ 'a.txt': 'a' }), 'files.zip', 'passes'],
      ...['docx', 'xlsx', 'pptx', 'odt', 'jar', 'apk', 'nupkg'].map(
        ext =>
          [
            'ZIP',
            () => sample.zip({ 'a.txt': 'a' }),
            `files.${ext}`,
            'passes',
          ] as Row,
      ),
      [
        'ZIP',
        () => sample.zip({ 'a.txt': 'a' }),
        'files.pdf',
        mismatch('content is a ZIP archive, not .pdf'),
      ],
      ['7-Zip', sample.sevenZip, 'backup.7z', 'passes'],
      ['7-Zip', sample.sevenZip, 'backup.7z.001', 'passes'],
      [
        '7-Zip',
        sample.sevenZip,
        'backup.zip',
        mismatch('content is a 7-Zip archive, not .zip'),
      ],
      ['RAR', sample.rar, 'logs.rar', 'passes'],
      ['gzip', sample.gzip, 'logs.tar.gz', 'passes'],
      ['gzip', sample.gzip, 'logs.tgz', 'passes'],
      [
        'gzip',
        sample.gzip,
        'logs.txt',
        mismatch('content is a gzip archive, not .txt'),
      ],
      ['tar', sample.tar, 'logs.tar', 'passes'],
      // Audio and video
      ['MP3', sample.mp3, 'voicemail.mp3', 'passes'],
      [
        'MP3',
        sample.mp3,
        'voicemail.wav',
        mismatch('content is MPEG audio, not .wav'),
      ],
      ['WAVE', sample.wav, 'voicemail.wav', 'passes'],
      ['MP4', sample.mp4, 'screen.mp4', 'passes'],
      ['MP4', sample.mp4, 'screen.mov', 'passes'],
      ['MP4', sample.mp4, 'memo.m4a', 'passes'],
      [
        'MP4',
        sample.mp4,
        'screen.jpg',
        mismatch('content is MP4 or QuickTime media, not .jpg'),
      ],
    ]),
  )(
    '$what named $filename: $verdict',
    async ({ content, filename, verdict }) => {
      await expect(verdictOf(filename, content())).resolves.toEqual({
        verdict,
        of: verdict === 'passes' ? undefined : 'content',
      });
    },
  );
});
