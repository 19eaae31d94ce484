import net from 'node:net';

/** The only address the test bed listens on or connects to. */
export const LOOPBACK = '127.0.0.1';

function listenOnEphemeral(): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: LOOPBACK, exclusive: true }, () =>
      resolve(server),
    );
  });
}

function closeServer(server: net.Server): Promise<void> {
  return new Promise(resolve => server.close(() => resolve()));
}

/** Asks the OS for `count` distinct free loopback ports. */
export async function freePorts(count: number): Promise<number[]> {
  // All probes stay open until every port is known, so the OS cannot hand
  // out the same port twice within one call.
  const servers: net.Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      servers.push(await listenOnEphemeral());
    }
    return servers.map(s => (s.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(servers.map(closeServer));
  }
}

/** Asks the OS for one free loopback port. */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port;
}

function tryConnect(port: number, timeoutMs: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect({ host: LOOPBACK, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Resolves once a loopback port accepts TCP connections; rejects after
 * `timeoutMs` or as soon as `abort()` returns a reason.
 */
export async function waitForPort(
  port: number,
  timeoutMs: number,
  abort: () => string | undefined = () => undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reason = abort();
    if (reason) throw new Error(reason);
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new Error(
        `port ${port} not accepting connections after ${timeoutMs} ms`,
      );
    }
    if (await tryConnect(port, Math.min(1000, left))) return;
    await sleep(50);
  }
}
