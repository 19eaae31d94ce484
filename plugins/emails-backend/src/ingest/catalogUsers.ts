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
