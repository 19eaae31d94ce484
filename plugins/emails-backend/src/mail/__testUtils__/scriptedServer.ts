import net from 'node:net';

/** One client connection of a scripted server: its number, what it remembers, its socket. */
export interface ScriptedSession {
  /** 1 for the first connection, 2 for the second, ... */
  index: number;
  /** Whatever the script keeps between lines (a pending AUTH, a tag). */
  state: Record<string, unknown>;
  socket: net.Socket;
}

/** A fake server for one test: answers each line it receives. */
export interface ScriptedServer {
  port: number;
  /** Every line clients sent, in order. */
  received: string[];
  close(): Promise<void>;
}

/**
 * Starts a loopback server that sends `greeting` (if any) on connect and
 * replies to each received line with what `reply` returns. For server
 * behaviour Dovecot cannot show: no STARTTLS, silence, echoed secrets.
 */
export async function startScriptedServer(
  greeting: string | undefined,
  reply: (line: string, session: ScriptedSession) => string | undefined = () =>
    undefined,
): Promise<ScriptedServer> {
  const received: string[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer(socket => {
    const session = { index: ++connections, state: {}, socket };
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (greeting !== undefined) socket.write(greeting);
    let buffer = '';
    socket.on('data', chunk => {
      buffer += chunk.toString('utf8');
      let end = buffer.indexOf('\r\n');
      while (end >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        received.push(line);
        const answer = reply(line, session);
        if (answer !== undefined && socket.writable) socket.write(answer);
        end = buffer.indexOf('\r\n');
      }
    });
  });
  await new Promise<void>(resolve =>
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve()),
  );
  return {
    port: (server.address() as net.AddressInfo).port,
    received,
    close: () =>
      new Promise<void>(resolve => {
        sockets.forEach(s => s.destroy());
        server.close(() => resolve());
      }),
  };
}
