import { InboundStatus, TraceEntry } from './inbound';

/** One condition of a rule in a simulation: whether it held, and why. */
export interface SimulatedCondition {
  holds: boolean;
  /** E.g. `subject contains 'urgent': matched 'Urgent: printer'`. */
  explanation: string;
}

/** What one incoming email rule made of the simulated message, in list order. */
export interface SimulatedRuleVerdict {
  ruleId: string;
  ruleName: string;
  /** `skipped` when disabled or after a rule that stopped processing. */
  status: 'matched' | 'not matched' | 'skipped';
  /** Why it was skipped, e.g. `disabled`. */
  reason?: string;
  /** Empty when skipped. */
  conditions: SimulatedCondition[];
  /** The actions it applied, in words, e.g. `set category to 'Network'`. */
  applied?: string[];
}

/** The ticket a simulated message would open or be added to. */
export interface SimulatedTicket {
  /** `create` a new ticket, or `append` to the one threading found. */
  action: 'create' | 'append';
  /** The existing ticket's id when appending. */
  ticketId?: string;
  subject?: string;
  /** The requester's address. */
  requester?: string;
  technicianGroup?: string;
  category?: string;
  priority?: string;
  requestType?: string;
  company?: string;
  /** The technician's user ref. */
  assignTo?: string;
  cc: string[];
  /** Fields of the host helpdesk's ticket, set through the ticketing extension point. */
  fields: Record<string, string>;
}

/** The acknowledgement a simulated message would send, or why none. */
export interface SimulatedAcknowledgement {
  sent: boolean;
  to?: string;
  subject?: string;
  /** The outgoing server it would go through. */
  serverId?: string;
  /** Why no acknowledgement goes out, when `sent` is false. */
  reason?: string;
}

/**
 * The answer of POST /rules/simulate: the decision trace ingestion would
 * record for the message, each incoming rule's verdict and what would
 * happen. Nothing is stored, sent or changed.
 */
export interface RuleSimulation {
  /** The incoming server the message was simulated as arriving at. */
  serverId?: string;
  trace: TraceEntry[];
  rules: SimulatedRuleVerdict[];
  outcome: {
    /** The status the processing log would show. */
    status: InboundStatus;
    /** Why it would be ignored, rejected or quarantined. */
    reason?: string;
    ticket?: SimulatedTicket;
    acknowledgement?: SimulatedAcknowledgement;
  };
}
