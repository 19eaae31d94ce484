import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  EMAILS_PLUGIN_ID,
  EMAILS_TICKET_RESOURCE_TYPE,
  EMAILS_TICKET_RULES,
  Ticket,
} from '@internal/plugin-emails-common';
import { TechnicianGroupQuery } from '../database';
import { technicianGroupParamsSchema } from './groupsParams';

/** Tickets as a permission resource: loaded by id, filtered by technician group. */
export const ticketPermissionResourceRef = createPermissionResourceRef<
  Ticket,
  TechnicianGroupQuery
>().with({
  pluginId: EMAILS_PLUGIN_ID,
  resourceType: EMAILS_TICKET_RESOURCE_TYPE,
});

const sameRef = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

/** The ticket's technician group is one of the given group refs. */
export const isInTechnicianGroup = createPermissionRule({
  name: EMAILS_TICKET_RULES.isInTechnicianGroup,
  description:
    "Allow tickets whose technician group is one of the given groups (for example the user's ownership refs)",
  resourceRef: ticketPermissionResourceRef,
  paramsSchema: technicianGroupParamsSchema,
  apply: (ticket, { groups }) =>
    !!ticket.technicianGroup &&
    groups.some(group => sameRef(group, ticket.technicianGroup!)),
  toQuery: ({ groups }) => ({ technicianGroups: groups }),
});

/** Every rule of the ticket resource, by the name its condition factory has. */
export const ticketPermissionRules = { isInTechnicianGroup };
