import {
  Content,
  Header,
  Page,
  TabbedLayout,
} from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { emailsAuditReadPermission } from '@internal/plugin-emails-common';
import { EMAILS_TABS, EmailsTab } from './tabs';

/** The tabs this user may see; a tab's permission is the audit read one (the only one in use). */
function useVisibleTabs(): EmailsTab[] {
  const auditRead = usePermission({ permission: emailsAuditReadPermission });
  return EMAILS_TABS.filter(
    tab =>
      !tab.permission ||
      (tab.permission.name === emailsAuditReadPermission.name &&
        auditRead.allowed),
  );
}

/** Admin > Support Channel > Emails: servers, Email Preference, the processing log and the configuration audit. */
export function EmailsAdminPage() {
  const tabs = useVisibleTabs();
  return (
    <Page themeId="tool">
      <Header title="Emails" subtitle="Admin > Support Channel > Emails" />
      <TabbedLayout>
        {tabs.map(tab => (
          <TabbedLayout.Route key={tab.path} path={tab.path} title={tab.title}>
            <Content>{tab.content}</Content>
          </TabbedLayout.Route>
        ))}
      </TabbedLayout>
    </Page>
  );
}
