import { socketPair } from '../__testUtils__/socketPair';
import { Deadline } from './deadline';
import {
  ConnectionClosedError,
  MailTimeoutError,
  ReplyTooLargeError,
} from './errors';
import { LineConnection } from './lineConnection';

let pair: Awaited<ReturnType<typeof socketPair>>;

beforeEach(async () => {
  pair = await socketPair();
});

afterEach(async () => {
  await pair.close();
});

describe('LineConnection', () => {
  it('reads lines split across packets, with CRLF or a bare LF', async () => {
    const conn = new LineConnection(pair.client, new Deadline(10_000));
    pair.server.write('* OK hel');
    setTimeout(() => pair.server.write('lo\r\nsecond\nthird\r\n'), 20);
    expect(await conn.readLine('a')).toBe('* OK hello');
    expect(await conn.readLine('b')).toBe('second');
    expect(await conn.readLine('c')).toBe('third');
    conn.destroy();
  });

  it('reads counted bytes after a line', async () => {
    const conn = new LineConnection(pair.client, new Deadline(10_000));
    pair.server.write('{5}\r\nab\r\ncrest\r\n');
    expect(await conn.readLine('a')).toBe('{5}');
    expect((await conn.readBytes(5, 'b')).toString()).toBe('ab\r\nc');
    expect(await conn.readLine('c')).toBe('rest');
    conn.destroy();
  });

  it('gives up on an endless line and closes the connection', async () => {
    const conn = new LineConnection(pair.client, new Deadline(10_000), 1024);
    pair.server.write('x'.repeat(4096));
    await expect(conn.readLine('a')).rejects.toBeInstanceOf(ReplyTooLargeError);
    expect(pair.client.destroyed).toBe(true);
  });

  it('times out at its own cap, keeps what arrived and closes the connection', async () => {
    const conn = new LineConnection(pair.client, new Deadline(10_000));
    pair.server.write('\x15\x03\x03');
    const error = await conn.readLine('the greeting', 200).catch(e => e);
    expect(error).toBeInstanceOf(MailTimeoutError);
    expect(error.budgetLimited).toBe(false);
    expect([...error.received]).toEqual([0x15, 0x03, 0x03]);
    expect(pair.client.destroyed).toBe(true);
  });

  it('times out when the whole budget is spent', async () => {
    const conn = new LineConnection(pair.client, new Deadline(100));
    const error = await conn.readLine('a', 5_000).catch(e => e);
    expect(error).toBeInstanceOf(MailTimeoutError);
    expect(error.budgetLimited).toBe(true);
  });

  it('fails a read when the peer closes', async () => {
    const conn = new LineConnection(pair.client, new Deadline(10_000));
    pair.server.end('partial');
    const error = await conn.readLine('a').catch(e => e);
    expect(error).toBeInstanceOf(ConnectionClosedError);
    expect(error.received.toString()).toBe('partial');
  });

  it('refuses a TLS upgrade when plain text arrived after the STARTTLS reply', async () => {
    const conn = new LineConnection(pair.client, new Deadline(10_000));
    pair.server.write('a1 OK begin TLS\r\n* injected\r\n');
    await conn.readLine('a');
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(() => conn.releaseForTls()).toThrow(/before the TLS handshake/);
    conn.destroy();
  });
});
