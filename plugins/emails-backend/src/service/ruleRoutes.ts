import {
  emailsRuleManagePermission,
  emailsServerReadPermission,
} from '@internal/plugin-emails-common';
import express from 'express';
import Router from 'express-promise-router';
import { RuleService } from '../rules';
import { Access } from './access';

/** The ordered email rule lists (docs/api.md, "Preferences and rules"). */
export function createRuleRouter(options: {
  access: Access;
  rules: RuleService;
}): express.Router {
  const { access, rules } = options;
  const router = Router();
  router.use('/rules', express.json({ limit: '1mb' }));

  router.get('/rules/outgoing', async (req, res) => {
    await access(req, emailsServerReadPermission);
    res.json(await rules.outgoing());
  });

  router.put('/rules/outgoing', async (req, res) => {
    const context = await access(req, emailsRuleManagePermission);
    res.json(await rules.putOutgoing(req.body, context));
  });

  router.get('/rules/incoming', async (req, res) => {
    await access(req, emailsServerReadPermission);
    res.json(await rules.incoming());
  });

  router.put('/rules/incoming', async (req, res) => {
    const context = await access(req, emailsRuleManagePermission);
    res.json(await rules.putIncoming(req.body, context));
  });

  return router;
}
