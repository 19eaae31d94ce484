import {
  Content,
  Header,
  Page,
  TabbedLayout,
} from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import { ServerList } from '../ServerList';

/** Admin > Support Channel > Emails. */
export function EmailsAdminPage() {
  return (
    <Page themeId="tool">
      <Header title="Emails" subtitle="Admin > Support Channel > Emails" />
      <TabbedLayout>
        <TabbedLayout.Route path="/incoming" title="Incoming Email Servers">
          <Content>
            <ServerList direction="incoming" />
          </Content>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/outgoing" title="Outgoing Email Servers">
          <Content>
            <ServerList direction="outgoing" />
          </Content>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/preference" title="Email Preference">
          <Content>
            <Typography>
              Email Preference decides how mail becomes tickets and replies.
            </Typography>
          </Content>
        </TabbedLayout.Route>
      </TabbedLayout>
    </Page>
  );
}
