import { Entity } from '@backstage/catalog-model';
import { CatalogApi, catalogApiRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  incomingServer,
  mockEmailsApi,
  renderWithApis,
} from '../__testUtils__';
import { ServerDrawer } from './ServerDrawer';

const field = (label: string | RegExp) => screen.queryByLabelText(label);

describe('ServerDrawer Technician Group', () => {
  it('picks the Technician Group from the catalog, or takes a typed ref', async () => {
    const entities: Entity[] = [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'it-support', namespace: 'default' },
        spec: { type: 'team', profile: { displayName: 'IT Support' } },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: 'jane' },
        spec: {},
      },
    ];
    // A catalog that honours the kind filter, as the real one does.
    const catalogApi = {
      getEntities: jest.fn(
        async (request?: { filter?: { kind?: string } }) => ({
          items: entities.filter(e => e.kind === request?.filter?.kind),
        }),
      ),
    } as unknown as CatalogApi;
    const api = mockEmailsApi();
    await renderWithApis(
      <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
        <ServerDrawer
          direction="incoming"
          server={incomingServer({ technicianGroup: undefined })}
          onClose={jest.fn()}
          onSaved={jest.fn()}
        />
      </TestApiProvider>,
      { api },
    );
    const group = field('Technician Group')!;
    await userEvent.click(group);
    const option = await screen.findByRole('option', {
      name: 'IT Support (group:default/it-support)',
    });
    // Only groups are offered.
    expect(
      within(screen.getByRole('listbox')).getAllByRole('option'),
    ).toHaveLength(1);
    await userEvent.click(option);
    expect(group).toHaveValue('group:default/it-support');
    expect(
      screen.getByText(/^IT Support: the group assigned/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.updateIncomingServer).toHaveBeenCalled());
    expect(api.updateIncomingServer.mock.calls[0][1]).toMatchObject({
      technicianGroup: 'group:default/it-support',
    });

    await userEvent.clear(group);
    await userEvent.type(group, 'group:default/night-shift');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateIncomingServer).toHaveBeenCalledTimes(2),
    );
    expect(api.updateIncomingServer.mock.calls[1][1]).toMatchObject({
      technicianGroup: 'group:default/night-shift',
    });
  });
});
