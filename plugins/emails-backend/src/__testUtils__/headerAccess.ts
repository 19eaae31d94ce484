import { NotAllowedError, NotFoundError } from '@backstage/errors';
import express from 'express';
import { NO_TICKETS, TicketAccess, TicketStore } from '../database';
import { Access } from '../service/access';

/**
 * A stand-in for the permission policy in router tests: the caller's
 * permissions are the comma-separated names in the `x-allow` header.
 * `emails.ticket.read` there reads every ticket; without it, the groups in
 * `x-technician-groups` are the ones whose tickets the caller reads (the
 * portal policy's condition). Given the ticket store, `ticket()` checks the
 * ticket as the real access does.
 */
export function headerAccess(
  actor = 'user:default/tester',
  store?: Pick<TicketStore, 'get'>,
): Access {
  const access = async (req: express.Request, permission: { name: string }) => {
    if (!granted(req).includes(permission.name))
      throw new NotAllowedError(`Missing permission ${permission.name}`);
    return { actor };
  };
  const tickets = async (req: express.Request): Promise<TicketAccess> => {
    if (granted(req).includes('emails.ticket.read')) return 'all';
    const groups = req.header('x-technician-groups');
    if (groups) return { technicianGroups: groups.split(',') };
    throw new NotAllowedError('Missing permission emails.ticket.read');
  };
  const readable = (req: express.Request) =>
    tickets(req).catch(() => NO_TICKETS);
  const ticket = async (req: express.Request, ticketId: string) => {
    const scope = await readable(req);
    if (scope === NO_TICKETS) {
      throw new NotFoundError(`No ticket with id ${ticketId}`);
    }
    await store?.get(ticketId, scope);
  };
  return Object.assign(access, { tickets, readable, ticket });
}

function granted(req: express.Request): string[] {
  return String(req.header('x-allow') ?? '').split(',');
}
