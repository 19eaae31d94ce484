import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  emailsAuditReadPermission,
  emailsPermissions,
  emailsServerManagePermission,
  emailsServerReadPermission,
} from '@internal/plugin-emails-common';
import { EmailsPermissionPolicy } from './EmailsPermissionPolicy';

const userIn = (...ownershipEntityRefs: string[]): PolicyQueryUser =>
  ({
    identity: {
      type: 'user',
      userEntityRef: ownershipEntityRefs[0],
      ownershipEntityRefs,
    },
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
    credentials: {} as any,
    token: 'token',
  } as unknown as PolicyQueryUser);

describe('EmailsPermissionPolicy', () => {
  const policy = EmailsPermissionPolicy.fromConfig(
    new ConfigReader({ emails: { admins: ['group:default/IT-Support'] } }),
  );
  const admin = userIn('user:default/alice', 'group:default/it-support');
  const member = userIn('user:default/bob', 'group:default/sales');

  it('lets admin group members do everything in emails', async () => {
    for (const permission of emailsPermissions) {
      const decision = await policy.handle({ permission }, admin);
      expect(decision.result).toBe(AuthorizeResult.ALLOW);
    }
  });

  it('lets other signed-in users read only', async () => {
    const read = await policy.handle(
      { permission: emailsServerReadPermission },
      member,
    );
    const audit = await policy.handle(
      { permission: emailsAuditReadPermission },
      member,
    );
    const manage = await policy.handle(
      { permission: emailsServerManagePermission },
      member,
    );
    expect(read.result).toBe(AuthorizeResult.ALLOW);
    expect(audit.result).toBe(AuthorizeResult.ALLOW);
    expect(manage.result).toBe(AuthorizeResult.DENY);
  });

  it('denies emails permissions without a user, and leaves other plugins alone', async () => {
    const anonymous = await policy.handle({
      permission: emailsServerReadPermission,
    });
    expect(anonymous.result).toBe(AuthorizeResult.DENY);
    const catalogRead = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
    });
    expect(
      (await policy.handle({ permission: catalogRead }, member)).result,
    ).toBe(AuthorizeResult.ALLOW);
  });

  it('makes nobody an admin when emails.admins is not configured', async () => {
    const open = EmailsPermissionPolicy.fromConfig(new ConfigReader({}));
    const decision = await open.handle(
      { permission: emailsServerManagePermission },
      admin,
    );
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });
});
