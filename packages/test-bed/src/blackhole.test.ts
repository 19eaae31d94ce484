import net from 'node:net';
import { LOOPBACK, startBlackholePort } from './index';

function connectOutcome(port: number, waitMs: number): Promise<string> {
  return new Promise(resolve => {
    const socket = net.connect({ host: LOOPBACK, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('pending');
    }, waitMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(e.code ?? 'error');
    });
  });
}

describe('startBlackholePort', () => {
  it('leaves connection attempts hanging until closed', async () => {
    const hole = await startBlackholePort();
    try {
      expect(await connectOutcome(hole.port, 1500)).toBe('pending');
    } finally {
      await hole.close();
    }
    expect(await connectOutcome(hole.port, 5000)).toBe('ECONNREFUSED');
  }, 30_000);
});
