import http from 'node:http';
import https from 'node:https';

/** The fetch() signature, as openid-client's customFetch and most HTTP code expect it. */
export type FetchFunction = (
  input: string | URL,
  init?: RequestInit,
) => Promise<Response>;

// Response bodies these statuses must not have (the Fetch standard).
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function requestBody(
  body: RequestInit['body'],
  headers: Headers,
): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  // The Content-Type defaults fetch() itself would add.
  if (typeof body === 'string') {
    if (!headers.has('content-type'))
      headers.set('content-type', 'text/plain;charset=UTF-8');
    return Buffer.from(body);
  }
  if (body instanceof URLSearchParams) {
    if (!headers.has('content-type'))
      headers.set(
        'content-type',
        'application/x-www-form-urlencoded;charset=UTF-8',
      );
    return Buffer.from(body.toString());
  }
  if (ArrayBuffer.isView(body))
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('fetchTrustingCa: unsupported body type');
}

function toResponse(
  res: http.IncomingMessage,
  body: Buffer,
  url: URL,
  method: string,
): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    for (const one of Array.isArray(value) ? value : [value ?? ''])
      headers.append(name, one);
  }
  const status = res.statusCode ?? 500;
  const empty = NULL_BODY_STATUSES.has(status) || method === 'HEAD';
  const response = new Response(empty ? null : new Uint8Array(body), {
    status,
    statusText: res.statusMessage,
    headers,
  });
  Object.defineProperty(response, 'url', { value: url.href });
  return response;
}

/**
 * A fetch() over node:https that trusts only `caPem` (e.g. `bed.caPem`) and
 * never follows redirects (it returns the 3xx), so tests can read where
 * /authorize sends the browser. Node's global fetch takes no CA option
 * without undici's Agent, which is not a dependency here.
 */
export function fetchTrustingCa(caPem: string): FetchFunction {
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input);
      const method = (init.method ?? 'GET').toUpperCase();
      const headers = new Headers(init.headers);
      const body = requestBody(init.body, headers);
      if (body) headers.set('content-length', String(body.length));
      const transport = url.protocol === 'https:' ? https : http;
      const req = transport.request(url, {
        method,
        headers: Object.fromEntries(headers.entries()),
        ca: caPem,
        // A fresh connection per request: no idle sockets keep Jest alive.
        agent: false,
        signal: init.signal ?? undefined,
      });
      req.on('error', reject);
      req.on('response', res => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve(toResponse(res, Buffer.concat(chunks), url, method)),
        );
      });
      req.end(body);
    });
}
