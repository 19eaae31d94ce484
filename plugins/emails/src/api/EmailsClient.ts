import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { IncomingServer, OutgoingServer } from '@internal/plugin-emails-common';
import { EmailsApi } from './EmailsApi';

/** EmailsApi over the backend's REST API, with the signed-in user's credentials. */
export class EmailsClient implements EmailsApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  listIncomingServers(): Promise<IncomingServer[]> {
    return this.get('/servers/incoming');
  }

  listOutgoingServers(): Promise<OutgoingServer[]> {
    return this.get('/servers/outgoing');
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('emails');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
