import { NotificationKind } from '@internal/plugin-emails-common';
import { templateField, TemplateField } from './notificationDraft';
import { PreferenceField } from './preferenceDraft';

/** The notifications' names, as the form titles their templates. */
export const NOTIFICATION_LABELS: Record<NotificationKind, string> = {
  acknowledgement: 'Acknowledgement of a new ticket',
  ticketClosed: 'Ticket closed',
};

// Each template's fields sit under its title, so their labels need not repeat it.
function templateLabels(kind: NotificationKind) {
  return {
    [templateField(kind, 'subject')]: 'Subject',
    [templateField(kind, 'text')]: 'Text',
    [templateField(kind, 'html')]: 'HTML',
  } as Record<TemplateField, string>;
}

/** The settings' names, as seed 002 words them. */
export const PREFERENCE_LABELS: Record<PreferenceField, string> = {
  emailToTicket: 'Enable Email to Ticket',
  allowGuestRequests:
    'Allow Guest User to generate request from E-mail to Ticket',
  ccRecipientTypes: 'Select Recipient Type Considered as CC User for Requests',
  useReplyToAsRequester: 'Use Reply-To email address to create Requester?',
  forwardedByTechnicianUsesOriginalSender:
    'For forwarded emails by Technicians, consider original sender as Requester',
  allowUserToSelectOutgoing: 'Allow User to select Outgoing Email',
  'notifications.acknowledgeNewTickets':
    'Acknowledge new requests to the requester by email',
  'notifications.acknowledgeSenders': 'Acknowledge new requests from',
  'notifications.notifyOnClose': 'Notify the requester when a ticket is closed',
  ...templateLabels('acknowledgement'),
  ...templateLabels('ticketClosed'),
  'closedRequestReply.action':
    'On reply received from requester for closed request',
  'closedRequestReply.graceDays': 'Grace Period (days)',
  otherTechnicianReply:
    'On reply email received from other than assigned technician on request',
  outsideConversationReply: 'Replies from someone outside the conversation',
  subjectReferenceFormat: 'Subject reference format',
  'limits.maxMessageSizeMb': 'Maximum message size (MB)',
  'limits.maxAttachmentSizeMb': 'Maximum attachment size (MB)',
  'limits.maxInlineImageSizeMb': 'Maximum inline image size (MB)',
  'limits.blockedExtensions': 'Blocked attachment extensions',
  'loopProtection.excludeAutoReplies': 'Exclude auto-replies',
  'loopProtection.autoRepliesPerRecipientPerHour':
    'Auto-replies per recipient per hour',
  'loopProtection.autoRepliesPerTicketPerHour':
    'Auto-replies per ticket per hour',
  'loopProtection.duplicateWindowHours': 'Duplicate detection window (hours)',
};

/** The label of an API field path, or the path itself. */
export function preferenceLabelOf(field: string): string {
  return PREFERENCE_LABELS[field as PreferenceField] ?? field;
}
