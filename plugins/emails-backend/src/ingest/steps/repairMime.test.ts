import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBinHex } from './binhex';
import { repairMimeStructure } from './repairMime';
import { decodeUtf7 } from './utf7';
import { extractUuencoded } from './uuencode';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '__fixtures__', name), 'latin1');

describe('repairMimeStructure', () => {
  it('returns well-formed mail unchanged, the same buffer', () => {
    const raw = Buffer.from(
      'From: a@example.org\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b\r\nContent-Type: application/pdf; name="a.pdf"\r\nContent-Disposition: attachment; filename="a.pdf"\r\n\r\nx\r\n--b--\r\n',
    );
    const repaired = repairMimeStructure(raw);
    expect(repaired.repairs).toEqual([]);
    expect(repaired.raw).toBe(raw);
  });

  it('names each repair it made', () => {
    const raw = Buffer.from(
      'Subject: =?utf-7?B?K0FPUS0=?=\r\nContent-Type: multipart/digest\r\n boundary="d"\r\n\r\n--d  \r\n\r\nSubject: inner\r\n\r\nx\r\n--d--\r\n',
    );
    const repaired = repairMimeStructure(raw);
    expect(repaired.repairs.sort()).toEqual([
      'continued content-type without ;',
      'digest part as message/rfc822',
      'utf-7 encoded words',
      'white space after a boundary',
    ]);
    expect(repaired.raw.toString()).toBe(
      'Subject: =?UTF-8?B?w6Q=?=\r\nContent-Type: multipart/digest;\r\n boundary="d"\r\n\r\n--d\r\nContent-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\nx\r\n--d--\r\n',
    );
  });

  it('drops a marker header a sender wrote, so only our repair sets it', () => {
    const raw = Buffer.from(
      'From: a@example.org\r\nX-Emails-Shown-Inline: yes\r\nContent-Type: text/plain\r\n\r\nhi\r\n',
    );
    expect(repairMimeStructure(raw).raw.toString()).not.toContain(
      'X-Emails-Shown-Inline',
    );
  });

  it('leaves a base64 UTF-7 part and the body of other parts alone', () => {
    const raw = Buffer.from(
      'Content-Type: text/plain; charset=utf-7\r\nContent-Transfer-Encoding: base64\r\n\r\nK0FPUS0=\r\n',
    );
    expect(repairMimeStructure(raw).raw).toBe(raw);
  });
});

describe('legacy decoders', () => {
  it('decodes UTF-7 per RFC 2152, including surrogate pairs and "+-"', () => {
    expect(decodeUtf7('Hi Mom -+Jjo--!')).toBe('Hi Mom -☺-!');
    expect(decodeUtf7('A+ImIDkQ.')).toBe('A≢Α.');
    expect(decodeUtf7('1 +- 1')).toBe('1 + 1');
    expect(decodeUtf7('+2D3eAA-')).toBe('😀');
  });

  it('keeps text that only looks like a uuencoded block', () => {
    const text = 'Plan:\nbegin 644 things here\nthen we go on\nend\n';
    expect(extractUuencoded(text)).toEqual({ text, files: [] });
  });

  it('refuses BinHex whose checksum fails, so the part stays as it came', () => {
    const hqx = fixture('binhex-part.eml');
    expect(decodeBinHex(hqx)?.filename).toBe('Notes.bin');
    // One character of the data fork changed.
    const broken = hqx.replace("aJC'KXF", "aJC'KXG");
    expect(broken).not.toBe(hqx);
    expect(decodeBinHex(broken)).toBeUndefined();
  });
});
