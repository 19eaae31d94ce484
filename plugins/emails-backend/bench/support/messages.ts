/** Messages the benchmarks deliver; each carries X-Bench-Seq so its timing can be followed. */

const MIB = 1024 * 1024;

function head(seq: number, to: string, subject: string, extra: string[] = []) {
  return [
    `From: Requester ${seq} <requester${seq}@example.com>`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Message-ID: <bench-${seq}-${Date.now()}@example.com>`,
    `Date: ${new Date().toUTCString()}`,
    `X-Bench-Seq: ${seq}`,
    'MIME-Version: 1.0',
    ...extra,
  ];
}

function base64Lines(bytes: Buffer): string {
  return bytes.toString('base64').replace(/(.{76})/g, '$1\r\n');
}

/** A short plain-text request. */
export function smallMessage(seq: number, to: string): Buffer {
  return Buffer.from(
    [
      ...head(seq, to, `Printer ${seq} jams`, [
        'Content-Type: text/plain; charset=utf-8',
      ]),
      '',
      `The printer on floor ${seq % 9} jams every morning since Monday.`,
      'Could someone have a look?',
      '',
    ].join('\r\n'),
  );
}

function newsletter(seq: number, to: string): Buffer {
  const items = Array.from(
    { length: 30 },
    (_, i) =>
      `<tr><td style="padding:8px;font-family:Arial"><h3>Item ${i}</h3><p>Release notes for component ${i}: faster builds, fewer bugs.</p><a href="https://example.com/n/${seq}/${i}">Read more</a></td></tr>`,
  ).join('\n');
  return Buffer.from(
    [
      ...head(seq, to, `Newsletter ${seq}`, [
        'Content-Type: multipart/alternative; boundary="alt"',
      ]),
      '',
      '--alt',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'This month: release notes for 30 components.',
      '--alt',
      'Content-Type: text/html; charset=utf-8',
      '',
      `<html><body><table>${items}</table></body></html>`,
      '--alt--',
      '',
    ].join('\r\n'),
  );
}

function replyWithHistory(seq: number, to: string): Buffer {
  const quoted = Array.from(
    { length: 12 },
    (_, i) =>
      `On Mon, 2 Nov 2026 at 10:${String(i).padStart(
        2,
        '0',
      )}, Support <${to}> wrote:\r\n> Please try again after the update ${i}.\r\n> Regards, IT`,
  ).join('\r\n>\r\n');
  return Buffer.from(
    [
      ...head(seq, to, `Re: VPN drops ${seq}`, [
        'Content-Type: text/plain; charset=utf-8',
        `In-Reply-To: <older-${seq}@example.com>`,
      ]),
      '',
      'Still drops after the update.',
      '',
      quoted,
      '',
    ].join('\r\n'),
  );
}

function withAttachment(seq: number, to: string, bytes: number): Buffer {
  const file = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += 4)
    file.writeUInt32LE((i * 2654435761) >>> 0, i);
  return Buffer.from(
    [
      ...head(seq, to, `Logs ${seq}`, [
        'Content-Type: multipart/mixed; boundary="mix"',
      ]),
      '',
      '--mix',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The logs are attached.',
      '--mix',
      'Content-Type: application/octet-stream; name="logs.bin"',
      'Content-Disposition: attachment; filename="logs.bin"',
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(file),
      '--mix--',
      '',
    ].join('\r\n'),
  );
}

/**
 * The mixed mailbox: one message in 20 has a 1 MiB attachment, the rest are
 * small requests, HTML newsletters and replies with quoted history in turn.
 */
export function mixedMessage(seq: number, to: string): Buffer {
  if (seq % 20 === 19) return withAttachment(seq, to, MIB);
  const kinds = [smallMessage, newsletter, replyWithHistory];
  return kinds[seq % 3](seq, to);
}

/** A message with one attachment of `bytes` (the memory figure). */
export function largeMessage(seq: number, to: string, bytes: number): Buffer {
  return withAttachment(seq, to, bytes);
}

/** The X-Bench-Seq of a raw message, read from its header only. */
export function benchSeq(raw: Buffer): number | undefined {
  const top = raw.subarray(0, 4096).toString('latin1');
  const m = top.match(/^X-Bench-Seq: (\d+)/im);
  return m ? Number(m[1]) : undefined;
}
