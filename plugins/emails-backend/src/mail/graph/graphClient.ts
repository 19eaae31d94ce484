import { OAuthFetch } from '../../oauth/http';
import { MailFetchError } from '../MailFetcher';
import { SecretRedactor } from '../secrets';

/** How long a throttled request waits at most before it gives up the run. */
const MAX_RETRY_AFTER_MS = 60_000;
const THROTTLE_RETRIES = 3;

/** What a Graph call answered: the response, or undefined for 404. */
export type GraphAnswer = Response | undefined;

/**
 * Calls Microsoft Graph for one mailbox with a fresh token per fetcher: ids
 * that survive moves (`Prefer: IdType="ImmutableId"`), requests one at a
 * time (below Graph's 4 concurrent requests per mailbox), 429 and 503
 * retried after their Retry-After, a 401 answered with a renewed token once.
 */
export class GraphClient {
  private token?: string;
  /** Knows the tokens sent, so no error repeats one. */
  private readonly redactor = new SecretRedactor();

  constructor(
    private readonly options: {
      /** `<endpoint>/v1.0/users/{mailbox}`. */
      base: string;
      token: () => Promise<string>;
      fetch: OAuthFetch;
      sleep?: (ms: number) => Promise<void>;
    },
  ) {}

  /** A call relative to the mailbox (`/mailFolders/inbox`) or an absolute link (next and delta links). */
  async call(
    pathOrUrl: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<GraphAnswer> {
    const url = pathOrUrl.startsWith('https://')
      ? pathOrUrl
      : `${this.options.base}${pathOrUrl}`;
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      const response = await this.send(url, init);
      if (response.status === 401 && !renewed) {
        renewed = true;
        this.token = undefined;
        continue;
      }
      if (
        (response.status === 429 || response.status === 503) &&
        attempt < THROTTLE_RETRIES
      ) {
        const seconds = Number(response.headers.get('retry-after')) || 1;
        await (this.options.sleep ?? sleep)(
          Math.min(seconds * 1000, MAX_RETRY_AFTER_MS),
        );
        continue;
      }
      if (response.status === 404) return undefined;
      if (!response.ok) throw this.redactor.error(await failure(response));
      return response;
    }
  }

  private async send(url: string, init: { method?: string; body?: unknown }) {
    if (!this.token) {
      try {
        this.token = await this.options.token();
        this.redactor.learn(this.token);
      } catch (error) {
        throw new MailFetchError('auth', (error as Error).message);
      }
    }
    try {
      return await this.options.fetch(url, {
        method: init.method ?? 'GET',
        headers: {
          Authorization: `Bearer ${this.token}`,
          Prefer: 'IdType="ImmutableId"',
          ...(init.body === undefined
            ? {}
            : { 'Content-Type': 'application/json' }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
    } catch (error) {
      throw this.redactor.error(
        new MailFetchError(
          'connection',
          `Microsoft Graph could not be reached: ${(error as Error).message}`,
        ),
      );
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

async function failure(response: Response): Promise<MailFetchError> {
  let code = '';
  try {
    code =
      ((await response.json()) as { error?: { code?: string } }).error?.code ??
      '';
  } catch {
    // The status says enough.
  }
  const text = `Microsoft Graph answered ${response.status} ${code}`.trim();
  if (response.status === 401 || response.status === 403) {
    return new MailFetchError('auth', text);
  }
  if (response.status === 410)
    return new MailFetchError('validity-changed', text);
  return new MailFetchError(
    response.status >= 500 ? 'connection' : 'protocol',
    text,
  );
}
