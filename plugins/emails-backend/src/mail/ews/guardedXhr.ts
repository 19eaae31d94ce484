import type { IXHRApi, IXHROptions, IXHRProgress } from 'ews-javascript-api';

type Answer = {
  status?: number;
  responseText?: string;
  response?: unknown;
};

function isSoap(answer: Answer): boolean {
  const body = answer.responseText ?? answer.response;
  return typeof body === 'string' && /<(\w+:)?Envelope[\s>]/.test(body);
}

/**
 * The HTTP layer of an EWS session with one repair: ews-javascript-api reads
 * every HTTP 500 as a SOAP fault, and when the body is not one (a proxy's or
 * IIS's HTML error page) its fault parser fails and the caller learns only
 * "Internal Server Error", indistinguishable from a fault of Exchange. A 500
 * without a SOAP envelope is passed on as a 502, which the library reports
 * as an HTTP error that says what came back.
 */
export class GuardedXhr implements IXHRApi {
  constructor(private readonly inner: IXHRApi) {}

  get apiName(): string | undefined {
    return this.inner.apiName;
  }

  async xhr(
    options: IXHROptions,
    progress?: (data: IXHRProgress) => void,
  ): Promise<XMLHttpRequest> {
    try {
      return await this.inner.xhr(options, progress);
    } catch (error) {
      const answer = error as Answer;
      if (answer && answer.status === 500 && !isSoap(answer)) {
        throw Object.assign(answer, {
          status: 502,
          message:
            'HTTP 500 without a SOAP answer (a proxy or web server error page)',
        });
      }
      throw error;
    }
  }

  xhrStream(
    options: IXHROptions,
    progress: (data: IXHRProgress) => void,
  ): Promise<XMLHttpRequest> {
    return this.inner.xhrStream(options, progress);
  }

  disconnect(): void {
    this.inner.disconnect();
  }
}
