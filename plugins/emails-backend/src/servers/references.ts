import { AuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Stores } from '../database';

/** Checks that what a server refers to exists, naming the field when not. */
export class ServerReferences {
  constructor(
    private readonly stores: Stores,
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  /** The technician group must be a Group entity in the catalog. */
  async checkTechnicianGroup(ref: string | undefined): Promise<void> {
    if (!ref) return;
    const entity = await this.catalog.getEntityByRef(ref, {
      credentials: await this.auth.getOwnServiceCredentials(),
    });
    if (!entity || entity.kind.toLocaleLowerCase('en-US') !== 'group') {
      throw new InputError(
        `Invalid incoming server: technicianGroup ${ref} is not a Group in the catalog`,
      );
    }
  }

  /** The proxy must exist. */
  async checkProxy(what: string, id: string | undefined): Promise<void> {
    if (!id) return;
    await this.exists(
      () => this.stores.proxies.get(id),
      `Invalid ${what}: proxyId ${id} is not a configured proxy`,
    );
  }

  /** The linked outgoing server must exist. */
  async checkOutgoingServer(id: string | undefined): Promise<void> {
    if (!id) return;
    await this.exists(
      () => this.stores.outgoingServers.get(id),
      `Invalid incoming server: outgoingServerId ${id} is not a configured outgoing server`,
    );
  }

  private async exists(load: () => Promise<unknown>, message: string) {
    try {
      await load();
    } catch (error) {
      if (error instanceof NotFoundError) throw new InputError(message);
      throw error;
    }
  }
}
