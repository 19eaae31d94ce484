import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { EMAILS_PERMISSION_PREFIX } from '@internal/plugin-emails-common';

/**
 * The portal's policy: members of the groups in `emails.admins` manage the
 * email channel; every other signed-in user may read it. Permissions of other
 * plugins are allowed, as the portal had them before the channel existed.
 */
export class EmailsPermissionPolicy implements PermissionPolicy {
  private readonly admins: Set<string>;

  /** Reads the admin groups from `emails.admins`. */
  static fromConfig(config: Config): EmailsPermissionPolicy {
    return new EmailsPermissionPolicy(
      config.getOptionalStringArray('emails.admins') ?? [],
    );
  }

  constructor(adminGroups: string[]) {
    this.admins = new Set(
      adminGroups.map(ref => ref.toLocaleLowerCase('en-US')),
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!permission.name.startsWith(EMAILS_PERMISSION_PREFIX)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    if (this.isAdmin(user)) {
      return { result: AuthorizeResult.ALLOW };
    }
    return {
      result:
        permission.attributes.action === 'read'
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    };
  }

  private isAdmin(user: PolicyQueryUser): boolean {
    return user.info.ownershipEntityRefs.some(ref =>
      this.admins.has(ref.toLocaleLowerCase('en-US')),
    );
  }
}
