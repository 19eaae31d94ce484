import {
  Content,
  Header,
  Page,
  Progress,
  TabbedLayout,
} from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  emailsAuditReadPermission,
  emailsServerReadPermission,
} from '@internal/plugin-emails-common';
import { AdminRequired } from '../common/AccessNotices';
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

function AdminTabs() {
  const tabs = useVisibleTabs();
  return (
    <TabbedLayout>
      {tabs.map(tab => (
        <TabbedLayout.Route key={tab.path} path={tab.path} title={tab.title}>
          <Content>{tab.content}</Content>
        </TabbedLayout.Route>
      ))}
    </TabbedLayout>
  );
}

/**
 * Admin > Support Channel > Emails: servers, Email Preference, the processing
 * log and the configuration audit; users who may not read the servers (not
 * emails administrators) are told so instead.
 */
export function EmailsAdminPage() {
  const serverRead = usePermission({ permission: emailsServerReadPermission });
  let body = <AdminTabs />;
  if (serverRead.loading) body = <Progress />;
  else if (!serverRead.allowed) {
    body = (
      <Content>
        <AdminRequired />
      </Content>
    );
  }
  return (
    <Page themeId="tool">
      <Header title="Emails" subtitle="Admin > Support Channel > Emails" />
      {body}
    </Page>
  );
}
