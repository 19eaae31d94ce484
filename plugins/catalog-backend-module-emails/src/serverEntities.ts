import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ResourceEntity,
} from '@backstage/catalog-model';
import {
  IncomingServer,
  MailDirection,
  OutgoingServer,
} from '@internal/plugin-emails-common';

/** Annotation holding the emails plugin's id of the server. */
export const ANNOTATION_EMAIL_SERVER_ID = 'emails.backstage.io/server-id';
/** Annotation holding the server's protocol (imap, pop3, smtp...). */
export const ANNOTATION_EMAIL_PROTOCOL = 'emails.backstage.io/protocol';
/** Annotation holding "incoming" or "outgoing". */
export const ANNOTATION_EMAIL_DIRECTION = 'emails.backstage.io/direction';
/** The spec.type of mail server resources. */
export const EMAIL_SERVER_TYPE = 'email-server';

/** Where the servers come from: the emails backend. */
export interface EmailServerSource {
  listIncoming(): Promise<IncomingServer[]>;
  listOutgoing(): Promise<OutgoingServer[]>;
  /** URL of a server in the emails API, for the location annotations. */
  serverUrl(direction: MailDirection, id: string): string;
}

/**
 * A mail server as a catalog Resource. The name is derived from the id, not
 * the display name, so renaming a server keeps its entity and relations.
 */
export function toServerEntity(
  server: IncomingServer | OutgoingServer,
  direction: MailDirection,
  source: Pick<EmailServerSource, 'serverUrl'>,
  defaultOwner: string,
): ResourceEntity {
  const location = `url:${source.serverUrl(direction, server.id)}`;
  const owner =
    direction === 'incoming'
      ? (server as IncomingServer).technicianGroup ?? defaultOwner
      : defaultOwner;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: `${direction}-${server.id}`,
      title: server.name,
      description: `${
        direction === 'incoming' ? 'Incoming' : 'Outgoing'
      } email server for ${server.email} (${server.protocol.toUpperCase()})`,
      annotations: {
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
        [ANNOTATION_EMAIL_SERVER_ID]: server.id,
        [ANNOTATION_EMAIL_PROTOCOL]: server.protocol,
        [ANNOTATION_EMAIL_DIRECTION]: direction,
      },
      tags: [server.protocol, direction],
    },
    spec: {
      type: EMAIL_SERVER_TYPE,
      owner,
    },
  };
}
