import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Files and PEM text of the throwaway CA and the server certificate it signed. */
export interface TestCertificates {
  /** PEM of the test CA: pass it as `ca` to TLS clients so they trust the servers. */
  caPem: string;
  caPath: string;
  /** Server certificate for DNS:localhost and IP:127.0.0.1, signed by the CA. */
  certPath: string;
  certPem: string;
  keyPath: string;
  keyPem: string;
}

const OPENSSL_TIMEOUT_MS = 20_000;

function openssl(args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      'openssl',
      args,
      { cwd, timeout: OPENSSL_TIMEOUT_MS },
      (error, _stdout, stderr) => {
        if (error) {
          reject(
            new Error(`openssl ${args[0]} failed: ${error.message}\n${stderr}`),
          );
        } else {
          resolve();
        }
      },
    );
  });
}

// EC keys: RSA key generation is slow on a busy 2-core machine.
const EC_KEY = [
  '-newkey',
  'ec',
  '-pkeyopt',
  'ec_paramgen_curve:prime256v1',
  '-nodes',
];

const SERVER_EXTENSIONS = [
  'subjectAltName = DNS:localhost, IP:127.0.0.1',
  'basicConstraints = critical, CA:FALSE',
  'keyUsage = critical, digitalSignature, keyEncipherment',
  'extendedKeyUsage = serverAuth',
  '',
].join('\n');

/** Creates a CA and a localhost server certificate with the openssl CLI in `dir`. */
export async function createCertificates(
  dir: string,
): Promise<TestCertificates> {
  await fs.mkdir(dir, { recursive: true });
  // Seven days is plenty: every test bed creates its own CA.
  await openssl(
    [
      'req',
      '-x509',
      ...EC_KEY,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '7',
      '-subj',
      '/CN=emails test-bed CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  await openssl(
    [
      'req',
      '-new',
      ...EC_KEY,
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      '/CN=localhost',
    ],
    dir,
  );
  await fs.writeFile(path.join(dir, 'server.ext'), SERVER_EXTENSIONS);
  await openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-set_serial',
      `0x${Date.now().toString(16)}`,
      '-days',
      '7',
      '-extfile',
      'server.ext',
      '-out',
      'server.pem',
    ],
    dir,
  );
  const read = (name: string) => fs.readFile(path.join(dir, name), 'utf8');
  return {
    caPem: await read('ca.pem'),
    caPath: path.join(dir, 'ca.pem'),
    certPem: await read('server.pem'),
    certPath: path.join(dir, 'server.pem'),
    keyPem: await read('server.key'),
    keyPath: path.join(dir, 'server.key'),
  };
}
