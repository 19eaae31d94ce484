import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityPresentationApiRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { TechnicianGroupLink } from './TechnicianGroupLink';

describe('TechnicianGroupLink', () => {
  it('names the group by its catalog title and links its page', async () => {
    const presentation = {
      forEntity: (entityRef: string) => {
        const snapshot = { entityRef, primaryTitle: 'IT Support' };
        return { snapshot, promise: Promise.resolve(snapshot) };
      },
    };
    await renderInTestApp(
      <TestApiProvider apis={[[entityPresentationApiRef, presentation]]}>
        <TechnicianGroupLink group="group:default/it-support" />
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': (
            await import('@backstage/plugin-catalog-react')
          ).entityRouteRef,
        },
      },
    );
    expect(screen.getByRole('link', { name: 'IT Support' })).toHaveAttribute(
      'href',
      '/catalog/default/group/it-support',
    );
  });

  it('shows a dash without a group', async () => {
    await renderInTestApp(<TechnicianGroupLink />);
    expect(screen.getByText('—')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});
