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
  emailsTicketReadPermission,
  emailsTicketReplyPermission,
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
  const technician = userIn('user:default/bob', 'group:default/sales');

  it('lets admin group members do everything in emails', async () => {
    for (const permission of emailsPermissions) {
      const decision = await policy.handle({ permission }, admin);
      expect(decision.result).toBe(AuthorizeResult.ALLOW);
    }
  });

  it('lets other users read the tickets of their own groups, nothing else', async () => {
    const tickets = await policy.handle(
      { permission: emailsTicketReadPermission },
      technician,
    );
    expect(tickets).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'emails',
      resourceType: 'emails-ticket',
      conditions: {
        rule: 'IS_IN_TECHNICIAN_GROUP',
        resourceType: 'emails-ticket',
        params: { groups: ['user:default/bob', 'group:default/sales'] },
      },
    });
    for (const permission of [
      emailsServerReadPermission,
      emailsAuditReadPermission,
      emailsServerManagePermission,
      emailsTicketReplyPermission,
    ]) {
      expect((await policy.handle({ permission }, technician)).result).toBe(
        AuthorizeResult.DENY,
      );
    }
  });

  it('denies emails permissions without a user, and leaves other plugins alone', async () => {
    const anonymous = await policy.handle({
      permission: emailsTicketReadPermission,
    });
    expect(anonymous.result).toBe(AuthorizeResult.DENY);
    const catalogRead = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
    });
    expect(
      (await policy.handle({ permission: catalogRead }, technician)).result,
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
