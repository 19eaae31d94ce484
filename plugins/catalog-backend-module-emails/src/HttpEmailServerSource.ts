import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  IncomingServer,
  MailDirection,
  OutgoingServer,
} from '@internal/plugin-emails-common';
import { EmailServerSource } from './serverEntities';

/** Reads mail servers from the emails backend over its REST API, as this plugin's service. */
export class HttpEmailServerSource implements EmailServerSource {
  private baseUrl = '';

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  async listIncoming(): Promise<IncomingServer[]> {
    return this.get('/servers/incoming');
  }

  async listOutgoing(): Promise<OutgoingServer[]> {
    return this.get('/servers/outgoing');
  }

  serverUrl(direction: MailDirection, id: string): string {
    return `${this.baseUrl}/servers/${direction}/${id}`;
  }

  private async get<T>(path: string): Promise<T> {
    this.baseUrl = await this.discovery.getBaseUrl('emails');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'emails',
    });
    const response = await fetch(`${this.baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
