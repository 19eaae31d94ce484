// The emails plugin in a test backend, with a policy like the portal's and a
// recording logger and auditor, for route tests.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { BackendFeature } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PermissionEvaluator,
} from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { emailsPlugin } from '../plugin';

/** A key for the tests, so secrets are really encrypted. */
export const TEST_ENCRYPTION_KEY =
  'q1kC7m0vN3f9Yb2Xr8Lw5Tz4Hs6Jd1Pa0Ue3Ig7Oc2M=';

/** The catalog groups the tests know. */
export const GROUPS: Entity[] = ['it-support', 'sales'].map(name => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
}));

/** Who calls: an admin, a reader (no manage permissions) or nobody. */
export type Caller = 'admin' | 'reader' | 'anonymous';

const ADMIN = 'user:default/alice';
const READER = 'user:default/rita';

// Mirrors the portal policy: the admin may do everything, others only read.
const permissions: Partial<PermissionEvaluator> = {
  async authorize(requests, options) {
    const principal = (options as any)?.credentials?.principal;
    return requests.map(r => ({
      result:
        principal?.userEntityRef === ADMIN ||
        ('permission' in r && r.permission.attributes.action === 'read')
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    })) as any;
  },
};

/** Starts the emails plugin with a recording logger and auditor; `emails` adds to its config. */
export async function startEmailsBackend(
  emails: object = {},
  extraFeatures: BackendFeature[] = [],
) {
  const logger = mockServices.logger.mock();
  logger.child.mockImplementation(() => logger);
  const auditor = mockServices.auditor.mock();
  const events: unknown[] = [];
  auditor.createEvent.mockImplementation(async options => {
    events.push(options.meta);
    return { success: async () => {}, fail: async () => {} };
  });
  const { server } = await startTestBackend({
    features: [
      emailsPlugin,
      logger.factory,
      auditor.factory,
      mockServices.permissions.mock(permissions).factory,
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: {
          emails: { encryption: { key: TEST_ENCRYPTION_KEY }, ...emails },
        },
      }),
      catalogServiceMock.factory({ entities: GROUPS }),
      ...extraFeatures,
    ],
  });
  const bodies: string[] = [];
  const call = async (
    caller: Caller,
    method: 'get' | 'post' | 'put' | 'delete',
    path: string,
    body?: unknown,
  ) => {
    let req = request(server)[method](`/api/emails${path}`);
    if (caller !== 'anonymous') {
      req = req.set(
        'Authorization',
        mockCredentials.user.header(caller === 'admin' ? ADMIN : READER),
      );
    }
    const res = body === undefined ? await req : await req.send(body as object);
    bodies.push(res.text);
    return res;
  };
  /** Everything the backend said: response bodies, log lines, auditor events. */
  const everythingSaid = () =>
    [
      ...bodies,
      ...[logger.info, logger.warn, logger.error, logger.debug].flatMap(fn =>
        fn.mock.calls.map(args => JSON.stringify(args)),
      ),
      ...events.map(e => JSON.stringify(e)),
    ].join('\n');
  return { server, call, logger, auditorEvents: events, everythingSaid };
}
