import { LoggerService } from '@backstage/backend-plugin-api';
import { ErrorResponseBody } from '@backstage/errors';
import { ErrorRequestHandler } from 'express';
import { randomBytes } from 'node:crypto';
import { publicError } from './publicError';

/**
 * The plugin's last middleware: every error of its routes becomes Backstage's
 * error body ({@link publicError}: no stack, no paths, no library internals),
 * in production and tests alike. Under `NODE_ENV=development` errors go on to
 * Backstage's own handler, which shows stacks to the developer.
 */
export function createErrorHandler(options: {
  logger: LoggerService;
  showDetails?: boolean;
}): ErrorRequestHandler {
  const showDetails =
    options.showDetails ?? process.env.NODE_ENV === 'development';
  const logger = options.logger.child({ type: 'errorHandler' });
  return (error, req, res, next) => {
    if (showDetails || res.headersSent) {
      next(error);
      return;
    }
    const logId = randomBytes(8).toString('hex');
    const { statusCode, name, message } = publicError(error, logId);
    if (statusCode >= 500) {
      logger.error(
        `${req.method} ${req.baseUrl}${req.path} failed with status ${statusCode} (logId=${logId})`,
        error,
      );
    }
    const body: ErrorResponseBody = {
      error: { name, message },
      // Without the query: it may carry what the client sent (an OAuth code).
      request: { method: req.method, url: req.originalUrl.split('?')[0] },
      response: { statusCode },
    };
    res.status(statusCode).json(body);
  };
}
