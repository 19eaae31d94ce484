/** A wait that ended before the peer answered. */
export class MailTimeoutError extends Error {
  override name = 'MailTimeoutError';
  /** True when the run's total budget ran out rather than a step's own cap. */
  readonly budgetLimited: boolean;
  /** Bytes that arrived without completing what was awaited. */
  readonly received: Buffer;

  constructor(
    readonly what: string,
    readonly ms: number,
    options: { budgetLimited?: boolean; received?: Buffer } = {},
  ) {
    super(`no answer within ${ms} ms while waiting for ${what}`);
    this.budgetLimited = options.budgetLimited ?? true;
    this.received = options.received ?? Buffer.alloc(0);
  }
}

/** The peer closed the connection (or it broke) while an answer was awaited. */
export class ConnectionClosedError extends Error {
  override name = 'ConnectionClosedError';
  /** Bytes that arrived without completing what was awaited. */
  readonly received: Buffer;

  constructor(
    readonly what: string,
    readonly socketError?: Error,
    received?: Buffer,
  ) {
    super(
      `connection closed while waiting for ${what}${
        socketError ? ` (${socketError.message})` : ''
      }`,
    );
    this.received = received ?? Buffer.alloc(0);
  }
}

/** The peer sent more than a reply of that kind may hold. */
export class ReplyTooLargeError extends Error {
  override name = 'ReplyTooLargeError';

  constructor(readonly what: string, readonly limit: number, unit = 'bytes') {
    super(`${what} is larger than ${limit} ${unit}`);
  }
}
