import { startScriptedServer } from '../__testUtils__/scriptedServer';
import { fetchSample } from './fetchSample';

const MESSAGE = [
  'From: jane@customer.example',
  'Subject: Without TOP',
  '',
  '..starts with a dot',
  '',
].join('\r\n');

/** A POP3 server without TOP (it is optional in RFC 1939) and without CAPA. */
function pop3WithoutTop(line: string): string {
  const [verb] = line.split(' ');
  switch (verb) {
    case 'STAT':
    case 'LIST':
      return `+OK 1 ${MESSAGE.length}\r\n`;
    case 'RETR':
      return `+OK\r\n${MESSAGE}.\r\n`;
    case 'TOP':
    case 'CAPA':
      return '-ERR unknown command\r\n';
    default:
      return '+OK\r\n';
  }
}

describe('fetchSample over POP3', () => {
  it('falls back to RETR without TOP and resets before QUIT, never DELE', async () => {
    const server = await startScriptedServer('+OK ready\r\n', pop3WithoutTop);
    try {
      const sample = await fetchSample({
        protocol: 'pop3',
        host: '127.0.0.1',
        port: server.port,
        security: 'none',
        auth: { type: 'basic', username: 'u@example.test', password: 'pw-123' },
      });
      expect(sample.subject).toBe('Without TOP');
      expect(sample.textExcerpt).toBe('.starts with a dot');
      const verbs = server.received.map(l => l.split(' ')[0]);
      expect(verbs.slice(verbs.indexOf('RETR'))).toEqual([
        'RETR',
        'RSET',
        'QUIT',
      ]);
      expect(verbs).not.toContain('DELE');
    } finally {
      await server.close();
    }
  });
});
