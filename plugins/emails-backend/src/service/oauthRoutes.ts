import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  emailsServerManagePermission,
  emailsServerReadPermission,
} from '@internal/plugin-emails-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { callbackPage, CallbackOutcome } from '../oauth/callbackPage';
import { OAuthSignIn, SignInRefusedError } from '../oauth/OAuthSignIn';
import { Access } from './access';

const startBody = z.object({
  serverKind: z.enum(['incoming', 'outgoing'], {
    errorMap: () => ({ message: 'must be incoming or outgoing' }),
  }),
  serverId: z
    .string({ required_error: 'is required' })
    .min(1, 'is required')
    .max(100, 'must be at most 100 characters'),
});

function parseStart(body: unknown) {
  const parsed = startBody.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Invalid sign-in: ${issue.path.join('.') || 'body'} ${issue.message}`,
    );
  }
  return parsed.data;
}

/** OAuth sign-in of mail servers (docs/api.md, "OAuth"); the callback takes no credentials. */
export function createOAuthRouter(options: {
  access: Access;
  signIn: OAuthSignIn;
  redirectUrl: string;
  appOrigin: string;
  logger: LoggerService;
}): express.Router {
  const { access, signIn, logger } = options;
  const router = Router();
  router.use('/oauth/start', express.json({ limit: '16kb' }));

  router.get('/oauth/redirect-url', async (req, res) => {
    await access(req, emailsServerReadPermission);
    res.json({ redirectUrl: options.redirectUrl });
  });

  router.post('/oauth/start', async (req, res) => {
    const context = await access(req, emailsServerManagePermission);
    const { serverKind, serverId } = parseStart(req.body);
    res.json(await signIn.start(serverKind, serverId, context));
  });

  router.get('/oauth/callback', async (req, res) => {
    const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
    let outcome: CallbackOutcome;
    let status = 200;
    try {
      const result = await signIn.complete(query);
      outcome = {
        ok: true,
        serverKind: result.direction,
        serverId: result.serverId,
        message: `Signed in${
          result.account ? ` as ${result.account}` : ''
        }: the ${result.direction} server "${
          result.serverName
        }" can use OAuth now.`,
      };
    } catch (error) {
      status = error instanceof InputError ? 400 : 500;
      if (status === 500) logger.error(`OAuth callback failed: ${error}`);
      const server = (error as SignInRefusedError).server;
      outcome = {
        ok: false,
        serverKind: server?.direction,
        serverId: server?.serverId,
        message:
          status === 400
            ? (error as Error).message
            : 'The sign-in failed on the portal side; the backend log says why. Try again.',
      };
    }
    const page = callbackPage(outcome, options.appOrigin);
    res.status(status);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', page.contentSecurityPolicy);
    // The popup must keep its opener to report back to the admin page.
    res.setHeader('Cross-Origin-Opener-Policy', 'unsafe-none');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.send(page.html);
  });

  return router;
}
