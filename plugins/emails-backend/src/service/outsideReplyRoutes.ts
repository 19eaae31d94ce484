import { AuditorService } from '@backstage/backend-plugin-api';
import {
  emailsTicketReplyPermission,
  OutsideReplyDecision,
  TicketEntry,
} from '@internal/plugin-emails-common';
import express from 'express';
import Router from 'express-promise-router';
import { Access } from './access';

/** The built-in ticketing's review of replies from outside the conversation. */
export interface OutsideReplyReview {
  reviewOutsideReply(
    ticketId: string,
    entryId: string,
    decision: OutsideReplyDecision,
    reviewer: string,
  ): Promise<TicketEntry>;
}

/**
 * Publish or dismiss a reply from outside the conversation (docs/api.md):
 * `emails.ticket.reply`, each decision an auditor event.
 */
export function createOutsideReplyRouter(options: {
  access: Access;
  ticketing: OutsideReplyReview;
  auditor: AuditorService;
}): express.Router {
  const { access, ticketing, auditor } = options;
  const router = Router();
  const decide =
    (decision: OutsideReplyDecision) =>
    async (req: express.Request, res: express.Response) => {
      const context = await access(req, emailsTicketReplyPermission);
      const { id: ticketId, entryId } = req.params;
      await access.ticket(req, ticketId);
      const event = await auditor.createEvent({
        eventId: 'outside-reply-review',
        severityLevel: 'medium',
        request: req,
        meta: { decision, ticketId, entryId },
      });
      try {
        const entry = await ticketing.reviewOutsideReply(
          ticketId,
          entryId,
          decision,
          context.actor,
        );
        await event.success();
        res.json(entry);
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    };
  router.post('/tickets/:id/entries/:entryId/publish', decide('publish'));
  router.post('/tickets/:id/entries/:entryId/dismiss', decide('dismiss'));
  return router;
}
