import net from 'node:net';

/** Two ends of one loopback TCP connection, for wire-level tests. */
export async function socketPair(): Promise<{
  client: net.Socket;
  server: net.Socket;
  close(): Promise<void>;
}> {
  const listener = net.createServer();
  await new Promise<void>(resolve =>
    listener.listen({ host: '127.0.0.1', port: 0 }, () => resolve()),
  );
  const accepted = new Promise<net.Socket>(resolve =>
    listener.once('connection', resolve),
  );
  const { port } = listener.address() as net.AddressInfo;
  const client = net.connect({ host: '127.0.0.1', port });
  await new Promise(resolve => client.once('connect', resolve));
  const server = await accepted;
  server.on('error', () => undefined);
  return {
    client,
    server,
    close: () =>
      new Promise<void>(resolve => {
        client.destroy();
        server.destroy();
        listener.close(() => resolve());
      }),
  };
}
