import { emailsAuditReadPermission } from '@internal/plugin-emails-common';
import { ReactNode } from 'react';
import { ConfigAuditList } from '../ConfigAuditList';
import { EmailPreferenceForm } from '../EmailPreferenceForm';
import { IncomingRulesTab } from '../IncomingRulesTab';
import { MessagesTab } from '../MessagesTab';
import { OutgoingQueueTab } from '../OutgoingQueueTab';
import { ServerList } from '../ServerList';

/** One tab of Admin > Support Channel > Emails. */
export interface EmailsTab {
  /** Relative route of the tab. */
  path: string;
  title: string;
  content: ReactNode;
  /** Shown only to users with this permission. */
  permission?: typeof emailsAuditReadPermission;
}

/** The tabs in the order the page shows them. */
export const EMAILS_TABS: EmailsTab[] = [
  {
    path: '/incoming',
    title: 'Incoming Email Servers',
    content: <ServerList direction="incoming" />,
  },
  {
    path: '/outgoing',
    title: 'Outgoing Email Servers',
    content: <ServerList direction="outgoing" />,
  },
  {
    path: '/preference',
    title: 'Email Preference',
    content: <EmailPreferenceForm />,
  },
  {
    path: '/rules',
    title: 'Rules',
    content: <IncomingRulesTab />,
  },
  {
    path: '/messages',
    title: 'Messages',
    content: <MessagesTab />,
    permission: emailsAuditReadPermission,
  },
  {
    path: '/outgoing-queue',
    title: 'Outgoing Queue',
    content: <OutgoingQueueTab />,
    permission: emailsAuditReadPermission,
  },
  {
    path: '/audit',
    title: 'Configuration Audit',
    content: <ConfigAuditList />,
    permission: emailsAuditReadPermission,
  },
];
