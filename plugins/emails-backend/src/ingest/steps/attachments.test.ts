import { safeFilename } from './attachments';

describe('safeFilename', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\x\\report.pdf', 'report.pdf'],
    ['bad\u0000name\r\n.txt', 'bad_name__.txt'],
    ['<script>.html', '_script_.html'],
    ['..', 'fallback'],
    [undefined, 'fallback'],
  ])('turns %p into %p', (name, safe) => {
    expect(safeFilename(name, 'fallback')).toBe(safe);
  });
});
