import { createRouteRef } from '@backstage/core-plugin-api';

/** Admin > Support Channel > Emails. */
export const rootRouteRef = createRouteRef({ id: 'emails' });
