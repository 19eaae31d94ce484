import { MailDirection } from '@internal/plugin-emails-common';
import { ServerAlertKind } from '../database/ServerAlertStore';
import { FailedStage } from './failureStage';

/** The title and description of one notification. */
export interface AlertText {
  title: string;
  description: string;
}

/** The server as the admins know it: its name and its address. */
interface NamedServer {
  name: string;
  email: string;
}

function serverName(direction: MailDirection, server: NamedServer): string {
  return `the ${direction} email server "${server.name}" (${server.email})`;
}

const capital = (text: string) => text[0].toUpperCase() + text.slice(1);

/** The alert: consecutive failures with the stage and hint, or a pause with its reason. */
export function alertText(
  direction: MailDirection,
  server: NamedServer,
  cause: { failures: number; stage: FailedStage } | { pausedReason: string },
): AlertText {
  const who = serverName(direction, server);
  if ('pausedReason' in cause) {
    return {
      title: `Fetching from ${who} is paused`,
      description: `${cause.pausedReason} You will be told once when it works again.`,
    };
  }
  const { failures, stage } = cause;
  const what = direction === 'incoming' ? 'syncs' : 'sends';
  const meanwhile =
    direction === 'incoming'
      ? 'Fetching goes on with back-off'
      : 'Messages wait in the outgoing queue or go out through the primary outgoing server';
  return {
    title: `${capital(who)} failed ${failures} ${what} in a row`,
    description: `${stage.stageLabel} failed: ${stage.summary} (${stage.detail}). ${stage.hint} ${meanwhile}; you will be told once when it works again.`,
  };
}

/** The recovery: what works again after which alert. */
export function recoveryText(
  direction: MailDirection,
  server: NamedServer,
  closed: ServerAlertKind,
): AlertText {
  const who = serverName(direction, server);
  const since: Record<ServerAlertKind, string> = {
    failing: 'after the failures reported earlier',
    paused: 'after fetching was paused',
    'auth-expired': 'after its OAuth sign-in expired',
  };
  const proof =
    direction === 'incoming'
      ? 'its last sync succeeded'
      : 'a message was just sent through it';
  return {
    title: `${capital(who)} works again`,
    description: `${capital(proof)} ${since[closed]}.`,
  };
}
