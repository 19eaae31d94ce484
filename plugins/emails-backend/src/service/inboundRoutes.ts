import { InputError } from '@backstage/errors';
import {
  emailsAuditReadPermission,
  emailsServerManagePermission,
  emailsTicketReadPermission,
  emailsTicketReplyPermission,
  InboundStatus,
} from '@internal/plugin-emails-common';
import express from 'express';
import Router from 'express-promise-router';
import { Stores } from '../database';
import { IngestService } from '../ingest/IngestService';
import { TicketQueries } from '../ticketing/TicketQueries';
import { TicketReplyService } from '../ticketing/TicketReplyService';
import { TicketStatusService } from '../ticketing/TicketStatusService';
import { createAccess } from './access';
import { optionalString } from './queryParams';

const STATUSES: InboundStatus[] = [
  'received',
  'ticketed',
  'appended',
  'ignored',
  'rejected',
  'failed',
  'quarantined',
  'duplicate',
];

/** The processing log, tickets and attachments (docs/api.md). */
export function createInboundRouter(options: {
  access: ReturnType<typeof createAccess>;
  stores: Stores;
  ingest: IngestService;
  tickets: TicketQueries;
  replies?: TicketReplyService;
  /** Close and reopen (built-in ticketing). */
  status?: TicketStatusService;
  /** After a reply or notification is queued: send it now, not at the worker's next run. */
  onQueued?: () => void;
}): express.Router {
  const { access, stores, ingest, tickets, replies } = options;
  const ticketStatus = options.status;
  const router = Router();

  router.get('/messages', async (req, res) => {
    await access(req, emailsAuditReadPermission);
    const status = optionalString(req.query.status, 'status');
    if (status && !STATUSES.includes(status as InboundStatus)) {
      throw new InputError(
        `Invalid query: status must be one of ${STATUSES.join(', ')}`,
      );
    }
    const cursor = optionalString(req.query.cursor, 'cursor');
    if (cursor && !/^\d+$/.test(cursor)) {
      throw new InputError(
        'Invalid query: cursor must be the nextCursor of the previous page',
      );
    }
    res.json(
      await stores.inboundMessages.list({
        serverId: optionalString(req.query.serverId, 'serverId'),
        status: status as InboundStatus | undefined,
        q: optionalString(req.query.q, 'q'),
        cursor,
      }),
    );
  });
  router.get('/messages/:id', async (req, res) => {
    await access(req, emailsAuditReadPermission);
    const { summary, ...message } = await stores.inboundMessages.get(
      req.params.id,
    );
    res.json({ to: [], cc: [], attachments: [], ...summary, ...message });
  });
  router.get('/messages/:id/raw', async (req, res) => {
    await access(req, emailsAuditReadPermission);
    const raw = await stores.inboundMessages.raw(req.params.id);
    res.setHeader('Content-Type', 'message/rfc822');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="message-${req.params.id}.eml"`,
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(raw);
  });
  router.post('/messages/:id/replay', async (req, res) => {
    await access(req, emailsServerManagePermission);
    await ingest.process(req.params.id, { replay: true });
    const {
      summary: _s,
      trace: _t,
      ...message
    } = await stores.inboundMessages.get(req.params.id);
    res.json(message);
  });

  router.get('/tickets', async (req, res) => {
    await access(req, emailsTicketReadPermission);
    res.json(
      await tickets.list({
        entityRef: optionalString(req.query.entityRef, 'entityRef'),
        status: optionalString(req.query.status, 'status'),
        cursor: optionalString(req.query.cursor, 'cursor'),
      }),
    );
  });
  router.get('/tickets/:id', async (req, res) => {
    await access(req, emailsTicketReadPermission);
    res.json(await tickets.get(req.params.id));
  });
  if (replies) {
    router.post(
      '/tickets/:id/replies',
      express.json({ limit: '30mb' }),
      async (req, res) => {
        const context = await access(req, emailsTicketReplyPermission);
        const reply = await replies.reply(req.params.id, req.body, {
          userEntityRef: context.actor,
        });
        options.onQueued?.();
        res.status(201).json(reply);
      },
    );
  }
  if (ticketStatus) {
    router.post(
      '/tickets/:id/close',
      express.json({ limit: '1mb' }),
      async (req, res) => {
        const context = await access(req, emailsTicketReplyPermission);
        const closed = await ticketStatus.close(req.params.id, req.body, {
          userEntityRef: context.actor,
        });
        options.onQueued?.();
        res.json(closed);
      },
    );
    router.post('/tickets/:id/reopen', async (req, res) => {
      await access(req, emailsTicketReplyPermission);
      res.json(await ticketStatus.reopen(req.params.id));
    });
  }
  router.get('/attachments/:id', async (req, res) => {
    await access(req, emailsTicketReadPermission);
    const file = await stores.attachments.get(req.params.id);
    // Always a download: never rendered by the browser, whatever it claims to be.
    res.setHeader('Content-Type', 'application/octet-stream');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.send(file.content);
  });

  return router;
}
