import { InputError } from '@backstage/errors';
import {
  emailsAuditReadPermission,
  emailsPreferenceManagePermission,
  emailsServerManagePermission,
  emailsServerReadPermission,
  EmailsHealth,
  MailDirection,
} from '@internal/plugin-emails-common';
import express from 'express';
import Router from 'express-promise-router';
import { ConfigAuditStore } from '../database';
import { ConnectionService } from '../servers/ConnectionService';
import { MailServerService } from '../servers/MailServerService';
import { PreferenceService } from '../servers/PreferenceService';
import { ProxyService } from '../servers/ProxyService';
import { optionalString, optionalWholeNumber } from './queryParams';
import { Access } from './access';
import { MailboxTasks } from '../fetching';
import { SampleFetchError } from '../mail';
import { streamTest } from './streamTest';

/** What the router needs; it holds no logic of its own. */
export interface RouterOptions {
  access: Access;
  servers: Record<MailDirection, MailServerService>;
  proxies: ProxyService;
  preferences: PreferenceService;
  connections: ConnectionService;
  configAudit: ConfigAuditStore;
  mailboxes: Pick<MailboxTasks, 'syncNow' | 'resume'>;
}

function direction(value: string): MailDirection {
  if (value !== 'incoming' && value !== 'outgoing') {
    throw new InputError(
      `Unknown server direction ${value}: use incoming or outgoing`,
    );
  }
  return value;
}

/** The emails REST API (docs/api.md). */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    access,
    servers,
    proxies,
    preferences,
    connections,
    configAudit,
    mailboxes,
  } = options;
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  router.get('/health', (_req, res) => {
    const body: EmailsHealth = { status: 'ok' };
    res.json(body);
  });

  router.get('/servers/:direction', async (req, res) => {
    await access(req, emailsServerReadPermission);
    res.json(await servers[direction(req.params.direction)].list());
  });
  router.post('/servers/:direction', async (req, res) => {
    const context = await access(req, emailsServerManagePermission);
    res
      .status(201)
      .json(
        await servers[direction(req.params.direction)].create(
          req.body,
          context,
        ),
      );
  });
  router.get('/servers/:direction/:id', async (req, res) => {
    await access(req, emailsServerReadPermission);
    res.json(await servers[direction(req.params.direction)].get(req.params.id));
  });
  router.put('/servers/:direction/:id', async (req, res) => {
    const context = await access(req, emailsServerManagePermission);
    res.json(
      await servers[direction(req.params.direction)].update(
        req.params.id,
        req.body,
        context,
      ),
    );
  });
  router.delete('/servers/:direction/:id', async (req, res) => {
    const context = await access(req, emailsServerManagePermission);
    await servers[direction(req.params.direction)].delete(
      req.params.id,
      context,
    );
    res.status(204).end();
  });
  router.post('/servers/:direction/:id/test', async (req, res) => {
    await access(req, emailsServerManagePermission);
    const to = req.body?.to;
    if (to !== undefined && typeof to !== 'string') {
      throw new InputError('Invalid test: to must be an email address');
    }
    await streamTest(req, res, onStage =>
      connections.test(direction(req.params.direction), req.params.id, {
        to,
        onStage,
      }),
    );
  });
  router.post('/servers/incoming/:id/sample', async (req, res) => {
    await access(req, emailsServerManagePermission);
    try {
      res.json(await connections.sample(req.params.id));
    } catch (error) {
      if (!(error instanceof SampleFetchError)) throw error;
      // The mail server failed, not the backend: 502 naming what failed (masked).
      res.status(error.statusCode).json({
        error: error.toBody(),
        request: { method: req.method, url: req.originalUrl.split('?')[0] },
        response: { statusCode: error.statusCode },
      });
    }
  });

  router.post('/servers/incoming/:id/sync', async (req, res) => {
    await access(req, emailsServerManagePermission);
    res.status(202).json(await mailboxes.syncNow(req.params.id));
  });
  router.post('/servers/incoming/:id/resume', async (req, res) => {
    await access(req, emailsServerManagePermission);
    await mailboxes.resume(req.params.id);
    res.status(204).end();
  });

  router.get('/proxies', async (req, res) => {
    await access(req, emailsServerReadPermission);
    res.json(await proxies.list());
  });
  router.post('/proxies', async (req, res) => {
    const context = await access(req, emailsServerManagePermission);
    res.status(201).json(await proxies.create(req.body, context));
  });
  router.put('/proxies/:id', async (req, res) => {
    const context = await access(req, emailsServerManagePermission);
    res.json(await proxies.update(req.params.id, req.body, context));
  });
  router.delete('/proxies/:id', async (req, res) => {
    const context = await access(req, emailsServerManagePermission);
    await proxies.delete(req.params.id, context);
    res.status(204).end();
  });

  router.get('/preferences', async (req, res) => {
    await access(req, emailsServerReadPermission);
    res.json(await preferences.get());
  });
  router.put('/preferences', async (req, res) => {
    const context = await access(req, emailsPreferenceManagePermission);
    res.json(await preferences.put(req.body, context));
  });

  router.get('/audit/config', async (req, res) => {
    await access(req, emailsAuditReadPermission);
    const limit = optionalWholeNumber(req.query.limit, 'limit', {
      min: 1,
      max: 1000,
    });
    const target = optionalString(req.query.target, 'target');
    res.json(await configAudit.list({ target, limit }));
  });

  return router;
}
