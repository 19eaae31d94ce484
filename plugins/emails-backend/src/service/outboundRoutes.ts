import { InputError } from '@backstage/errors';
import {
  emailsAuditReadPermission,
  emailsServerManagePermission,
} from '@internal/plugin-emails-common';
import express from 'express';
import Router from 'express-promise-router';
import { OutboundMessage, OutboundStatus, OutboundStore } from '../database';
import { PluginSender } from '../outbound/PluginSender';
import { Access } from './access';
import { optionalString, optionalWholeNumber } from './queryParams';

const STATUSES: OutboundStatus[] = ['queued', 'sending', 'sent', 'failed'];

/** An outbound message as the API shows it: the envelope and state, never the bytes. */
function toView(message: OutboundMessage) {
  const { raw, claimedBy: _c, idempotencyKey: _k, ...view } = message;
  return { ...view, sizeBytes: raw.length };
}

/** The Outgoing queue: what was sent, what waits, what failed and why; retry (docs/api.md). */
export function createOutboundRouter(options: {
  access: Access;
  outbound: OutboundStore;
  /** Wakes the worker after a retry or a send, so it need not wait for its next run. */
  onRetry?: () => void;
  /** Sending for other backend plugins (emailsServiceRef); service credentials only. */
  plugins?: {
    sender: PluginSender;
    /** The calling plugin; NotAllowedError for anyone else. */
    callerOf(req: express.Request): Promise<string>;
  };
}): express.Router {
  const { access, outbound } = options;
  const router = Router();

  router.get('/outbound', async (req, res) => {
    await access(req, emailsAuditReadPermission);
    const status = optionalString(req.query.status, 'status');
    if (status && !STATUSES.includes(status as OutboundStatus)) {
      throw new InputError(
        `Invalid query: status must be one of ${STATUSES.join(', ')}`,
      );
    }
    const messages = await outbound.list({
      status: status as OutboundStatus | undefined,
      ticketId: optionalString(req.query.ticketId, 'ticketId'),
      limit: optionalWholeNumber(req.query.limit, 'limit', {
        min: 1,
        max: 500,
      }),
      offset: optionalWholeNumber(req.query.offset, 'offset', {
        min: 0,
        max: Number.MAX_SAFE_INTEGER,
      }),
    });
    res.json({ items: messages.map(toView) });
  });

  router.get('/outbound/:id', async (req, res) => {
    await access(req, emailsAuditReadPermission);
    res.json(toView(await outbound.get(req.params.id)));
  });

  if (options.plugins) {
    const { sender, callerOf } = options.plugins;
    router.post(
      '/outbound',
      express.json({ limit: '2mb' }),
      async (req, res) => {
        const caller = await callerOf(req);
        const queued = await sender.send(req.body, caller);
        options.onRetry?.();
        res.status(202).json(toView(await outbound.get(queued.id)));
      },
    );
  }

  router.post('/outbound/:id/retry', async (req, res) => {
    await access(req, emailsServerManagePermission);
    const message = await outbound.retry(req.params.id);
    options.onRetry?.();
    res.json(toView(message));
  });

  return router;
}
