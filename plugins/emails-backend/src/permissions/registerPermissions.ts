import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  emailsPermissions,
  emailsTicketReadPermission,
} from '@internal/plugin-emails-common';
import { TicketStore } from '../database';
import {
  ticketPermissionResourceRef,
  ticketPermissionRules,
} from './ticketRules';

/**
 * Registers the emails permissions and the ticket resource type, whose
 * resource refs are ticket ids, so the permission backend can apply
 * conditions to a ticket by its ref.
 */
export function registerPermissions(
  registry: PermissionsRegistryService,
  tickets: Pick<TicketStore, 'get'>,
): void {
  registry.addPermissions(emailsPermissions);
  registry.addResourceType({
    resourceRef: ticketPermissionResourceRef,
    permissions: [emailsTicketReadPermission],
    rules: Object.values(ticketPermissionRules),
    getResources: refs =>
      Promise.all(refs.map(ref => ticketOrNone(tickets, ref))),
  });
}

async function ticketOrNone(tickets: Pick<TicketStore, 'get'>, id: string) {
  try {
    return await tickets.get(id);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
