import { LoggerService } from '@backstage/backend-plugin-api';
import { createHash, timingSafeEqual } from 'node:crypto';
import { hostname } from 'node:os';
import {
  SMTPServerAuthentication,
  SMTPServerDataStream,
  SMTPServerSession,
} from 'smtp-server';
import { SmtpPushConfig } from '../../config';
import { ServerHealthStore } from '../../database';
import { Ingest } from '../../ingest/types';
import {
  readMessage,
  RecipientOutcome,
  Recorded,
  recordForRecipients,
  deliveredMessage,
  smtpReply,
} from './pushDelivery';
import { PushRecipients } from './pushRecipients';
import { SessionLimits } from './sessionLimits';
import { createSourceCheck } from './sourceAllowList';

/** What the session handlers need. */
export interface PushSessionOptions {
  config: SmtpPushConfig;
  ingest: Ingest;
  logger: LoggerService;
  recipients: PushRecipients;
  /** Sessions at once, session length, commands per session. */
  limits: SessionLimits;
  /** When given, a smtp-push server that received mail shows as reachable on its card. */
  health?: ServerHealthStore;
}

// How often a server that keeps receiving is marked reachable on its card.
const HEALTH_EVERY_MS = 5_000;

function sameSecret(given: string | null | undefined, expected: string) {
  // Hashing first gives equal lengths, so the comparison takes constant time.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given ?? ''), digest(expected));
}

/**
 * SMTP has one reply after DATA: a temporary failure wins (the sender retries
 * and recording is idempotent); a recipient that vanished since RCPT cannot
 * be refused alone, so it does not turn a recorded message into a bounce.
 */
function smtpFailure(
  outcomes: RecipientOutcome[],
  anyRecorded: boolean,
): Error | undefined {
  const failures = outcomes.filter((o): o is Error => o instanceof Error);
  const temporary = failures.find(
    f => (f as { responseCode?: number }).responseCode! < 500,
  );
  return temporary ?? (anyRecorded ? undefined : failures[0]);
}

/** The SMTP session's handlers: source check and limits, AUTH, RCPT, DATA; and processing after the reply. */
export class PushSession {
  readonly processing = new Set<Promise<void>>();
  private readonly allowed: (address: string) => boolean;
  private readonly recipients: PushRecipients;
  private readonly observedAt = new Map<string, number>();

  constructor(private readonly options: PushSessionOptions) {
    this.allowed = createSourceCheck(options.config.allowedSources);
    this.recipients = options.recipients;
  }

  onConnect(
    session: SMTPServerSession,
    callback: (err?: Error | null) => void,
  ) {
    if (this.allowed(session.remoteAddress)) {
      return callback(this.options.limits.admit(session));
    }
    this.options.logger.warn(
      `SMTP push: refused a connection from ${session.remoteAddress} (not in emails.smtpPush.allowedSources)`,
    );
    return callback(
      smtpReply(
        554,
        `5.7.1 Connections from ${session.remoteAddress} are not accepted`,
      ),
    );
  }

  onClose(session: SMTPServerSession) {
    this.options.limits.release(session);
  }

  onAuth(
    auth: SMTPServerAuthentication,
    _session: SMTPServerSession,
    callback: (
      err: Error | null | undefined,
      response?: { user?: unknown },
    ) => void,
  ) {
    const expected = this.options.config.auth;
    if (
      expected &&
      sameSecret(auth.username, expected.username) &&
      sameSecret(auth.password, expected.password)
    ) {
      return callback(null, { user: auth.username });
    }
    return callback(smtpReply(535, '5.7.8 Authentication failed'));
  }

  onRcptTo(
    address: { address: string },
    _session: SMTPServerSession,
    callback: (err?: Error | null) => void,
  ) {
    this.recipients.resolve(address.address).then(
      mailbox =>
        callback(
          mailbox
            ? null
            : smtpReply(
                550,
                `5.1.1 <${address.address}>: no incoming server receives mail for this address`,
              ),
        ),
      error => {
        this.options.logger.warn(
          `SMTP push: looking up ${address.address} failed: ${error}`,
        );
        callback(
          smtpReply(
            451,
            '4.3.0 The recipient could not be looked up; try again later',
          ),
        );
      },
    );
  }

  onData(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (
      err?: Error | null,
      message?: string | (string | Error)[],
    ) => void,
  ) {
    this.receive(stream, session).then(
      received => this.answer(received, callback),
      error => {
        this.options.logger.error(
          `SMTP push: receiving a message failed: ${error}`,
        );
        callback(
          smtpReply(
            451,
            '4.3.0 The message could not be received; try again later',
          ),
        );
      },
    );
  }

  private async receive(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
  ): Promise<{ outcomes: RecipientOutcome[]; raw: Buffer } | 'oversize'> {
    const body = await readMessage(stream, this.options.config.maxMessageBytes);
    if (!body) return 'oversize';
    const from = session.envelope.mailFrom
      ? session.envelope.mailFrom.address
      : '';
    const message = deliveredMessage(body, {
      mailFrom: from,
      clientIp: session.remoteAddress,
      helo: session.hostNameAppearsAs ?? '',
      byHost: hostname(),
      protocol: session.transmissionType ?? '',
      sessionId: session.id,
    });
    const addresses = session.envelope.rcptTo.map(r => r.address);
    // The session's time limit waits for the answer to a message being recorded.
    const outcomes = await this.options.limits.whileRecording(session.id, () =>
      recordForRecipients(
        message,
        addresses,
        { ingest: this.options.ingest, recipients: this.recipients },
        error =>
          this.options.logger.error(
            `SMTP push: recording a message failed, answered 451 so the sender retries: ${error}`,
          ),
      ),
    );
    return { outcomes, raw: message.raw };
  }

  /** 250 per recorded recipient (LMTP) or for the whole message (SMTP), then processing starts. */
  private answer(
    received: { outcomes: RecipientOutcome[]; raw: Buffer } | 'oversize',
    callback: (
      err?: Error | null,
      message?: string | (string | Error)[],
    ) => void,
  ) {
    if (received === 'oversize') {
      callback(
        smtpReply(552, '5.3.4 Message exceeds the fixed maximum message size'),
      );
      return;
    }
    const { outcomes, raw } = received;
    const recorded = outcomes.filter(
      (o): o is Recorded => !(o instanceof Error),
    );
    const replies = outcomes.map(o =>
      o instanceof Error ? o : `2.0.0 OK: recorded as ${o.id}`,
    );
    if (this.options.config.lmtp) {
      callback(null, replies);
    } else {
      const failure = smtpFailure(outcomes, recorded.length > 0);
      callback(
        failure ?? null,
        failure ? undefined : `2.0.0 OK: recorded as ${recorded[0].id}`,
      );
    }
    // After the reply: ticketing must not hold the sender's session open.
    const byId = new Map(recorded.map(r => [r.id, r.serverId]));
    for (const [id, serverId] of byId) this.processLater(id, serverId, raw);
  }

  private async received(serverId: string) {
    // A write per message would cost as much as the message: the card needs one every few seconds.
    const now = Date.now();
    const last = this.observedAt.get(serverId);
    if (last !== undefined && now - last < HEALTH_EVERY_MS) return;
    this.observedAt.set(serverId, now);
    await this.options.health
      ?.observe('incoming', serverId, { status: 'reachable' })
      .catch(() => undefined); // the card's freshness is not worth a failure
  }

  private processLater(id: string, serverId: string, raw: Buffer) {
    const work = new Promise<void>(resolve => setImmediate(resolve))
      .then(() => this.received(serverId))
      // The bytes just recorded: the pipeline need not read them back.
      .then(() => this.options.ingest.process(id, { raw }))
      .then(
        () => undefined,
        // The record is committed: the message is in the processing log and can be replayed.
        error =>
          this.options.logger.error(
            `SMTP push: processing message ${id} failed; it stays recorded for replay: ${error}`,
          ),
      );
    this.processing.add(work);
    work.finally(() => this.processing.delete(work));
  }
}
