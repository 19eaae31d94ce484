import { InputError } from '@backstage/errors';
import {
  emailsServerManagePermission,
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
import { Access } from './access';
import { MessageReplayService } from './MessageReplayService';
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

/**
 * The processing log, tickets and attachments (docs/api.md): each caller
 * sees the tickets `emails.ticket.read` allows, with their messages and
 * attachments; anything else is a 404, as if it did not exist.
 */
export function createInboundRouter(options: {
  access: Access;
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
  const replays = new MessageReplayService({ stores, ingest });
  const router = Router();

  router.get('/messages', async (req, res) => {
    const readable = await access.tickets(req);
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
        access: readable,
      }),
    );
  });
  router.get('/messages/:id', async (req, res) => {
    const { summary, ...message } = await stores.inboundMessages.get(
      req.params.id,
      await access.readable(req),
    );
    res.json({ to: [], cc: [], attachments: [], ...summary, ...message });
  });
  router.get('/messages/:id/raw', async (req, res) => {
    const raw = await stores.inboundMessages.raw(
      req.params.id,
      await access.readable(req),
    );
    res.setHeader('Content-Type', 'message/rfc822');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="message-${req.params.id}.eml"`,
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(raw);
  });
  router.post('/messages/:id/replay', async (req, res) => {
    const { actor } = await access(req, emailsServerManagePermission);
    await stores.inboundMessages.get(req.params.id, await access.readable(req));
    const replay = await replays.replay(req.params.id, actor);
    const {
      summary: _s,
      trace: _t,
      ...message
    } = await stores.inboundMessages.get(req.params.id);
    res.json({ ...message, replay });
  });

  router.get('/tickets', async (req, res) => {
    const readable = await access.tickets(req);
    res.json(
      await tickets.list(
        {
          entityRef: optionalString(req.query.entityRef, 'entityRef'),
          status: optionalString(req.query.status, 'status'),
          cursor: optionalString(req.query.cursor, 'cursor'),
        },
        readable,
      ),
    );
  });
  router.get('/tickets/:id', async (req, res) => {
    res.json(await tickets.get(req.params.id, await access.readable(req)));
  });
  if (replies) {
    router.post(
      '/tickets/:id/replies',
      express.json({ limit: '30mb' }),
      async (req, res) => {
        const context = await access(req, emailsTicketReplyPermission);
        await access.ticket(req, req.params.id);
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
        await access.ticket(req, req.params.id);
        const closed = await ticketStatus.close(req.params.id, req.body, {
          userEntityRef: context.actor,
        });
        options.onQueued?.();
        res.json(closed);
      },
    );
    router.post('/tickets/:id/reopen', async (req, res) => {
      await access(req, emailsTicketReplyPermission);
      await access.ticket(req, req.params.id);
      res.json(await ticketStatus.reopen(req.params.id));
    });
  }
  router.get('/attachments/:id', async (req, res) => {
    const file = await stores.attachments.get(
      req.params.id,
      await access.readable(req),
    );
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
