import { DEFAULT_GRAPH_ENDPOINT } from '@internal/plugin-emails-common';
import { Transporter } from 'nodemailer';
import { MailServerRecord } from '../../database';
import { SecretRedactor } from '../../mail/secrets';
import { OAuthFetch } from '../../oauth/http';
import { messageTransport } from '../messageTransport';
import { TransportSendError } from '../sendErrors';

/** A fresh access token for Graph; `renew` after Graph refused the last one. */
export type GraphTokenSource = (renew: boolean) => Promise<{ token: string }>;

async function errorOf(
  response: Response,
  redactor: SecretRedactor,
): Promise<TransportSendError> {
  let code = '';
  let detail = '';
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string };
    };
    code = redactor.redact(String(body.error?.code ?? ''));
    detail = redactor.redact(String(body.error?.message ?? ''));
  } catch {
    // No JSON body: the status says enough.
  }
  const text = `Microsoft Graph answered ${response.status} ${code}${
    detail ? `: ${detail.slice(0, 300)}` : ''
  }`;
  const { status } = response;
  if (status === 401 || status === 403) {
    return new TransportSendError(text, 'EAUTH', status);
  }
  if (status === 429 || status === 503 || status === 504) {
    const seconds = Number(response.headers.get('retry-after'));
    return new TransportSendError(
      text,
      undefined,
      450,
      Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined,
    );
  }
  return new TransportSendError(text, undefined, status >= 500 ? 451 : 554);
}

/**
 * A nodemailer transport that sends through Microsoft Graph's sendMail with
 * the MIME message (`POST /v1.0/users/{mailbox}/sendMail`, Content-Type
 * text/plain, the message base64-encoded), as the mailbox of the outgoing
 * server. A refused token is renewed once; 429 and 503 carry Retry-After.
 */
export function createGraphTransport(input: {
  record: MailServerRecord;
  token: GraphTokenSource;
  fetch: OAuthFetch;
}): Transporter {
  const settings = input.record.settings as Record<string, any>;
  const endpoint = (settings.graphEndpoint || DEFAULT_GRAPH_ENDPOINT).replace(
    /\/+$/,
    '',
  );
  const url = `${endpoint}/v1.0/users/${encodeURIComponent(
    input.record.email,
  )}/sendMail`;
  // Graph's error text is cut to 300 characters: the tokens are masked first.
  const redactor = new SecretRedactor();
  const post = async (body: string, renew: boolean) => {
    const { token } = await input.token(renew).catch(error => {
      // No token (expired sign-in, revoked consent): this server cannot send.
      throw new TransportSendError(
        `OAuth: ${error.message}`,
        'EAUTH',
        undefined,
      );
    });
    redactor.learn(token);
    return input
      .fetch(url, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'text/plain',
        },
        body,
      })
      .catch(networkError);
  };
  return messageTransport('MicrosoftGraph', async raw => {
    const body = raw.toString('base64');
    let response = await post(body, false);
    if (response.status === 401) response = await post(body, true);
    if (response.status !== 202) throw await errorOf(response, redactor);
  });
}

function networkError(error: unknown): never {
  throw new TransportSendError(
    `Microsoft Graph could not be reached: ${(error as Error).message}`,
    'ECONNECTION',
    undefined,
  );
}
