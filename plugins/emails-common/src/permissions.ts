import { createPermission } from '@backstage/plugin-permission-common';

/** See mail servers, proxies, preferences and their health. */
export const emailsServerReadPermission = createPermission({
  name: 'emails.server.read',
  attributes: { action: 'read' },
});

/** Add, change and delete mail servers and proxies ("Manage Support Channels"). */
export const emailsServerManagePermission = createPermission({
  name: 'emails.server.manage',
  attributes: { action: 'update' },
});

/** Change incoming and outgoing email rules. */
export const emailsRuleManagePermission = createPermission({
  name: 'emails.rule.manage',
  attributes: { action: 'update' },
});

/** Change the Email Preference settings. */
export const emailsPreferenceManagePermission = createPermission({
  name: 'emails.preference.manage',
  attributes: { action: 'update' },
});

/** Read the configuration audit trail and the Outgoing Queue. */
export const emailsAuditReadPermission = createPermission({
  name: 'emails.audit.read',
  attributes: { action: 'read' },
});

/** The resource type of tickets, for conditional decisions on them. */
export const EMAILS_TICKET_RESOURCE_TYPE = 'emails-ticket';

/**
 * See tickets of the built-in ticketing with their conversations, inbound
 * messages and attachments; a resource permission, so a policy may allow it
 * for some tickets only (see {@link emailsTicketConditions}).
 */
export const emailsTicketReadPermission = createPermission({
  name: 'emails.ticket.read',
  attributes: { action: 'read' },
  resourceType: EMAILS_TICKET_RESOURCE_TYPE,
});

/** Reply to a ticket's requester by email. */
export const emailsTicketReplyPermission = createPermission({
  name: 'emails.ticket.reply',
  attributes: { action: 'create' },
});

/** Every permission of the emails plugin. */
export const emailsPermissions = [
  emailsServerReadPermission,
  emailsServerManagePermission,
  emailsRuleManagePermission,
  emailsPreferenceManagePermission,
  emailsAuditReadPermission,
  emailsTicketReadPermission,
  emailsTicketReplyPermission,
];

/** The prefix every emails permission name starts with. */
export const EMAILS_PERMISSION_PREFIX = 'emails.';
