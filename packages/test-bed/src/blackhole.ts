import net from 'node:net';
import { Worker } from 'node:worker_threads';
import { LOOPBACK } from './ports';

/** A loopback port whose connection attempts hang, as behind a firewall that drops packets. */
export interface BlackholePort {
  port: number;
  close(): Promise<void>;
}

// Runs in a worker: listens with a backlog of 1 (Node takes 0 as "default"),
// then blocks its event loop so nothing is ever accepted. Once the kernel's accept queue is full,
// it drops further SYNs and a client's connect() waits until it gives up.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const release = new Int32Array(workerData.release);
const server = net.createServer();
server.on('error', error => parentPort.postMessage({ error: error.message }));
server.listen({ host: workerData.host, port: 0, backlog: 1 }, () => {
  parentPort.postMessage({ port: server.address().port });
  Atomics.wait(release, 0, 0);
  server.close();
});
`;

const FILL_CONNECT_MS = 300;
const MAX_FILLERS = 64;

function tryConnect(port: number): Promise<net.Socket | undefined> {
  return new Promise(resolve => {
    const socket = net.connect({ host: LOOPBACK, port });
    socket.on('error', () => undefined);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(undefined);
    }, FILL_CONNECT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
  });
}

function startWorker(release: SharedArrayBuffer) {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { host: LOOPBACK, release },
  });
  const port = new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { port?: number; error?: string }) =>
      m.port ? resolve(m.port) : reject(new Error(`test-bed: ${m.error}`)),
    );
    worker.once('error', reject);
  });
  return { worker, port };
}

/**
 * Starts a {@link BlackholePort}: a port on 127.0.0.1 where a TCP connect
 * neither succeeds nor is refused, so a client sees its connect timeout, the
 * way a firewalled ("filtered") port behaves, without leaving loopback.
 */
export async function startBlackholePort(): Promise<BlackholePort> {
  const release = new SharedArrayBuffer(4);
  const { worker, port: portPromise } = startWorker(release);
  const exited = new Promise<void>(resolve =>
    worker.once('exit', () => resolve()),
  );
  const unblock = () => {
    Atomics.store(new Int32Array(release), 0, 1);
    Atomics.notify(new Int32Array(release), 0);
  };
  const fillers: net.Socket[] = [];
  const close = async () => {
    unblock();
    fillers.forEach(s => s.destroy());
    await exited;
  };
  try {
    const port = await portPromise;
    // Fill the accept queue until a connect stops completing.
    for (let i = 0; i < MAX_FILLERS; i++) {
      const socket = await tryConnect(port);
      if (!socket) return { port, close };
      fillers.push(socket);
    }
    throw new Error('test-bed: the accept queue never filled up');
  } catch (error) {
    await close();
    throw error;
  }
}
