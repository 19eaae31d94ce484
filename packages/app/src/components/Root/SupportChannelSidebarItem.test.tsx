import { renderInTestApp } from '@backstage/test-utils';
import { SidebarPage, Sidebar } from '@backstage/core-components';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SupportChannelSidebarItem } from './SupportChannelSidebarItem';

describe('SupportChannelSidebarItem', () => {
  it('leads from Support Channel to the Emails admin page', async () => {
    await renderInTestApp(
      <SidebarPage>
        <Sidebar>
          <SupportChannelSidebarItem />
        </Sidebar>
      </SidebarPage>,
    );
    expect(screen.queryByRole('link', { name: /Emails/ })).toBeNull();
    // A label short enough for the sidebar's width; the submenu names the group.
    expect(screen.queryByText('Support Channel')).toBeNull();
    await userEvent.hover(screen.getByText('Support'));
    expect(await screen.findByText('Support Channel')).toBeInTheDocument();
    const emails = await screen.findByRole('link', { name: /Emails/ });
    expect(emails).toHaveAttribute('href', '/emails');
  });
});
