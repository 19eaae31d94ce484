import {
  AuthorizeResult,
  isPermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  EMAILS_PERMISSION_PREFIX,
  emailsTicketReadPermission,
} from './permissions';
import {
  createEmailsTicketConditionalDecision,
  emailsTicketConditions,
} from './ticketConditions';

/** Who a decision is for: the signed-in user's ownership refs (the user and their groups). */
export interface EmailsPolicyUser {
  ownershipEntityRefs: string[];
}

/** Whether the user is a member of one of the admin groups (refs compared without case). */
export function isEmailsAdmin(
  user: EmailsPolicyUser,
  adminGroups: string[],
): boolean {
  const admins = new Set(
    adminGroups.map(ref => ref.toLocaleLowerCase('en-US')),
  );
  return user.ownershipEntityRefs.some(ref =>
    admins.has(ref.toLocaleLowerCase('en-US')),
  );
}

/**
 * The portal's default decision on an `emails.*` permission: members of an
 * admin group (`emails.admins`) may do everything; other users read the
 * tickets (with their messages and attachments) of the groups they belong
 * to, a conditional decision; everything else, and every request without a
 * user, is denied. Undefined for permissions of other plugins.
 */
export function decideEmailsPermission(
  permission: Permission,
  user: EmailsPolicyUser | undefined,
  adminGroups: string[],
): PolicyDecision | undefined {
  if (!permission.name.startsWith(EMAILS_PERMISSION_PREFIX)) return undefined;
  if (!user) return { result: AuthorizeResult.DENY };
  if (isEmailsAdmin(user, adminGroups))
    return { result: AuthorizeResult.ALLOW };
  if (isPermission(permission, emailsTicketReadPermission)) {
    return createEmailsTicketConditionalDecision(
      emailsTicketReadPermission,
      emailsTicketConditions.isInTechnicianGroup({
        groups: user.ownershipEntityRefs.map(ref =>
          ref.toLocaleLowerCase('en-US'),
        ),
      }),
    );
  }
  return { result: AuthorizeResult.DENY };
}
