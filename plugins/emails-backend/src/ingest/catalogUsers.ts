import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { UserLookup } from './IngestService';

/** Finds the catalog User whose `spec.profile.email` is the address (case-insensitive). */
export function catalogUserLookup(
  catalog: CatalogService,
  auth: AuthService,
): UserLookup {
  return async email => {
    const { items } = await catalog.getEntities(
      {
        filter: { kind: 'User', 'spec.profile.email': email },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return items[0] ? stringifyEntityRef(items[0]) : undefined;
  };
}

/**
 * The catalog User with this profile email when they are a member of the
 * technician group (directly, through the catalog's memberOf relation).
 */
export function catalogTechnicianLookup(
  catalog: CatalogService,
  auth: AuthService,
) {
  return async (
    email: string,
    technicianGroup?: string,
  ): Promise<string | undefined> => {
    if (!technicianGroup) return undefined;
    const { items } = await catalog.getEntities(
      {
        filter: { kind: 'User', 'spec.profile.email': email },
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const group = technicianGroup.toLocaleLowerCase('en-US');
    const member = items.find(user =>
      (user.relations ?? []).some(
        r =>
          r.type === 'memberOf' &&
          r.targetRef.toLocaleLowerCase('en-US') === group,
      ),
    );
    return member ? stringifyEntityRef(member) : undefined;
  };
}

/** A catalog User's display name (spec.profile.displayName), else its entity name. */
export function catalogDisplayName(catalog: CatalogService, auth: AuthService) {
  return async (userEntityRef: string): Promise<string> => {
    const fallback = userEntityRef.replace(/^.*[:/]/, '');
    const entity = await catalog
      .getEntityByRef(userEntityRef, {
        credentials: await auth.getOwnServiceCredentials(),
      })
      .catch(() => undefined);
    const profile = (entity?.spec as { profile?: { displayName?: string } })
      ?.profile;
    return profile?.displayName || fallback;
  };
}
