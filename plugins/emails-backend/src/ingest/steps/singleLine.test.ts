import { singleLine, singleLineName, withoutNul } from './singleLine';

describe('singleLine', () => {
  it('turns NUL, C0 and C1 control characters and line separators into one space', () => {
    expect(singleLine('Printer\u0000on\tfire\r\n  again\u001b[31m')).toBe(
      'Printer on fire again [31m',
    );
    expect(singleLine('A\u0085B\u009fC\u007fD\u2028E')).toBe('A B C D E');
    expect(singleLine('\u0000 \u0007')).toBe('');
  });

  it('keeps ordinary text, accents and emoji as they are', () => {
    expect(singleLine('Drucker kaputt – Büro 3 🖨️')).toBe(
      'Drucker kaputt – Büro 3 🖨️',
    );
  });

  it('drops a name that is nothing but control characters', () => {
    expect(singleLineName('\u0000\u0001')).toBeUndefined();
    expect(singleLineName(undefined)).toBeUndefined();
    expect(singleLineName('Rita\u0000 Requester')).toBe('Rita Requester');
  });

  it('takes NUL out of body text and keeps its lines', () => {
    expect(withoutNul('a\u0000b\r\n\tc')).toBe('ab\r\n\tc');
    expect(withoutNul(undefined)).toBeUndefined();
  });
});
