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
import { ConditionTransformer } from '@backstage/plugin-permission-node';
import { emailsTicketReadPermission } from '@internal/plugin-emails-common';
import { Request } from 'express';
import { ChangeContext } from '../audit/ConfigAuditRecorder';
import {
  NO_TICKETS,
  TechnicianGroupQuery,
  TicketAccess,
  TicketStore,
} from '../database';

/** Authenticates requests and checks their permissions (docs/permissions.md). */
export interface Access {
  /** Checks one permission; 403 names it. Answers who acts, for the audit. */
  (req: Request, permission: BasicPermission): Promise<ChangeContext>;
  /**
   * The tickets (with their messages and attachments) the caller may read,
   * for the stores to filter by; 403 when the policy allows none at all.
   */
  tickets(req: Request): Promise<TicketAccess>;
  /**
   * The same for one ticket, message or attachment: a caller who may read
   * none gets {@link NO_TICKETS}, so the item is a 404, not a 403.
   */
  readable(req: Request): Promise<TicketAccess>;
  /** 404 unless the caller may read this ticket, so its existence does not leak. */
  ticket(req: Request, ticketId: string): Promise<void>;
}

/** Authenticates a request and checks one permission; 403 names the permission. */
export function createAccess(
  httpAuth: HttpAuthService,
  permissions: PermissionsService,
  ticketRules: {
    /** Turns the policy's conditions on tickets into store filters. */
    toQuery: ConditionTransformer<TechnicianGroupQuery>;
    store: Pick<TicketStore, 'get'>;
  },
): Access {
  const access = async (req: Request, permission: BasicPermission) => {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Missing permission ${permission.name}`);
    }
    return { actor: actorOf(credentials), request: req };
  };
  const tickets = async (req: Request): Promise<TicketAccess> => {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorizeConditional(
      [{ permission: emailsTicketReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return 'all';
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      return ticketRules.toQuery(decision.conditions);
    }
    throw new NotAllowedError(
      `Missing permission ${emailsTicketReadPermission.name}`,
    );
  };
  const readable = (req: Request) =>
    tickets(req).catch(error => {
      if (error instanceof NotAllowedError) return NO_TICKETS;
      throw error;
    });
  const ticket = async (req: Request, ticketId: string) => {
    await ticketRules.store.get(ticketId, await readable(req));
  };
  return Object.assign(access, { tickets, readable, ticket });
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
