import { mockServices } from '@backstage/backend-test-utils';
import { TestBed } from '@internal/emails-test-bed';
import { Stores } from '../../database';
import { OutboundWorker } from '../OutboundWorker';

/**
 * Makes the test bed's submission service (STARTTLS, basic auth as `user`)
 * the primary outgoing server, and returns a worker sending through it.
 */
export async function sendThroughBedSubmission(
  stores: Stores,
  bed: TestBed,
  user: string,
) {
  const server = await stores.outgoingServers.create({
    name: 'Submission',
    email: user,
    protocol: 'smtp',
    enabled: true,
    primary: true,
    settings: {
      host: bed.host,
      port: bed.ports.submission,
      security: 'starttls',
      authNeeded: true,
      authType: 'basic',
      username: user,
    },
  });
  const worker = new OutboundWorker({
    store: stores.outbound,
    servers: {
      list: () => stores.outgoingServers.list(),
      withSecrets: async (id: string) => ({
        record: await stores.outgoingServers.get(id),
        secrets: { password: bed.passwordOf(user) },
      }),
    },
    trustedCertificates: [bed.caPem],
    logger: mockServices.logger.mock(),
  });
  return { server, worker };
}
