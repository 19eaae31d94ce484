import { ServerActivity } from '@internal/plugin-emails-common';
import { Stores } from '../database';
import { activitySeries, activityStart } from './activity';

/** The activity chart of an incoming server, from the processing log. */
export class ServerActivityService {
  constructor(
    private readonly stores: Pick<Stores, 'incomingServers' | 'activity'>,
  ) {}

  /** The last 24 hours per hour; NotFoundError for an unknown server. */
  async incoming(serverId: string, now = new Date()): Promise<ServerActivity> {
    await this.stores.incomingServers.get(serverId);
    const messages = await this.stores.activity.processedSince(
      serverId,
      activityStart(now),
    );
    return activitySeries(serverId, messages, now);
  }
}
