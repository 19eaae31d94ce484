import {
  ConnectionStage,
  ConnectionTestResult,
} from '@internal/plugin-emails-common';
import { Request, Response } from 'express';

const NDJSON = 'application/x-ndjson';

/**
 * Answers a Test Connection: as one JSON document, or, when the client
 * accepts NDJSON, one line per stage as it finishes and the result last, so
 * the UI shows each stage as it completes.
 */
export async function streamTest(
  req: Request,
  res: Response,
  run: (
    onStage?: (stage: ConnectionStage) => void,
  ) => Promise<ConnectionTestResult>,
): Promise<void> {
  if (req.accepts(['application/json', NDJSON]) !== NDJSON) {
    res.json(await run());
    return;
  }
  const start = () => {
    if (!res.headersSent) {
      res.status(200).type(NDJSON);
      res.setHeader('Cache-Control', 'no-store');
      res.flushHeaders();
    }
  };
  // Errors before the first stage (unknown server, bad input) still reach the
  // error handler as proper JSON errors, because nothing was written yet.
  const result = await run(stage => {
    start();
    res.write(`${JSON.stringify(stage)}\n`);
  });
  start();
  res.end(`${JSON.stringify(result)}\n`);
}
