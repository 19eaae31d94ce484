import { Deadline } from '../net/deadline';
import { connectTcp, handshakeTls } from '../net/transport';
import { isCertificateError } from './failure';

/** The longest a probe handshake may take: servers answer a ClientHello at once. */
const PROBE_CAP_MS = 3_000;

/** Where a second, throwaway connection goes. */
export interface TlsProbeTarget {
  address: string;
  port: number;
  host: string;
  ca?: string | string[];
}

/**
 * Whether the port answers a TLS handshake, tried on a second connection.
 * A port that stays silent to a plain-text client is either an implicit-TLS
 * port or a dead end; this tells the two apart. A certificate error counts
 * as TLS: the server did send a certificate.
 */
export async function speaksTls(
  target: TlsProbeTarget,
  deadline: Deadline,
): Promise<boolean> {
  const { ms } = deadline.slice(PROBE_CAP_MS);
  if (ms <= 0) return false;
  try {
    const socket = await connectTcp({
      address: target.address,
      port: target.port,
      timeoutMs: ms,
    });
    const secure = await handshakeTls(socket, {
      host: target.host,
      ca: target.ca,
      timeoutMs: deadline.slice(PROBE_CAP_MS).ms,
    });
    secure.destroy();
    return true;
  } catch (error) {
    return isCertificateError(error);
  }
}
