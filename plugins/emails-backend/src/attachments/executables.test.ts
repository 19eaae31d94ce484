import { contentMismatch } from './sniff';
import * as sample from './__testUtils__/sampleFiles';
import { Row, table, verdictOf } from './__testUtils__/verdicts';

const installer = () => sample.compoundFile(sample.CLASS_IDS.installer);

describe('executables under another extension', () => {
  const disguised = (what: string, ext: string) =>
    `Attachment files contain invalid content type (${what} disguised as .${ext})`;

  it.each(
    table([
      ['PE', sample.portableExecutable, 'setup.exe', 'passes'],
      ['PE', sample.portableExecutable, 'helper.DLL', 'passes'],
      ['PE', sample.portableExecutable, 'setup', 'passes'],
      ...['pdf', 'jpg', 'txt', 'docx', 'dat', 'xyz'].map(
        ext =>
          [
            'PE',
            sample.portableExecutable,
            `invoice.${ext}`,
            disguised('a Windows executable (PE)', ext),
          ] as Row,
      ),
      ['ELF', sample.elf, 'libprint.so', 'passes'],
      ['ELF', sample.elf, 'firmware.bin', 'passes'],
      [
        'ELF',
        sample.elf,
        'invoice.pdf',
        disguised('a Linux executable (ELF)', 'pdf'),
      ],
      ['Mach-O', sample.machO, 'libprint.dylib', 'passes'],
      [
        'Mach-O',
        sample.machO,
        'photo.jpg',
        disguised('a macOS executable (Mach-O)', 'jpg'),
      ],
      ['MSI', installer, 'setup.msi', 'passes'],
      [
        'MSI',
        installer,
        'letter.doc',
        disguised('a Windows installer (MSI)', 'doc'),
      ],
      ['Java class', sample.javaClass, 'Main.class', 'passes'],
      [
        'Java class',
        sample.javaClass,
        'notes.txt',
        disguised('a Java class file', 'txt'),
      ],
      ['JAR', sample.jar, 'tool.jar', 'passes'],
      ['JAR', sample.jar, 'tool.zip', 'passes'],
      [
        'JAR',
        sample.jar,
        'letter.docx',
        disguised('a Java or Android application (JAR/APK)', 'docx'),
      ],
      [
        'shortcut',
        sample.windowsShortcut,
        'invoice.pdf',
        disguised('a Windows shortcut (LNK)', 'pdf'),
      ],
      ['shell script', sample.shellScript, 'restart.sh', 'passes'],
      ['shell script', sample.shellScript, 'restart.txt', 'passes'],
      [
        'shell script',
        sample.shellScript,
        'invoice.pdf',
        disguised('a script (#!)', 'pdf'),
      ],
    ]),
  )(
    '$what named $filename: $verdict',
    async ({ content, filename, verdict }) => {
      expect((await verdictOf(filename, content())).verdict).toBe(verdict);
    },
  );

  it('tells a disguised executable from other mismatches', () => {
    expect(contentMismatch('pdf', 'exe')?.disguisedExecutable).toBe(true);
    expect(contentMismatch('pdf', 'png')?.disguisedExecutable).toBe(false);
    expect(contentMismatch('exe', 'png')).toMatchObject({
      disguisedExecutable: false,
      detail: 'content is a PNG image, not .exe',
    });
  });
});
