import { startTestBed, TestBed } from '@internal/emails-test-bed';
import tls from 'node:tls';
import { trustedTls } from './transport';

jest.setTimeout(60_000);

/** Whether a TLS handshake with these options trusts the test bed's IMAPS certificate. */
function handshake(
  bed: TestBed,
  options: tls.ConnectionOptions,
): Promise<boolean> {
  return new Promise(resolve => {
    const socket = tls.connect({
      host: '127.0.0.1',
      port: bed.ports.imaps,
      servername: 'localhost',
      ...options,
    });
    socket.once('secureConnect', () => {
      resolve(socket.authorized);
      socket.destroy();
    });
    socket.once('error', () => resolve(false));
  });
}

describe('trustedTls', () => {
  let bed: TestBed;

  beforeAll(async () => {
    bed = await startTestBed({
      users: [{ user: 'tls@localhost', password: 'tls-password' }],
    });
  });

  afterAll(async () => {
    await bed?.stop();
  });

  it('shares one secure context between connections trusting the same extra CAs', () => {
    const first = trustedTls([bed.caPem]).secureContext;
    expect(first).toBeDefined();
    expect(trustedTls(bed.caPem).secureContext).toBe(first);
    expect(trustedTls([bed.caPem, bed.caPem]).secureContext).not.toBe(first);
  });

  it("leaves Node's defaults alone when no extra CA is configured", () => {
    expect(trustedTls(undefined)).toEqual({});
  });

  it('trusts the extra CA through the shared context, and nothing without it', async () => {
    expect(await handshake(bed, trustedTls([bed.caPem]))).toBe(true);
    expect(await handshake(bed, {})).toBe(false);
  });
});
