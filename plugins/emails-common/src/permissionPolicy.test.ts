import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { decideEmailsPermission } from './permissionPolicy';
import {
  emailsAuditReadPermission,
  emailsPermissions,
  emailsServerManagePermission,
  emailsServerReadPermission,
  emailsTicketReadPermission,
  emailsTicketReplyPermission,
} from './permissions';

const ADMINS = ['group:default/IT-Support'];
const admin = {
  ownershipEntityRefs: ['user:default/alice', 'group:default/it-support'],
};
const technician = {
  ownershipEntityRefs: ['user:default/tom', 'group:default/Sales'],
};

describe('decideEmailsPermission', () => {
  it('allows an admin group member every emails permission, comparing refs without case', () => {
    for (const permission of emailsPermissions) {
      expect(decideEmailsPermission(permission, admin, ADMINS)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('lets other users read the tickets of their groups only', () => {
    expect(
      decideEmailsPermission(emailsTicketReadPermission, technician, ADMINS),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'emails',
      resourceType: 'emails-ticket',
      conditions: {
        rule: 'IS_IN_TECHNICIAN_GROUP',
        resourceType: 'emails-ticket',
        params: { groups: ['user:default/tom', 'group:default/sales'] },
      },
    });
  });

  it('denies other users the audit, server details and every change', () => {
    for (const permission of [
      emailsAuditReadPermission,
      emailsServerReadPermission,
      emailsServerManagePermission,
      emailsTicketReplyPermission,
    ]) {
      expect(decideEmailsPermission(permission, technician, ADMINS)).toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });

  it('denies requests without a user, and leaves other plugins to the caller', () => {
    expect(
      decideEmailsPermission(emailsTicketReadPermission, undefined, ADMINS),
    ).toEqual({ result: AuthorizeResult.DENY });
    const catalogRead = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
    });
    expect(decideEmailsPermission(catalogRead, admin, ADMINS)).toBeUndefined();
  });

  it('makes nobody an admin without admin groups', () => {
    expect(
      decideEmailsPermission(emailsServerManagePermission, admin, []),
    ).toEqual({ result: AuthorizeResult.DENY });
  });
});
