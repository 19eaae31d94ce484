import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  PermissionCondition,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { EMAILS_TICKET_RESOURCE_TYPE } from './permissions';

/** The plugin that owns the ticket resource type and evaluates its conditions. */
export const EMAILS_PLUGIN_ID = 'emails';

/** The names of the rules the emails backend registers for tickets. */
export const EMAILS_TICKET_RULES = {
  /** The ticket's technician group is one of `groups`. */
  isInTechnicianGroup: 'IS_IN_TECHNICIAN_GROUP',
} as const;

/** The parameters of the `IS_IN_TECHNICIAN_GROUP` rule: group entity refs. */
export type TechnicianGroupParams = { groups: string[] };

/** A condition on tickets, as a permission policy returns it. */
export type EmailsTicketCondition = PermissionCondition<
  typeof EMAILS_TICKET_RESOURCE_TYPE,
  TechnicianGroupParams
>;

/**
 * Conditions on tickets for permission policies, the same objects
 * `createConditionExports` makes from the backend's rules (a test there keeps
 * them equal), without the backend's dependencies.
 */
export const emailsTicketConditions = {
  /** Tickets whose technician group is one of `groups` (e.g. the user's ownership refs). */
  isInTechnicianGroup(params: { groups: string[] }): EmailsTicketCondition {
    return {
      rule: EMAILS_TICKET_RULES.isInTechnicianGroup,
      resourceType: EMAILS_TICKET_RESOURCE_TYPE,
      params: { groups: params.groups },
    };
  },
};

/** Wraps ticket conditions in the decision a permission policy returns. */
export function createEmailsTicketConditionalDecision(
  permission: ResourcePermission<typeof EMAILS_TICKET_RESOURCE_TYPE>,
  conditions: PermissionCriteria<
    PermissionCondition<typeof EMAILS_TICKET_RESOURCE_TYPE>
  >,
): ConditionalPolicyDecision {
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: EMAILS_PLUGIN_ID,
    resourceType: permission.resourceType,
    conditions,
  };
}
