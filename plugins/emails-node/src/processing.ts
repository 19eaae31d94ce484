/** What an extra inbound step sees of a message. */
export interface InboundMessageView {
  messageId?: string;
  subject: string;
  from?: string;
  headers: ReadonlyMap<string, string | string[]>;
  text?: string;
  serverId: string;
}

/** What an extra inbound step decides. */
export interface ProcessorDecision {
  /** Stop the message here, recorded as ignored with this reason. */
  ignore?: { reason: string };
  /** Extra fields to carry on the ticket (custom fields, spam score). */
  fields?: Record<string, string | number | boolean>;
  /** One line for the message's decision trace. */
  note?: string;
}

/** An extra inbound step contributed by another module (spam scoring, custom fields). */
export interface EmailsProcessor {
  /** A stable name, shown in the decision trace. */
  name: string;
  process(message: InboundMessageView): Promise<ProcessorDecision>;
}
