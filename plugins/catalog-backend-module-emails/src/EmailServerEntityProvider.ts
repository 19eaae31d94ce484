import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { EmailServerSource, toServerEntity } from './serverEntities';

/** Keeps one Resource entity per mail server of the emails plugin. */
export class EmailServerEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly source: EmailServerSource,
    private readonly defaultOwner: string,
    private readonly logger: LoggerService,
  ) {}

  getProviderName(): string {
    return 'emails-servers';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  /** Replaces the provider's entities with the servers as they are now. */
  async refresh(): Promise<void> {
    if (!this.connection) {
      throw new Error('EmailServerEntityProvider is not connected yet');
    }
    const [incoming, outgoing] = await Promise.all([
      this.source.listIncoming(),
      this.source.listOutgoing(),
    ]);
    const entities = [
      ...incoming.map(s =>
        toServerEntity(s, 'incoming', this.source, this.defaultOwner),
      ),
      ...outgoing.map(s =>
        toServerEntity(s, 'outgoing', this.source, this.defaultOwner),
      ),
    ];
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
    this.logger.debug(`Published ${entities.length} email server entities`);
  }
}
