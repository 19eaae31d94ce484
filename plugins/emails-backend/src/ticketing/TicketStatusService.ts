import { ConflictError, InputError } from '@backstage/errors';
import {
  describeIssues,
  EmailPreferences,
  validateTicketClose,
} from '@internal/plugin-emails-common';
import { Stores } from '../database';
import { ticketSender } from './ticketMail';
import {
  ClosedNotice,
  ClosedNotifications,
} from '../notifications/ClosedNotifications';

/** A technician closing a ticket of the built-in ticketing, and the requester told. */
export class TicketStatusService {
  constructor(
    private readonly deps: {
      stores: Stores;
      notifications: ClosedNotifications;
      preferences: () => Promise<EmailPreferences>;
      displayName: (userEntityRef: string) => Promise<string>;
    },
  ) {}

  /**
   * Closes an open ticket: the resolution becomes a note, then the
   * requester's notification is queued: `notifyRequester` decides when given,
   * else the Email Preference's "notify on close". 409 when it is closed already.
   */
  async close(
    ticketId: string,
    body: unknown,
    author: { userEntityRef: string },
  ): Promise<{
    status: 'closed';
    closedAt: string;
    notification: ClosedNotice;
  }> {
    const result = validateTicketClose(body);
    if (!result.ok)
      throw new InputError(describeIssues('close', result.issues));
    const { stores } = this.deps;
    // Everything that can fail without changing anything comes first.
    const ticket = await stores.tickets.get(ticketId);
    const technicianName = await this.deps.displayName(author.userEntityRef);
    const prefs = await this.deps.preferences();
    const sender = await ticketSender(stores, ticket.serverId);
    const closedAt = new Date();
    if (!(await stores.tickets.closeIfOpen(ticketId, closedAt))) {
      throw new ConflictError(`Ticket ${ticketId} is closed already`);
    }
    const resolution = result.value.resolution?.trim();
    if (resolution) {
      await stores.tickets.appendEntry(ticketId, {
        idempotencyKey: `close:${ticketId}:${closedAt.getTime()}`,
        kind: 'note',
        author: {
          email: sender?.address ?? '',
          name: technicianName,
          userEntityRef: author.userEntityRef,
        },
        text: `Closed. Resolution: ${resolution}`,
      });
    }
    const notify =
      result.value.notifyRequester ?? prefs.notifications.notifyOnClose;
    let notification: ClosedNotice = {
      queued: false,
      reason:
        result.value.notifyRequester === false
          ? 'the technician chose not to notify'
          : 'close notifications are off (Email Preference)',
    };
    if (notify) {
      // The ticket is closed now: a failure to queue is told, not thrown,
      // or a retry would only hear that the ticket is closed already.
      notification = await this.deps.notifications
        .notify({ ticket, closedAt, resolution, technicianName, prefs })
        .catch(error => ({
          queued: false as const,
          reason: `the notification could not be queued: ${
            (error as Error).message
          }`,
        }));
    }
    return { status: 'closed', closedAt: closedAt.toISOString(), notification };
  }

  /** Opens a closed ticket again; 409 when it is open. */
  async reopen(ticketId: string): Promise<{ status: 'open' }> {
    const ticket = await this.deps.stores.tickets.get(ticketId);
    if (ticket.status === 'open') {
      throw new ConflictError(`Ticket ${ticketId} is open already`);
    }
    await this.deps.stores.tickets.setStatus(ticketId, 'open');
    return { status: 'open' };
  }
}
