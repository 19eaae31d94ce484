import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import { Knex } from 'knex';

/** A permission condition on tickets as the stores filter by it. */
export interface TechnicianGroupQuery {
  /** The ticket's technician group is one of these group refs. */
  technicianGroups: string[];
}

/**
 * The tickets a caller may read, and with them their inbound messages and
 * attachments: `'all'`, or those the criteria (a permission policy's
 * conditions) select.
 */
export type TicketAccess = 'all' | PermissionCriteria<TechnicianGroupQuery>;

/** Access to no ticket at all. */
export const NO_TICKETS: TicketAccess = { technicianGroups: [] };

type InGroups = (query: Knex.QueryBuilder, groups: string[]) => void;

/** Narrows a query to what the access allows; `inGroups` says what "in these groups" means for its rows. */
export function whereAccess(
  query: Knex.QueryBuilder,
  access: TicketAccess | undefined,
  inGroups: InGroups,
): Knex.QueryBuilder {
  if (access === undefined || access === 'all') return query;
  return query.where(q => criteria(q, access, inGroups));
}

function criteria(
  query: Knex.QueryBuilder,
  c: PermissionCriteria<TechnicianGroupQuery>,
  inGroups: InGroups,
): void {
  if (isAndCriteria(c)) {
    for (const part of c.allOf) query.where(q => criteria(q, part, inGroups));
  } else if (isOrCriteria(c)) {
    // An empty anyOf selects nothing (an empty WHERE would select everything).
    if (c.anyOf.length === 0) query.whereRaw('1 = 0');
    for (const part of c.anyOf) query.orWhere(q => criteria(q, part, inGroups));
  } else if (isNotCriteria(c)) {
    query.whereNot(q => criteria(q, c.not, inGroups));
  } else {
    // Refs are stored lower case; every branch is true or false, never
    // NULL, so a NOT of it selects exactly the other rows.
    inGroups(
      query,
      c.technicianGroups.map(g => g.toLocaleLowerCase('en-US')),
    );
  }
}

// inbound_messages.ticket_id is text (another ticketing's ids fit in it).
const TICKET_ID_TEXT = 'CAST(tickets.id AS varchar(64))';

/** Tickets (table or alias `table`) whose technician group is one of the groups. */
export function ticketsInGroups(table: string): InGroups {
  return (query, groups) =>
    query
      .whereNotNull(`${table}.technician_group`)
      .whereIn(`${table}.technician_group`, groups);
}

/**
 * Inbound messages (alias `table`) of the groups: a message of a built-in
 * ticket belongs to the ticket's technician group; any other message
 * (ignored, quarantined, failed, or filed in another ticketing) to the
 * technician group of the incoming server it came through.
 */
export function messagesInGroups(db: Knex, table: string): InGroups {
  return (query, groups) =>
    query.where(q =>
      q
        .where(ofTicket =>
          ofTicket
            .whereNotNull(`${table}.ticket_id`)
            .whereIn(
              `${table}.ticket_id`,
              db('tickets')
                .whereIn('technician_group', groups)
                .select(db.raw(TICKET_ID_TEXT)),
            ),
        )
        .orWhere(ofServer =>
          ofServer
            .whereNotExists(
              db('tickets')
                .select(db.raw('1'))
                .whereRaw(`${TICKET_ID_TEXT} = ??`, [`${table}.ticket_id`]),
            )
            .whereIn(
              `${table}.server_id`,
              db('incoming_servers')
                .whereIn('technician_group', groups)
                .select('id'),
            ),
        ),
    );
}

/**
 * Attachments (alias `table`) of the groups: those of a ticket entry belong
 * to the entry's ticket, the others to the message they came with.
 */
export function attachmentsInGroups(db: Knex, table: string): InGroups {
  const inGroups = messagesInGroups(db, 'm');
  return (query, groups) =>
    query.where(q =>
      q
        .where(ofEntry =>
          ofEntry
            .whereNotNull(`${table}.entry_id`)
            .whereIn(
              `${table}.entry_id`,
              db('ticket_entries as te')
                .join('tickets', 'tickets.id', 'te.ticket_id')
                .whereIn('tickets.technician_group', groups)
                .select('te.id'),
            ),
        )
        .orWhere(ofMessage =>
          ofMessage.whereNull(`${table}.entry_id`).whereIn(
            `${table}.message_id`,
            db('inbound_messages as m')
              .where(m => inGroups(m, groups))
              .select('m.id'),
          ),
        ),
    );
}
