import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  emailsServerReadPermission,
  EmailsHealth,
} from '@internal/plugin-emails-common';
import express from 'express';
import Router from 'express-promise-router';
import { MailServerStore } from '../database';
import { toIncomingServer, toOutgoingServer } from './serverView';

/** What the router needs; it holds no logic of its own. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  incomingServers: MailServerStore;
  outgoingServers: MailServerStore;
}

/** The emails REST API (see API.md). */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, incomingServers, outgoingServers } = options;
  const router = Router();
  router.use(express.json());

  const authorize = async (
    req: express.Request,
    permission: BasicPermission,
  ) => {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Missing permission ${permission.name}`);
    }
    return credentials;
  };

  router.get('/health', (_req, res) => {
    const body: EmailsHealth = { status: 'ok' };
    res.json(body);
  });

  router.get('/servers/incoming', async (req, res) => {
    await authorize(req, emailsServerReadPermission);
    res.json((await incomingServers.list()).map(toIncomingServer));
  });

  router.get('/servers/outgoing', async (req, res) => {
    await authorize(req, emailsServerReadPermission);
    res.json((await outgoingServers.list()).map(toOutgoingServer));
  });

  return router;
}
