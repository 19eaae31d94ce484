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
import { decideEmailsPermission } from '@internal/plugin-emails-common';

/**
 * The portal's policy: members of the groups in `emails.admins` manage and
 * read everything in the email channel; other users read the tickets (and
 * their messages and attachments) of the groups they belong to; the audit,
 * server details and every change are for admins. The decisions are
 * `decideEmailsPermission` (emails-common), which the emails plugin's tests
 * use too. Permissions of other plugins are allowed, as the portal had them
 * before the channel existed.
 */
export class EmailsPermissionPolicy implements PermissionPolicy {
  /** Reads the admin groups from `emails.admins`. */
  static fromConfig(config: Config): EmailsPermissionPolicy {
    return new EmailsPermissionPolicy(
      config.getOptionalStringArray('emails.admins') ?? [],
    );
  }

  constructor(private readonly adminGroups: string[]) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    return (
      decideEmailsPermission(
        request.permission,
        user?.info,
        this.adminGroups,
      ) ?? { result: AuthorizeResult.ALLOW }
    );
  }
}
