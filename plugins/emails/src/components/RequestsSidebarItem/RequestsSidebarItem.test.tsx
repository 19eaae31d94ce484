import { Sidebar, SidebarPage } from '@backstage/core-components';
import { emailsTicketReadPermission } from '@internal/plugin-emails-common';
import { screen } from '@testing-library/react';
import { mockEmailsApi, renderWithApis } from '../__testUtils__';
import { RequestsSidebarItem } from './RequestsSidebarItem';

function renderItem(allow: string[]) {
  return renderWithApis(
    <SidebarPage>
      <Sidebar>
        <RequestsSidebarItem />
      </Sidebar>
    </SidebarPage>,
    { api: mockEmailsApi(), allow },
  );
}

describe('RequestsSidebarItem', () => {
  it('leads to the Requests page', async () => {
    await renderItem([emailsTicketReadPermission.name]);
    expect(
      await screen.findByRole('link', { name: /Requests/ }),
    ).toHaveAttribute('href', '/requests');
  });

  it('is hidden from users who may not read tickets', async () => {
    await renderItem([]);
    expect(screen.queryByRole('link', { name: /Requests/ })).toBeNull();
  });
});
