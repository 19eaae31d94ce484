import { attachmentProblem } from './rules';
import { sniffContent } from './sniff';

// A detector that gives up on a broken container, as a parser may.
jest.mock('file-type', () => ({
  fileTypeFromBuffer: async () => {
    throw new Error('Invalid ZIP local file header');
  },
}));

const limits = {
  maxAttachmentBytes: 1024,
  maxInlineImageBytes: 1024,
  blockedExtensions: [],
};

describe('content the detector cannot read', () => {
  it('is unrecognised, not an error that stops the message', async () => {
    await expect(
      sniffContent(Buffer.from('PK\x03\x04')),
    ).resolves.toBeUndefined();
  });

  it('is judged as unrecognised content: refused only under a signed extension', async () => {
    const file = (filename: string) => ({
      filename,
      content: Buffer.from('PK\x03\x04 broken'),
      inline: false,
    });
    await expect(
      attachmentProblem(file('notes.txt'), limits),
    ).resolves.toBeUndefined();
    await expect(
      attachmentProblem(file('letter.docx'), limits),
    ).resolves.toEqual({
      of: 'content',
      reason:
        'Attachment files contain invalid content type (content is not .docx)',
    });
  });

  it('still finds a PE by its own check of the header', async () => {
    const pe = Buffer.alloc(0x98);
    pe.write('MZ');
    pe.writeUInt32LE(0x80, 0x3c);
    pe.write('PE\0\0', 0x80, 'latin1');
    await expect(sniffContent(pe)).resolves.toBe('exe');
  });
});
