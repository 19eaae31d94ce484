import { Entity } from '@backstage/catalog-model';
import { MailDirection } from '@internal/plugin-emails-common';

/** The annotation naming the mail server an entity stands for. */
export const EMAIL_SERVER_ID_ANNOTATION = 'emails.backstage.io/server-id';
/** The annotation saying whether that server is incoming or outgoing. */
export const EMAIL_SERVER_DIRECTION_ANNOTATION =
  'emails.backstage.io/direction';
/** The spec.type of Resource entities that are mail servers. */
export const EMAIL_SERVER_RESOURCE_TYPE = 'email-server';

/** True for Resource entities of spec.type `email-server`. */
export function isEmailServerEntity(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === EMAIL_SERVER_RESOURCE_TYPE
  );
}

/** The server id and direction an entity's annotations name, or undefined. */
export function emailServerRef(
  entity: Entity,
): { id: string; direction: MailDirection } | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const id = annotations[EMAIL_SERVER_ID_ANNOTATION];
  const direction = annotations[EMAIL_SERVER_DIRECTION_ANNOTATION];
  if (!id) return undefined;
  return {
    id,
    // The catalog module publishes incoming servers unless it says otherwise.
    direction: direction === 'outgoing' ? 'outgoing' : 'incoming',
  };
}
