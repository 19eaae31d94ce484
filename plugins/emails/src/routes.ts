import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** Admin > Support Channel > Emails. */
export const rootRouteRef = createRouteRef({ id: 'emails' });

/** Requests: the tickets of the built-in ticketing. */
export const requestsRouteRef = createRouteRef({ id: 'emails-requests' });

/** One request (ticket) with its conversation, below the Requests page. */
export const ticketRouteRef = createSubRouteRef({
  id: 'emails-requests-ticket',
  parent: requestsRouteRef,
  path: '/:id',
});
