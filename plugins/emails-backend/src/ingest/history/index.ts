export { splitQuotedText } from './quoted';
export type { SplitQuotedOptions, SplitText } from './quoted';
export { splitQuotedHtml } from './quotedHtml';
export type { SplitHtml } from './quotedHtml';
export { parseForward } from './forward';
export type { Forward, ForwardInput } from './forward';
export type { Mailbox } from './address';
