// The emails plugin in a test backend, with the portal's policy decisions and
// a recording logger and auditor, for route tests.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  BackendFeature,
  coreServices,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { decideEmailsPermission } from '@internal/plugin-emails-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { emailsPlugin } from '../plugin';

// The default mock database's knex pool is never destroyed, and its reaping
// interval kept Jest workers alive ("failed to exit gracefully");
// TestDatabases destroys the pools it hands out after the file's tests.
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/**
 * Whether the database is left to the default mock: when a test brings its
 * own database service, or starts another plugin beside emails (each plugin
 * then needs a database of its own, which the shared knex is not).
 */
const keepsDefaultDatabase = (features: BackendFeature[]) =>
  features.some(f => {
    const feature = f as {
      service?: { id?: string };
      getRegistrations?: () => { type: string }[];
    };
    return (
      feature.service?.id === coreServices.database.id ||
      !!feature.getRegistrations?.().some(r => r.type.startsWith('plugin'))
    );
  });

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

/** The group whose members the test policy makes emails admins (alice's). */
export const TEST_ADMIN_GROUP = 'group:default/emails-admins';

/**
 * Who calls, with the ownership refs the catalog would give them: an admin,
 * technicians of it-support (`technician`, and `reader` of older tests) and
 * of sales (`otherTechnician`), a user in no group, or nobody.
 */
export const CALLERS = {
  admin: ['user:default/alice', TEST_ADMIN_GROUP],
  technician: ['user:default/tom', 'group:default/it-support'],
  reader: ['user:default/rita', 'group:default/it-support'],
  otherTechnician: ['user:default/sam', 'group:default/sales'],
  noGroup: ['user:default/nina'],
} satisfies Record<string, string[]>;

/** A caller of {@link CALLERS}, or `anonymous` (no credentials). */
export type Caller = keyof typeof CALLERS | 'anonymous';

const ownership = new Map(
  Object.values(CALLERS).map(refs => [refs[0], refs] as const),
);

/**
 * The portal's decisions (decideEmailsPermission, as EmailsPermissionPolicy
 * makes them) with TEST_ADMIN_GROUP as the admin group. Services are
 * allowed without the policy, as Backstage's permissions service does.
 */
function decide(permission: Permission, credentials: any): PolicyDecision {
  const principal = credentials?.principal;
  if (principal?.type === 'service') return { result: AuthorizeResult.ALLOW };
  const user =
    principal?.type === 'user'
      ? {
          ownershipEntityRefs: ownership.get(principal.userEntityRef) ?? [
            principal.userEntityRef,
          ],
        }
      : undefined;
  return (
    decideEmailsPermission(permission, user, [TEST_ADMIN_GROUP]) ?? {
      result: AuthorizeResult.ALLOW,
    }
  );
}

const permissions: Partial<PermissionsService> = {
  async authorize(requests, options) {
    return requests.map(r => {
      const decision = decide(r.permission, options?.credentials);
      if (decision.result === AuthorizeResult.CONDITIONAL) {
        // The permission backend would apply it to the resourceRef; the
        // plugin's routes ask with authorizeConditional instead.
        throw new Error(`Conditional decision for ${r.permission.name}`);
      }
      return decision;
    }) as any;
  },
  async authorizeConditional(requests, options) {
    return requests.map(r => decide(r.permission, options?.credentials)) as any;
  },
};

/**
 * Starts the emails plugin with a recording logger and auditor; `emails` adds
 * to its config; `options` replaces the catalog's entities (default GROUPS)
 * and adds other top-level config, for plugins started beside it.
 */
export async function startEmailsBackend(
  emails: object = {},
  extraFeatures: BackendFeature[] = [],
  options: { catalogEntities?: Entity[]; config?: object } = {},
) {
  const logger = mockServices.logger.mock();
  logger.child.mockImplementation(() => logger);
  const auditor = mockServices.auditor.mock();
  const events: unknown[] = [];
  auditor.createEvent.mockImplementation(async event => {
    events.push(event.meta);
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
          ...options.config,
          emails: {
            encryption: { key: TEST_ENCRYPTION_KEY },
            ...emails,
            // No sender verification of our own unless a test asks: it would need DNS.
            senderAuthentication: {
              verify: false,
              ...(emails as { senderAuthentication?: object })
                .senderAuthentication,
            },
          },
        },
      }),
      catalogServiceMock.factory({
        entities: options.catalogEntities ?? GROUPS,
      }),
      ...(keepsDefaultDatabase(extraFeatures)
        ? []
        : [
            mockServices.database.factory({
              knex: await databases.init('SQLITE_3'),
            }),
          ]),
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
        mockCredentials.user.header(CALLERS[caller][0]),
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
