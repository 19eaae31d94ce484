import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { emailsApiRef, EmailsClient } from './api';
import { requestsRouteRef, rootRouteRef, ticketRouteRef } from './routes';

/**
 * The Email Conversations tab of a catalog entity page. Declared here rather
 * than in routes.ts because only this extension mounts on it.
 */
const entityConversationsRouteRef = createRouteRef({
  id: 'emails-entity-conversations',
});

/** The emails frontend plugin. */
export const emailsPlugin = createPlugin({
  id: 'emails',
  routes: {
    root: rootRouteRef,
    requests: requestsRouteRef,
    ticket: ticketRouteRef,
    entityConversations: entityConversationsRouteRef,
  },
  apis: [
    createApiFactory({
      api: emailsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new EmailsClient(deps),
    }),
  ],
});

/** Admin > Support Channel > Emails: incoming and outgoing servers, Email Preference. */
export const EmailsAdminPage = emailsPlugin.provide(
  createRoutableExtension({
    name: 'EmailsAdminPage',
    component: () =>
      import('./components/EmailsAdminPage').then(m => m.EmailsAdminPage),
    mountPoint: rootRouteRef,
  }),
);

/** Requests: the tickets of the built-in ticketing, each with its conversation. */
export const EmailsRequestsPage = emailsPlugin.provide(
  createRoutableExtension({
    name: 'EmailsRequestsPage',
    component: () =>
      import('./components/RequestsPage').then(m => m.RequestsPage),
    mountPoint: requestsRouteRef,
  }),
);

/** The mail server behind an `email-server` Resource entity, for catalog entity pages. */
export const EntityEmailServerCard = emailsPlugin.provide(
  createComponentExtension({
    name: 'EntityEmailServerCard',
    component: {
      lazy: () =>
        import('./components/EntityEmailServerCard').then(
          m => m.EntityEmailServerCard,
        ),
    },
  }),
);

/** The requests (email conversations) of a catalog entity, for its overview page. */
export const EntityEmailConversationsCard = emailsPlugin.provide(
  createComponentExtension({
    name: 'EntityEmailConversationsCard',
    component: {
      lazy: () =>
        import('./components/EntityEmailConversations').then(
          m => m.EntityEmailConversationsCard,
        ),
    },
  }),
);

/** An entity page tab: the entity's requests and, for the one selected, its conversation and reply composer. */
export const EntityEmailConversationsContent = emailsPlugin.provide(
  createRoutableExtension({
    name: 'EntityEmailConversationsContent',
    component: () =>
      import('./components/EntityEmailConversations').then(
        m => m.EntityEmailConversationsContent,
      ),
    mountPoint: entityConversationsRouteRef,
  }),
);
