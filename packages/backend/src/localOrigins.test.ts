import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { RootConfigService } from '@backstage/backend-plugin-api';
import {
  mockServices,
  ServiceFactoryTester,
} from '@backstage/backend-test-utils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';

// Guest sign-in failed at http://127.0.0.1:3000: the local backend let only
// the localhost origin call it, so the browser refused every answer.
describe('the local portal backend', () => {
  let config: RootConfigService;
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    const appConfig = path.resolve(__dirname, '../../../app-config.yaml');
    // The loader announces its sources on the console: not the tests' output.
    const log = jest.spyOn(console, 'log').mockImplementation(() => {});
    config = await ServiceFactoryTester.from(
      rootConfigServiceFactory({
        argv: ['node', 'backend', '--config', appConfig],
        watch: false,
      }),
    ).getSubject();
    log.mockRestore();
    const cors = MiddlewareFactory.create({
      config,
      logger: mockServices.logger.mock(),
    }).cors();
    // The backend's own CORS middleware, read from app-config.yaml.
    server = http.createServer((req, res) =>
      cors(req as any, res as any, () => res.end('ok')),
    );
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise(resolve => server?.close(resolve));
  });

  const allowedOrigin = async (origin: string) =>
    (
      await fetch(`${base}/api/auth/guest/refresh`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' },
      })
    ).headers.get('access-control-allow-origin');

  it.each(['http://localhost:3000', 'http://127.0.0.1:3000'])(
    'answers the app at %s',
    async origin => {
      expect(await allowedOrigin(origin)).toBe(origin);
    },
  );

  it('answers no other origin', async () => {
    expect(await allowedOrigin('http://127.0.0.1:4000')).toBeNull();
    expect(await allowedOrigin('http://evil.example')).toBeNull();
  });

  it('lets sign-in popups come back to the app at either name', () => {
    const origins = [
      new URL(config.getString('app.baseUrl')).origin,
      ...(config.getOptionalStringArray(
        'auth.experimentalExtraAllowedOrigins',
      ) ?? []),
    ];
    expect(origins).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000']);
  });
});
