import {
  Content,
  Header,
  Page,
  TabbedLayout,
} from '@backstage/core-components';
import { EMAILS_TABS } from './tabs';

/** Admin > Support Channel > Emails: servers, Email Preference and the configuration audit. */
export function EmailsAdminPage() {
  return (
    <Page themeId="tool">
      <Header title="Emails" subtitle="Admin > Support Channel > Emails" />
      <TabbedLayout>
        {EMAILS_TABS.map(tab => (
          <TabbedLayout.Route key={tab.path} path={tab.path} title={tab.title}>
            <Content>{tab.content}</Content>
          </TabbedLayout.Route>
        ))}
      </TabbedLayout>
    </Page>
  );
}
