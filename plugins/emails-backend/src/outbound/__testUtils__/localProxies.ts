import { createServer as createHttpServer } from 'node:http';
import { connect, createServer, Server, Socket } from 'node:net';

/** A proxy on a loopback port that tunnels to loopback targets only, recording each tunnel. */
export interface LocalProxy {
  port: number;
  /** `host:port` of each tunnel, and the user who signed in, if any. */
  tunnels: { target: string; user?: string }[];
  stop(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function pipeTo(client: Socket, host: string, port: number, ready: () => void) {
  const upstream = connect(port, host, ready);
  upstream.on('error', () => client.destroy());
  client.on('error', () => upstream.destroy());
  upstream.pipe(client);
  client.pipe(upstream);
  return upstream;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve((server.address() as { port: number }).port),
    );
  });
}

/**
 * A SOCKS5 proxy (RFC 1928 CONNECT with the username/password method of
 * RFC 1929 when `auth` is set). Enough of the protocol for an SMTP client.
 */
export async function startSocks5Proxy(auth?: {
  username: string;
  password: string;
}): Promise<LocalProxy> {
  const tunnels: LocalProxy['tunnels'] = [];
  const sockets = new Set<Socket>();
  const server = createServer(client => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    let user: string | undefined;
    let stage: 'greeting' | 'auth' | 'request' = 'greeting';
    let buffer = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (
        stage === 'greeting' &&
        buffer.length >= 2 &&
        buffer.length >= 2 + buffer[1]
      ) {
        const methods = [...buffer.subarray(2, 2 + buffer[1])];
        const wanted = auth ? 2 : 0;
        buffer = buffer.subarray(2 + buffer[1]);
        if (!methods.includes(wanted)) {
          client.end(Buffer.from([5, 0xff]));
          return;
        }
        client.write(Buffer.from([5, wanted]));
        stage = auth ? 'auth' : 'request';
      }
      if (stage === 'auth' && buffer.length >= 2) {
        const ulen = buffer[1];
        if (buffer.length < 3 + ulen) return;
        const plen = buffer[2 + ulen];
        if (buffer.length < 3 + ulen + plen) return;
        const name = buffer.subarray(2, 2 + ulen).toString();
        const password = buffer.subarray(3 + ulen, 3 + ulen + plen).toString();
        buffer = buffer.subarray(3 + ulen + plen);
        if (name !== auth!.username || password !== auth!.password) {
          client.end(Buffer.from([1, 1]));
          return;
        }
        user = name;
        client.write(Buffer.from([1, 0]));
        stage = 'request';
      }
      if (stage === 'request' && buffer.length >= 5) {
        const type = buffer[3];
        let host: string;
        let offset: number;
        if (type === 1) {
          if (buffer.length < 10) return;
          host = [...buffer.subarray(4, 8)].join('.');
          offset = 8;
        } else if (type === 3) {
          if (buffer.length < 5 + buffer[4] + 2) return;
          host = buffer.subarray(5, 5 + buffer[4]).toString();
          offset = 5 + buffer[4];
        } else {
          client.end(Buffer.from([5, 8, 0, 1, 0, 0, 0, 0, 0, 0]));
          return;
        }
        const port = buffer.readUInt16BE(offset);
        client.off('data', onData);
        if (!LOOPBACK.has(host)) {
          client.end(Buffer.from([5, 2, 0, 1, 0, 0, 0, 0, 0, 0]));
          return;
        }
        tunnels.push({ target: `${host}:${port}`, user });
        pipeTo(client, host, port, () =>
          client.write(Buffer.from([5, 0, 0, 1, 127, 0, 0, 1, 0, 0])),
        );
      }
    };
    client.on('data', onData);
  });
  const port = await listen(server);
  return {
    port,
    tunnels,
    stop: () =>
      new Promise(resolve => {
        sockets.forEach(s => s.destroy());
        server.close(() => resolve());
      }),
  };
}

/** An HTTP proxy answering CONNECT (with Basic proxy authorization when `auth` is set). */
export async function startHttpConnectProxy(auth?: {
  username: string;
  password: string;
}): Promise<LocalProxy> {
  const tunnels: LocalProxy['tunnels'] = [];
  const sockets = new Set<Socket>();
  const server = createHttpServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, client: Socket) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const expected = auth
      ? `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString(
          'base64',
        )}`
      : undefined;
    if (expected && req.headers['proxy-authorization'] !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(/:(?=\d+$)/);
    if (!LOOPBACK.has(host)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    tunnels.push({ target: `${host}:${port}`, user: auth?.username });
    pipeTo(client, host, Number(port), () =>
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n'),
    );
  });
  const port = await listen(server as unknown as Server);
  return {
    port,
    tunnels,
    stop: () =>
      new Promise(resolve => {
        sockets.forEach(s => s.destroy());
        server.close(() => resolve());
      }),
  };
}
