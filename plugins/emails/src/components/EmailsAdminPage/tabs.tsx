import { ReactNode } from 'react';
import { ConfigAuditList } from '../ConfigAuditList';
import { EmailPreferenceForm } from '../EmailPreferenceForm';
import { ServerList } from '../ServerList';

/** One tab of Admin > Support Channel > Emails. */
export interface EmailsTab {
  /** Relative route of the tab. */
  path: string;
  title: string;
  content: ReactNode;
}

/**
 * The tabs in the order the page shows them. The Rules, Messages and
 * Outgoing queue tabs join this list when their components exist.
 */
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
    path: '/audit',
    title: 'Configuration Audit',
    content: <ConfigAuditList />,
  },
];
