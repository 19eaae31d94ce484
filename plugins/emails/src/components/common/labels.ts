/**
 * Labels shared by the pages that show the pipeline's records (the rule
 * simulator, the message drawer's decision trace, the configuration audit):
 * keys and step names in the product's words.
 */

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
  imap: 'IMAP',
  pop3: 'POP3',
  smtp: 'SMTP',
  tls: 'TLS',
  oauth: 'OAuth',
  ews: 'EWS',
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
