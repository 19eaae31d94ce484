import net from 'node:net';
import tls from 'node:tls';
import { withTimeout } from './deadline';

/** Where and how long to connect. */
export interface TcpOptions {
  address: string;
  port: number;
  timeoutMs: number;
  budgetLimited?: boolean;
}

/** Opens a TCP connection to an already resolved address. */
export async function connectTcp(options: TcpOptions): Promise<net.Socket> {
  const socket = net.connect({ host: options.address, port: options.port });
  // Keeps a late error of an abandoned socket from crashing the process.
  socket.on('error', () => undefined);
  try {
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('error', reject);
      }),
      options.timeoutMs,
      'the TCP connection',
      {
        budgetLimited: options.budgetLimited,
        onTimeout: () => socket.destroy(),
      },
    );
  } catch (error) {
    socket.destroy();
    throw error;
  }
  return socket;
}

/**
 * The CAs to trust: Node's default store plus the extra PEMs, because the
 * `ca` option of `tls.connect` replaces the defaults instead of adding to them.
 */
export function trustedCas(extra?: string | string[]): string[] | undefined {
  if (extra === undefined) return undefined;
  return [...tls.rootCertificates, ...(Array.isArray(extra) ? extra : [extra])];
}

const secureContexts = new Map<string, tls.SecureContext>();
const MAX_SECURE_CONTEXTS = 32;

/**
 * TLS options trusting the default store plus the extra PEMs, as one secure
 * context shared by every connection with the same extra CAs: parsing the
 * whole root store for each of hundreds of mailbox connections costs more
 * CPU than their traffic. No extra CAs: Node's own default context.
 */
export function trustedTls(extra?: string | string[]): {
  secureContext?: tls.SecureContext;
} {
  const ca = trustedCas(extra);
  if (!ca) return {};
  const key = ca.slice(tls.rootCertificates.length).join('\n');
  let context = secureContexts.get(key);
  if (!context) {
    context = tls.createSecureContext({ ca });
    if (secureContexts.size >= MAX_SECURE_CONTEXTS) {
      secureContexts.delete(secureContexts.keys().next().value!);
    }
    secureContexts.set(key, context);
  }
  return { secureContext: context };
}

/** Options of a TLS handshake. */
export interface TlsOptions {
  /** The name the certificate must match: the host name as configured. */
  host: string;
  ca?: string | string[];
  timeoutMs: number;
  budgetLimited?: boolean;
}

/** A failed handshake, with the certificate the server showed if it got that far. */
export interface TlsHandshakeError extends Error {
  code?: string;
  peerCertificate?: tls.PeerCertificate;
}

function peerCertificateOf(
  secure: tls.TLSSocket,
): tls.PeerCertificate | undefined {
  try {
    const cert = secure.getPeerCertificate();
    return cert && Object.keys(cert).length > 0 ? cert : undefined;
  } catch {
    return undefined;
  }
}

// OpenSSL's wording for the verification codes seen most.
const VERIFY_MESSAGES: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
};

function verificationError(
  secure: tls.TLSSocket,
  host: string,
): TlsHandshakeError {
  const code = String(secure.authorizationError ?? 'CERT_REJECTED');
  const cert = peerCertificateOf(secure);
  const altName =
    code === 'ERR_TLS_CERT_ALTNAME_INVALID' && cert
      ? tls.checkServerIdentity(host, cert)?.message
      : undefined;
  const error: TlsHandshakeError = new Error(
    altName ?? VERIFY_MESSAGES[code] ?? 'certificate verification failed',
  );
  error.code = code;
  error.peerCertificate = cert;
  return error;
}

/**
 * Runs a TLS handshake over a connected socket (implicit TLS, or after
 * STARTTLS). The certificate is checked here rather than by Node's
 * `rejectUnauthorized`, which destroys the socket before the certificate
 * can be read: the failure message names who issued it. Nothing is sent
 * over a socket that fails the check.
 */
export async function handshakeTls(
  socket: net.Socket,
  options: TlsOptions,
): Promise<tls.TLSSocket> {
  const secure = tls.connect({
    socket,
    host: options.host,
    // SNI must be a name; Node refuses an IP address there.
    servername: net.isIP(options.host) ? undefined : options.host,
    ca: trustedCas(options.ca),
    rejectUnauthorized: false,
  });
  secure.on('error', () => undefined);
  try {
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        secure.once('secureConnect', () =>
          secure.authorized
            ? resolve()
            : reject(verificationError(secure, options.host)),
        );
        secure.once('error', reject);
      }),
      options.timeoutMs,
      'the TLS handshake',
      {
        budgetLimited: options.budgetLimited,
        onTimeout: () => secure.destroy(),
      },
    );
  } catch (error) {
    secure.destroy();
    socket.destroy();
    throw error;
  }
  return secure;
}

function commonName(name: tls.Certificate | undefined): string {
  // A name may repeat an attribute; Node then gives an array.
  const value = name?.CN || name?.O;
  return [value ?? 'an unnamed party'].flat().join(', ');
}

/** A one-line, secret-free description of a certificate. */
export function describeCertificate(cert: tls.PeerCertificate): string {
  const names = cert.subjectaltname ? ` (${cert.subjectaltname})` : '';
  return `certificate for ${commonName(
    cert.subject,
  )}${names} issued by ${commonName(cert.issuer)}`;
}

/** A one-line description of an established TLS session. */
export function describeTls(secure: tls.TLSSocket): string {
  const cert = peerCertificateOf(secure);
  const cipher = secure.getCipher()?.name;
  return `${secure.getProtocol() ?? 'TLS'}${cipher ? ` (${cipher})` : ''}${
    cert ? `, trusted ${describeCertificate(cert)}` : ''
  }`;
}
