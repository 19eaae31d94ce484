import { Sidebar, SidebarPage } from '@backstage/core-components';
import { screen } from '@testing-library/react';
import { mockEmailsApi, renderWithApis } from '../__testUtils__';
import { RequestsSidebarItem } from './RequestsSidebarItem';

describe('RequestsSidebarItem', () => {
  it('leads every signed-in user to the Requests page, which shows what they may read', async () => {
    await renderWithApis(
      <SidebarPage>
        <Sidebar>
          <RequestsSidebarItem />
        </Sidebar>
      </SidebarPage>,
      { api: mockEmailsApi(), allow: [] },
    );
    expect(
      await screen.findByRole('link', { name: /Requests/ }),
    ).toHaveAttribute('href', '/requests');
  });
});
