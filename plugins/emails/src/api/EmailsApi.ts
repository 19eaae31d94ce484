import { createApiRef } from '@backstage/core-plugin-api';
import { IncomingServer, OutgoingServer } from '@internal/plugin-emails-common';

/** The emails backend as the frontend sees it. */
export interface EmailsApi {
  listIncomingServers(): Promise<IncomingServer[]>;
  listOutgoingServers(): Promise<OutgoingServer[]>;
}

/** Reference to the EmailsApi implementation. */
export const emailsApiRef = createApiRef<EmailsApi>({ id: 'plugin.emails' });
