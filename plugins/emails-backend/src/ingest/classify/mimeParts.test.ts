import { mimeParts } from './mimeParts';

const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'));

describe('mimeParts', () => {
  it('lists leaf parts in order and keeps an attached message whole', () => {
    const parts = mimeParts(
      crlf([
        'Content-Type: multipart/mixed; boundary="a"',
        '',
        '--a',
        'Content-Type: text/plain',
        '',
        'one',
        '--a',
        'Content-Type: message/rfc822',
        '',
        'Content-Type: multipart/mixed; boundary="inner"',
        '',
        '--inner',
        '',
        'inside',
        '--inner--',
        '--a--',
      ]),
    );
    expect(parts.map(p => p.contentType)).toEqual([
      'text/plain',
      'message/rfc822',
    ]);
    expect(parts[1].body).toContain('--inner');
  });

  it('reads the parts of a multipart whose closing boundary is missing', () => {
    const parts = mimeParts(
      crlf([
        'Content-Type: multipart/report; report-type=delivery-status; boundary=r',
        '',
        '--r',
        'Content-Type: message/delivery-status',
        '',
        'Final-Recipient: rfc822; a@b.example',
      ]),
    );
    expect(parts).toEqual([
      expect.objectContaining({
        contentType: 'message/delivery-status',
        body: 'Final-Recipient: rfc822; a@b.example',
      }),
    ]);
  });

  it('decodes quoted-printable', () => {
    const [part] = mimeParts(
      crlf([
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Diagnostic-Code: smtp; 550 too lo=',
        'ng =3D bad',
      ]),
    );
    expect(part.body).toBe('Diagnostic-Code: smtp; 550 too long = bad');
  });

  it('stops at 100 parts (hostile input)', () => {
    const lines = ['Content-Type: multipart/mixed; boundary=m', ''];
    for (let i = 0; i < 500; i++) lines.push('--m', '', `part ${i}`);
    lines.push('--m--');
    expect(mimeParts(crlf(lines))).toHaveLength(100);
  });

  it('stops descending after 8 levels of nesting (hostile input)', () => {
    const lines: string[] = [];
    for (let i = 0; i < 50; i++) {
      lines.push(
        `Content-Type: multipart/mixed; boundary=b${i}`,
        '',
        `--b${i}`,
      );
    }
    lines.push('Content-Type: message/delivery-status', '', 'deep');
    const parts = mimeParts(crlf(lines));
    expect(parts).toHaveLength(1);
    expect(parts[0].contentType).toBe('multipart/mixed');
  });
});
