/**
 * RFC 2046 5.1.2: a boundary of an enclosing multipart ends every part
 * nested in it, closed or not. mailparser does not know that: in a multipart
 * left unterminated (seen in the james-mime4j corpus, frag.msg) it reads the
 * enclosing boundary lines as content and base64-decodes them into the last
 * attachment. This step writes the missing closing delimiters in, so the
 * parser sees well-formed nesting. Well-formed mail comes back unchanged.
 */
export function closeUnterminatedMultiparts(raw: Buffer): {
  raw: Buffer;
  closed: number;
} {
  // latin1 maps bytes 1:1, so the rewrite is binary-safe.
  const text = raw.toString('latin1');
  const lines = text.split(/(?<=\n)/);
  const open: string[] = [];
  const out: string[] = [];
  let closed = 0;
  let header = '';
  lines.forEach((line, i) => {
    const bare = line.replace(/\r?\n$/, '');
    header = /^[ \t]/.test(bare) ? header + bare : bare;
    // A header may go on over folded lines: read its boundary once it is whole.
    const whole = !/^[ \t]/.test(lines[i + 1] ?? '');
    const boundary = whole ? multipartBoundary(header) : undefined;
    if (boundary && !open.includes(boundary)) {
      open.push(boundary);
    }
    const delimiter = /^--(.+?)(--)?[ \t]*$/.exec(bare);
    const level = delimiter ? open.lastIndexOf(delimiter[1]) : -1;
    if (delimiter && level >= 0) {
      const eol = line.endsWith('\r\n') ? '\r\n' : '\n';
      while (open.length - 1 > level) {
        out.push(`--${open.pop()}--${eol}`);
        closed++;
      }
      if (delimiter[2]) open.pop();
    }
    out.push(line);
  });
  return closed
    ? { raw: Buffer.from(out.join(''), 'latin1'), closed }
    : { raw, closed: 0 };
}

function multipartBoundary(header: string): string | undefined {
  const m =
    /^content-type:\s*multipart\/[^;]*;.*\bboundary=(?:"([^"]+)"|([^\s;]+))/i.exec(
      header,
    );
  return m ? m[1] ?? m[2] : undefined;
}
