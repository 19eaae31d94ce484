import { InputError } from '@backstage/errors';
import {
  emailsRuleManagePermission,
  RuleSimulation,
} from '@internal/plugin-emails-common';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { SimulationRequest } from '../ingest/pipeline/simulation';
import { Access } from './access';

/** The rule simulator (docs/api.md, "Preferences and rules"). */
export function createSimulateRouter(options: {
  access: Access;
  simulator: { simulate(request: SimulationRequest): Promise<RuleSimulation> };
  /** The Email Preference's maximum message size: a larger upload is a 413. */
  maxMessageBytes: () => Promise<number>;
}): express.Router {
  const { access, simulator } = options;
  const router = Router();
  router.use('/rules/simulate', express.json({ limit: '64kb' }));

  router.post('/rules/simulate', async (req, res) => {
    await access(req, emailsRuleManagePermission);
    if (req.is('message/rfc822')) {
      const limit = await options.maxMessageBytes();
      await readRaw(req, res, limit);
      res.json(
        await simulator.simulate({
          raw: req.body as Buffer,
          serverId: stringParam(req.query.serverId, 'serverId'),
        }),
      );
      return;
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const messageId = stringParam(body.messageId, 'messageId');
    if (!messageId) {
      throw new InputError(
        'Send a message as message/rfc822, or JSON { messageId } of a stored message',
      );
    }
    res.json(
      await simulator.simulate({
        messageId,
        serverId: stringParam(body.serverId, 'serverId'),
      }),
    );
  });

  return router;
}

/** Reads a message/rfc822 body up to `limit` bytes into `req.body`; past it a 413. */
function readRaw(req: Request, res: Response, limit: number) {
  const parse = express.raw({ type: 'message/rfc822', limit });
  return new Promise<void>((resolve, reject) =>
    parse(req, res, error => (error ? reject(error) : resolve())),
  );
}

function stringParam(value: unknown, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new InputError(`${name}: must be text`);
  return value;
}
