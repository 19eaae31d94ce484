import { InboundStatus } from '@internal/plugin-emails-common';
import { humanizeKey } from '../common/labels';

// The generic labels moved to common/labels.ts; kept here for this tab's imports.
export { humanizeKey, stepLabel } from '../common/labels';

const OUTCOMES: Record<InboundStatus, string> = {
  received: 'The message would be received, not yet processed',
  ticketed: 'A new ticket would be opened',
  appended: 'The message would be added to an existing ticket',
  ignored: 'The message would be ignored',
  rejected: 'The message would be rejected',
  failed: 'Processing would fail',
  quarantined: 'The message would be quarantined',
  duplicate: 'The message would be skipped as a duplicate',
};

/** What a simulated outcome status means, as a sentence. */
export function outcomeLabel(status: InboundStatus): string {
  return OUTCOMES[status] ?? humanizeKey(status);
}

/** A rule's verdict as the simulator shows it. */
export function verdictLabel(status: string): string {
  if (status === 'matched') return 'Matched';
  if (status === 'not matched') return 'Not matched';
  return status === 'skipped' ? 'Skipped' : humanizeKey(status);
}
