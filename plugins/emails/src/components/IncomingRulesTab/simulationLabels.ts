import { InboundStatus } from '@internal/plugin-emails-common';

const STEP_LABELS: Record<string, string> = {
  record: 'Received',
  parse: 'Parsed',
  duplicate: 'Duplicate check',
  attachments: 'Attachments',
  classify: 'Classification',
  authenticate: 'Sender authentication',
  filter: 'Filters',
  requester: 'Requester',
  rules: 'Incoming rules',
  thread: 'Threading',
  ticket: 'Ticket',
  acknowledge: 'Acknowledgement',
  result: 'Result',
};

// Words whose usual spelling is not what splitting a key gives.
const WORDS: Record<string, string> = {
  id: 'ID',
  cc: 'CC',
  bcc: 'BCC',
  spf: 'SPF',
  dkim: 'DKIM',
  dmarc: 'DMARC',
  arc: 'ARC',
  url: 'URL',
  ip: 'IP',
  html: 'HTML',
  mime: 'MIME',
};

/** A key of a trace detail in words: `senderDomain` is "Sender domain", `messageId` "Message ID". */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map(w => WORDS[w] ?? w);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The label of a pipeline step; a processor's own step name is put in words. */
export function stepLabel(step: string): string {
  return STEP_LABELS[step] ?? humanizeKey(step);
}

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
