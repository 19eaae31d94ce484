import { Knex } from 'knex';
import { simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * The baseline of the SMTP push figures: a bare smtp-server that parses each
 * message with mailparser and inserts one row into SQLite, then answers 250.
 */
export async function startBareSmtpSink(knex: Knex) {
  await knex.schema.createTable('bench_messages', t => {
    t.increments('id');
    t.string('subject');
    t.string('sender');
    t.text('text');
    t.binary('raw');
  });
  let stored = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        try {
          const raw = Buffer.concat(chunks);
          const parsed = await simpleParser(raw);
          await knex('bench_messages').insert({
            subject: parsed.subject ?? '',
            sender: parsed.from?.value[0]?.address ?? '',
            text: parsed.text ?? '',
            raw,
          });
          stored++;
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve((server.server.address() as AddressInfo).port),
    );
  });
  return {
    port,
    stored: () => stored,
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
