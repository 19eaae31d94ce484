import { ConnectionStageName } from '@internal/plugin-emails-common';
import { CustomErrorBase } from '@backstage/errors';

/**
 * Why Fetch a sample mail failed; message and hint are safe to show (no
 * secrets). The mail server failed, not the request: the API answers 502.
 */
export class SampleFetchError extends CustomErrorBase {
  override name = 'SampleFetchError' as const;
  /** The HTTP status the backend's error handler answers with (Bad Gateway). */
  readonly statusCode = 502;

  constructor(
    message: string,
    /** What to check, from the Test Connection troubleshooting table. */
    readonly hint: string,
    /** The Test Connection stage the failure belongs to, when known. */
    readonly stage?: ConnectionStageName,
  ) {
    super(message);
  }

  /** The `error` of an API error body: what failed, at which stage, and what to check. */
  toBody(): {
    name: string;
    message: string;
    hint: string;
    stage?: ConnectionStageName;
  } {
    const { name, message, hint, stage } = this;
    return { name, message, hint, ...(stage ? { stage } : {}) };
  }
}
