import {
  DEFAULT_EMAIL_PREFERENCES,
  EmailPreferences,
} from '@internal/plugin-emails-common';
import { VersionedPreferences } from '../../api/EmailsApi';
import { joinList, splitList } from '../common/lists';
import {
  draftToTemplates,
  TEMPLATE_FIELDS,
  TemplateField,
  templatesToDraft,
} from './notificationDraft';

/**
 * The Email Preference as the form edits it; number fields hold what was
 * typed, template fields are named by their API path.
 */
export interface PreferenceDraft extends Record<TemplateField, string> {
  emailToTicket: boolean;
  allowGuestRequests: boolean;
  ccRecipientTypes: ('to' | 'cc')[];
  useReplyToAsRequester: boolean;
  forwardedByTechnicianUsesOriginalSender: boolean;
  allowUserToSelectOutgoing: boolean;
  'notifications.acknowledgeNewTickets': boolean;
  'notifications.acknowledgeSenders': EmailPreferences['notifications']['acknowledgeSenders'];
  'notifications.notifyOnClose': boolean;
  'closedRequestReply.action': 'add' | 'reopen' | 'new';
  'closedRequestReply.graceDays': string;
  otherTechnicianReply: 'collaboration' | 'reply';
  outsideConversationReply: EmailPreferences['outsideConversationReply'];
  subjectReferenceFormat: string;
  'limits.maxMessageSizeMb': string;
  'limits.maxAttachmentSizeMb': string;
  'limits.maxInlineImageSizeMb': string;
  'limits.blockedExtensions': string;
  'loopProtection.excludeAutoReplies': boolean;
  'loopProtection.autoRepliesPerRecipientPerHour': string;
  'loopProtection.autoRepliesPerTicketPerHour': string;
  'loopProtection.duplicateWindowHours': string;
}

/** A field of the Email Preference form, named by its API path. */
export type PreferenceField = keyof PreferenceDraft;

/** Every field of the form. */
export const PREFERENCE_FIELDS = [
  'emailToTicket',
  'allowGuestRequests',
  'ccRecipientTypes',
  'useReplyToAsRequester',
  'forwardedByTechnicianUsesOriginalSender',
  'allowUserToSelectOutgoing',
  'notifications.acknowledgeNewTickets',
  'notifications.acknowledgeSenders',
  'notifications.notifyOnClose',
  ...TEMPLATE_FIELDS,
  'closedRequestReply.action',
  'closedRequestReply.graceDays',
  'otherTechnicianReply',
  'outsideConversationReply',
  'subjectReferenceFormat',
  'limits.maxMessageSizeMb',
  'limits.maxAttachmentSizeMb',
  'limits.maxInlineImageSizeMb',
  'limits.blockedExtensions',
  'loopProtection.excludeAutoReplies',
  'loopProtection.autoRepliesPerRecipientPerHour',
  'loopProtection.autoRepliesPerTicketPerHour',
  'loopProtection.duplicateWindowHours',
] as const satisfies readonly PreferenceField[];

/** Stored preferences with the defaults filled in where a setting is missing. */
export function withPreferenceDefaults(
  p: VersionedPreferences,
): VersionedPreferences {
  const d = DEFAULT_EMAIL_PREFERENCES;
  return {
    ...d,
    ...p,
    closedRequestReply: { ...d.closedRequestReply, ...p.closedRequestReply },
    limits: { ...d.limits, ...p.limits },
    notifications: {
      ...d.notifications,
      ...p.notifications,
      templates: {
        ...d.notifications.templates,
        ...p.notifications?.templates,
      },
    },
    loopProtection: { ...d.loopProtection, ...p.loopProtection },
  };
}

/** The form's content for stored preferences. */
export function toPreferenceDraft(p: EmailPreferences): PreferenceDraft {
  return {
    emailToTicket: p.emailToTicket,
    allowGuestRequests: p.allowGuestRequests,
    ccRecipientTypes: [...p.ccRecipientTypes],
    useReplyToAsRequester: p.useReplyToAsRequester,
    forwardedByTechnicianUsesOriginalSender:
      p.forwardedByTechnicianUsesOriginalSender,
    allowUserToSelectOutgoing: p.allowUserToSelectOutgoing,
    'notifications.acknowledgeNewTickets':
      p.notifications.acknowledgeNewTickets,
    'notifications.acknowledgeSenders': p.notifications.acknowledgeSenders,
    'notifications.notifyOnClose': p.notifications.notifyOnClose,
    ...templatesToDraft(p.notifications.templates),
    'closedRequestReply.action': p.closedRequestReply.action,
    'closedRequestReply.graceDays': String(p.closedRequestReply.graceDays),
    otherTechnicianReply: p.otherTechnicianReply,
    outsideConversationReply: p.outsideConversationReply,
    subjectReferenceFormat: p.subjectReferenceFormat,
    'limits.maxMessageSizeMb': String(p.limits.maxMessageSizeMb),
    'limits.maxAttachmentSizeMb': String(p.limits.maxAttachmentSizeMb),
    'limits.maxInlineImageSizeMb': String(p.limits.maxInlineImageSizeMb),
    'limits.blockedExtensions': joinList(p.limits.blockedExtensions),
    'loopProtection.excludeAutoReplies': p.loopProtection.excludeAutoReplies,
    'loopProtection.autoRepliesPerRecipientPerHour': String(
      p.loopProtection.autoRepliesPerRecipientPerHour,
    ),
    'loopProtection.autoRepliesPerTicketPerHour': String(
      p.loopProtection.autoRepliesPerTicketPerHour,
    ),
    'loopProtection.duplicateWindowHours': String(
      p.loopProtection.duplicateWindowHours,
    ),
  };
}

// A number stays a number; anything else goes as typed so validation names the field.
const num = (text: string): number =>
  (/^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text) as number;

/**
 * The body of a save: the loaded preferences (so settings this form does not
 * know survive) overlaid with the form's values, and the loaded version.
 */
export function toPreferenceBody(
  d: PreferenceDraft,
  loaded: VersionedPreferences,
): VersionedPreferences {
  return {
    ...loaded,
    emailToTicket: d.emailToTicket,
    allowGuestRequests: d.allowGuestRequests,
    ccRecipientTypes: d.ccRecipientTypes,
    useReplyToAsRequester: d.useReplyToAsRequester,
    forwardedByTechnicianUsesOriginalSender:
      d.forwardedByTechnicianUsesOriginalSender,
    allowUserToSelectOutgoing: d.allowUserToSelectOutgoing,
    notifications: {
      ...loaded.notifications,
      acknowledgeNewTickets: d['notifications.acknowledgeNewTickets'],
      acknowledgeSenders: d['notifications.acknowledgeSenders'],
      notifyOnClose: d['notifications.notifyOnClose'],
      templates: draftToTemplates(d),
    },
    closedRequestReply: {
      action: d['closedRequestReply.action'],
      graceDays: num(d['closedRequestReply.graceDays']),
    },
    otherTechnicianReply: d.otherTechnicianReply,
    outsideConversationReply: d.outsideConversationReply,
    subjectReferenceFormat: d.subjectReferenceFormat.trim(),
    limits: limitsOf(d, loaded),
    loopProtection: loopProtectionOf(d, loaded),
    version: loaded.version,
  };
}

function limitsOf(
  d: PreferenceDraft,
  loaded: VersionedPreferences,
): EmailPreferences['limits'] {
  return {
    ...loaded.limits,
    maxMessageSizeMb: num(d['limits.maxMessageSizeMb']),
    maxAttachmentSizeMb: num(d['limits.maxAttachmentSizeMb']),
    maxInlineImageSizeMb: num(d['limits.maxInlineImageSizeMb']),
    // Admins write ".exe" as often as "exe".
    blockedExtensions: splitList(d['limits.blockedExtensions']).map(e =>
      e.replace(/^\./, ''),
    ),
  };
}

function loopProtectionOf(
  d: PreferenceDraft,
  loaded: VersionedPreferences,
): EmailPreferences['loopProtection'] {
  return {
    ...loaded.loopProtection,
    excludeAutoReplies: d['loopProtection.excludeAutoReplies'],
    autoRepliesPerRecipientPerHour: num(
      d['loopProtection.autoRepliesPerRecipientPerHour'],
    ),
    autoRepliesPerTicketPerHour: num(
      d['loopProtection.autoRepliesPerTicketPerHour'],
    ),
    duplicateWindowHours: num(d['loopProtection.duplicateWindowHours']),
  };
}
