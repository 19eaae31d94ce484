import { ConnectionStageName } from '@internal/plugin-emails-common';
import { CustomErrorBase } from '@backstage/errors';

/** Why Fetch a sample mail failed; message and hint are safe to show (no secrets). */
export class SampleFetchError extends CustomErrorBase {
  override name = 'SampleFetchError' as const;

  constructor(
    message: string,
    /** What to check, from the Test Connection troubleshooting table. */
    readonly hint: string,
    /** The Test Connection stage the failure belongs to, when known. */
    readonly stage?: ConnectionStageName,
  ) {
    super(message);
  }
}
