import {
  AttachmentLimits,
  attachmentProblem,
  fileNameProblem,
  safeFilename,
} from './rules';

const limits: AttachmentLimits = {
  maxAttachmentBytes: 100,
  maxInlineImageBytes: 10,
  blockedExtensions: ['exe', 'BAT'],
};

describe('safeFilename', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\x\\report.pdf', 'report.pdf'],
    ['bad\u0000name\r\n.txt', 'bad_name__.txt'],
    ['<script>.html', '_script_.html'],
    ['invoice\u202Etxt.exe', 'invoice_txt.exe'],
    ['setup.exe. . ', 'setup.exe'],
    ['..', 'fallback'],
    ['...', 'fallback'],
    [undefined, 'fallback'],
  ])('turns %j into %j', (name, safe) => {
    expect(safeFilename(name, 'fallback')).toBe(safe);
  });
});

describe('fileNameProblem', () => {
  it.each([
    ['a/b.txt', 'must be a file name without folders (/ or \\)'],
    ['a\\b.txt', 'must be a file name without folders (/ or \\)'],
    ['a\u0007.txt', 'must not contain control characters'],
    ['a\u2066.txt', 'must not contain control characters'],
    ['. .', 'must be a file name'],
    ['plan: v2?.txt', undefined],
    ['Résumé 2026.pdf', undefined],
  ])('finds %j %p', (name, problem) => {
    expect(fileNameProblem(name)).toBe(problem);
  });
});

describe('attachmentProblem', () => {
  const file = (filename: string, content: string, inline = false) => ({
    filename,
    content: Buffer.from(content),
    inline,
  });

  it('refuses blocked extensions whatever their case, naming the name', async () => {
    await expect(
      attachmentProblem(file('a.EXE', 'x'), limits),
    ).resolves.toEqual({
      of: 'filename',
      reason: 'Attachment files contain invalid extensions (.exe is blocked)',
    });
    expect((await attachmentProblem(file('a.bat', 'x'), limits))?.of).toBe(
      'filename',
    );
  });

  it('refuses empty, oversized and mislabelled content, naming the content', async () => {
    expect((await attachmentProblem(file('a.txt', ''), limits))?.reason).toBe(
      'Attachment contains empty files',
    );
    await expect(
      attachmentProblem(file('a.png', 'x'.repeat(11), true), limits),
    ).resolves.toEqual({
      of: 'content',
      reason: 'Attachment size exceeds the configured limit (11 bytes > 10)',
    });
    expect(
      (await attachmentProblem(file('a.pdf', 'hello'), limits))?.reason,
    ).toBe(
      'Attachment files contain invalid content type (content is not .pdf)',
    );
    await expect(
      attachmentProblem(file('a.pdf', '%PDF-1.7'), limits),
    ).resolves.toBeUndefined();
  });

  it('names the size limit before the content of an oversized file', async () => {
    // A PE under .pdf, but too big: the size is the reason, not the content.
    const big = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
    await expect(
      attachmentProblem(
        { filename: 'a.pdf', content: big, inline: false },
        limits,
      ),
    ).resolves.toMatchObject({
      reason: expect.stringMatching(/^Attachment size exceeds/),
    });
  });
});
