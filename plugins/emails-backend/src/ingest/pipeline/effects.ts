import { AuditorService } from '@backstage/backend-plugin-api';
import {
  EmailsTicketing,
  EmailTicket,
  NewTicketFromEmail,
  TicketEntryFromEmail,
} from '@internal/plugin-emails-node';
import { OutboundInput, Stores } from '../../database';
import { Acknowledgements } from '../../notifications/Acknowledgements';
import { IngestEffects } from './context';

/** The effects of a real run: the ticketing, the stores and the outbound queue. */
export function realEffects(deps: {
  stores: Stores;
  ticketing: EmailsTicketing;
  acknowledgements?: Acknowledgements;
}): IngestEffects {
  const { stores } = deps;
  return {
    ticketing: rememberingTicketing(deps.ticketing),
    saveAttachments: (id, files) => stores.attachments.save(id, files),
    markUndeliverable: (ticketId, address, diagnostic) =>
      stores.tickets.markUndeliverable(ticketId, address, diagnostic),
    acknowledgements: deps.acknowledgements,
    finish: (id, update) => stores.inboundMessages.update(id, update),
  };
}

/**
 * The ticketing for one message: threading, the reply and the note look up
 * the same ticket, which is read once; any write forgets what was read.
 */
function rememberingTicketing(real: EmailsTicketing): EmailsTicketing {
  const found = new Map<string, Promise<EmailTicket | undefined>>();
  const find = (id: string) => {
    let ticket = found.get(id);
    if (!ticket) {
      ticket = real.findTicket(id);
      found.set(id, ticket);
      ticket.catch(() => found.delete(id));
    }
    return ticket;
  };
  const writing =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    (...args: A) => {
      found.clear();
      return write(...args);
    };
  return {
    findTicket: find,
    findTicketByReference: reference => real.findTicketByReference(reference),
    createTicket: writing((t: NewTicketFromEmail) => real.createTicket(t)),
    appendEntry: writing((e: TicketEntryFromEmail) => real.appendEntry(e)),
    reopenTicket: writing((id: string) => real.reopenTicket(id)),
  };
}

/** What a dry run would have done, in order. */
export interface RecordedEffects {
  createdTicket?: NewTicketFromEmail;
  appendedEntries: TicketEntryFromEmail[];
  reopened: string[];
  savedAttachments: { filename: string; contentType: string }[];
  undeliverable: { ticketId: string; address: string }[];
  queued: OutboundInput[];
  audited: { eventId: string; meta?: Record<string, unknown> }[];
}

/** The id a simulated new ticket has; no ticket has it. */
export const SIMULATED_TICKET_ID = 'new';

/**
 * Effects that change nothing: ticket reads go to the real ticketing (so
 * threading finds real tickets), every write is recorded in `recorded`.
 */
export function dryRunEffects(real: {
  ticketing: EmailsTicketing;
  acknowledgements?: Acknowledgements;
}): { effects: IngestEffects; recorded: RecordedEffects } {
  const recorded: RecordedEffects = {
    appendedEntries: [],
    reopened: [],
    savedAttachments: [],
    undeliverable: [],
    queued: [],
    audited: [],
  };
  const effects: IngestEffects = {
    ticketing: recordingTicketing(real.ticketing, recorded),
    saveAttachments: async (_id, files) => {
      recorded.savedAttachments.push(
        ...files.map(f => ({
          filename: f.filename,
          contentType: f.contentType,
        })),
      );
      return files.map((_f, i) => `simulated-${i + 1}`);
    },
    markUndeliverable: async (ticketId, address) => {
      recorded.undeliverable.push({ ticketId, address });
    },
    acknowledgements: real.acknowledgements?.withEffects({
      queue: {
        enqueue: async message => {
          recorded.queued.push(message);
          return { id: 'simulated' };
        },
      },
      auditor: recordingAuditor(recorded),
    }),
    finish: async () => {},
  };
  return { effects, recorded };
}

function recordingTicketing(
  real: EmailsTicketing,
  recorded: RecordedEffects,
): EmailsTicketing {
  return {
    findTicket: id => real.findTicket(id),
    findTicketByReference: reference => real.findTicketByReference(reference),
    createTicket: async ticket => {
      recorded.createdTicket = ticket;
      return simulatedTicket(ticket);
    },
    appendEntry: async entry => {
      recorded.appendedEntries.push(entry);
    },
    reopenTicket: async id => {
      recorded.reopened.push(id);
    },
  };
}

function simulatedTicket(ticket: NewTicketFromEmail): EmailTicket {
  return {
    id: SIMULATED_TICKET_ID,
    reference: 'a new ticket',
    status: 'open',
    requesterEmail: ticket.requester.address,
    ccEmails: ticket.ccUsers.map(c => c.address),
    technicianGroup: ticket.technicianGroup,
    assigneeRef: ticket.assigneeRef,
  };
}

function recordingAuditor(recorded: RecordedEffects): AuditorService {
  return {
    createEvent: async options => {
      recorded.audited.push({ eventId: options.eventId, meta: options.meta });
      return { success: async () => {}, fail: async () => {} };
    },
  } as AuditorService;
}
