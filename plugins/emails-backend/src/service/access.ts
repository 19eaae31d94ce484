import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { Request } from 'express';
import { ChangeContext } from '../audit/ConfigAuditRecorder';

/** Authenticates a request and checks one permission; 403 names the permission. */
export function createAccess(
  httpAuth: HttpAuthService,
  permissions: PermissionsService,
) {
  return async function access(
    req: Request,
    permission: BasicPermission,
  ): Promise<ChangeContext> {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Missing permission ${permission.name}`);
    }
    return { actor: actorOf(credentials), request: req };
  };
}

/** Who the audit trail names: the user's entity ref, or the calling service. */
export function actorOf(credentials: BackstageCredentials): string {
  const p = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (p.type === 'user' && p.userEntityRef) return p.userEntityRef;
  if (p.type === 'service' && p.subject) return p.subject;
  return 'unknown';
}

/**
 * Accepts only calls from other backend plugins (service credentials) and
 * names the caller, e.g. `plugin:catalog`; users get a 403.
 */
export function createServiceAccess(httpAuth: HttpAuthService) {
  return async function callerOf(req: Request): Promise<string> {
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    return credentials.principal.subject;
  };
}
