import {
  formatSubjectReference,
  subjectReferenceFormatProblem,
  subjectReferenceNumbers,
  subjectReferencePattern,
  SubjectReferenceFormatError,
} from './subjectReference';

describe('subject reference', () => {
  it('reads back what it writes', () => {
    const format = '[REQ-{number}]';
    const subject = `RE: ${formatSubjectReference(format, '42')} Printer`;
    expect(subject).toBe('RE: [REQ-42] Printer');
    expect(subjectReferenceNumbers(subject, format)).toEqual(['42']);
    expect(subjectReferenceFormatProblem(format)).toBeUndefined();
  });

  it('refuses a format without exactly one {number}, in the parser and in validation alike', () => {
    for (const format of [
      '[REQ-{number}{number}]',
      '[REQ]',
      '{number}-{number}',
    ]) {
      expect(() => subjectReferencePattern(format)).toThrow(
        SubjectReferenceFormatError,
      );
      expect(subjectReferenceFormatProblem(format)).toBe(
        'must contain exactly one {number}',
      );
    }
  });

  it('accepts formats whose literal digits sit next to the number, as long as they read back', () => {
    for (const format of ['REQ{number}0', '1{number}', 'Case {number}.']) {
      expect(subjectReferenceFormatProblem(format)).toBeUndefined();
      expect(
        subjectReferenceNumbers(
          `Fwd: ${formatSubjectReference(format, '905')}`,
          format,
        ),
      ).toEqual(['905']);
    }
  });
});
