import { discoveryApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
  TestAppOptions,
} from '@backstage/test-utils';
import {
  emailsPreferenceManagePermission,
  emailsRuleManagePermission,
  emailsServerManagePermission,
  emailsServerReadPermission,
} from '@internal/plugin-emails-common';
import { ReactElement } from 'react';
// usePermission caches answers in swr's global cache; each render needs its own
// or one test's DENY leaks into the next. swr is installed with
// plugin-permission-react but not (yet) a devDependency of this package.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { SWRConfig } from 'swr';
import { EmailsApi, emailsApiRef } from '../../api';
import { requestsRouteRef } from '../../routes';
import { permissionApiAllowing } from './permissions';

/** Where the test app's backend is: OAuth replies must come from its origin. */
export const TEST_BACKEND_ORIGIN = 'http://localhost:7007';

/** Every manage permission of the admin pages. */
export const ALL_MANAGE = [
  emailsServerManagePermission.name,
  emailsPreferenceManagePermission.name,
  emailsRuleManagePermission.name,
];

/** What an emails administrator may do on the admin pages: read the servers and manage. */
export const ADMIN = [emailsServerReadPermission.name, ...ALL_MANAGE];

/** Where the test app mounts the pages the components link to. */
export const MOUNTED_ROUTES = {
  '/requests': requestsRouteRef,
  '/catalog/:namespace/:kind/:name': entityRouteRef,
};

/**
 * Renders in a test app with the emails API and the permissions granted
 * (or a given permission API, to see what was asked); the Requests page and
 * catalog entity pages are mounted for links.
 */
export function renderWithApis(
  ui: ReactElement,
  options: {
    api: EmailsApi;
    allow?: string[];
    permissionApi?: PermissionApi;
  } & Pick<TestAppOptions, 'routeEntries' | 'components'>,
) {
  const { api, allow = ADMIN, routeEntries, components } = options;
  const permissionApi =
    options.permissionApi ?? permissionApiAllowing(...allow);
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [emailsApiRef, api],
        [permissionApiRef, permissionApi],
        [discoveryApiRef, mockApis.discovery({ baseUrl: TEST_BACKEND_ORIGIN })],
      ]}
    >
      <SWRConfig value={{ provider: () => new Map() }}>{ui}</SWRConfig>
    </TestApiProvider>,
    { mountedRoutes: MOUNTED_ROUTES, routeEntries, components },
  );
}
