import { emailsServerReadPermission } from '@internal/plugin-emails-common';
import express from 'express';
import Router from 'express-promise-router';
import { ServerActivityService } from '../health/ServerActivityService';
import { Access } from './access';

/** The per-server activity chart (docs/api.md, "Incoming servers"). */
export function createActivityRouter(options: {
  access: Access;
  activity: ServerActivityService;
}): express.Router {
  const { access, activity } = options;
  const router = Router();

  router.get('/servers/incoming/:id/activity', async (req, res) => {
    await access(req, emailsServerReadPermission);
    res.json(await activity.incoming(req.params.id));
  });

  return router;
}
