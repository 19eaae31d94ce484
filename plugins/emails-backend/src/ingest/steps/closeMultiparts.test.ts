import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { closeUnterminatedMultiparts } from './closeMultiparts';

const corpus = (name: string) =>
  readFileSync(
    resolve(__dirname, '../../../../../../shared/corpora/james-mime4j', name),
  );

describe('closeUnterminatedMultiparts', () => {
  it('leaves well-formed nesting alone', () => {
    const raw = Buffer.from(
      'Content-Type: multipart/mixed; boundary="a"\r\n\r\n--a\r\nContent-Type: multipart/alternative;\r\n boundary="b"\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n--a--\r\n',
    );
    const result = closeUnterminatedMultiparts(raw);
    expect(result.closed).toBe(0);
    expect(result.raw).toBe(raw);
  });

  it('closes an inner multipart when an enclosing boundary comes first (frag.msg)', () => {
    const raw = Buffer.from(
      'Content-Type: multipart/mixed; boundary=outer\n\n--outer\nContent-Type: multipart/mixed; boundary="inner"\n\n--inner\nContent-Transfer-Encoding: base64\n\nAAAA\n--outer--\n',
    );
    const result = closeUnterminatedMultiparts(raw);
    expect(result.closed).toBe(1);
    expect(result.raw.toString()).toContain('AAAA\n--inner--\n--outer--\n');
  });

  it('repairs the corpus message where mailparser decoded boundaries into the JPEG', () => {
    const result = closeUnterminatedMultiparts(
      corpus('mimetools-testmsgs/frag.msg'),
    );
    expect(result.closed).toBe(1);
    expect(result.raw.toString('latin1')).toContain(
      '--------------8B533A82922407D7C3D35A99--',
    );
  });
});
