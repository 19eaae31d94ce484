import { ConnectionStage } from '@internal/plugin-emails-common';
import { MailServerRecord } from '../database';
import { usesOAuth } from '../oauth/clientSettings';
import { missingScope } from '../oauth/scopes';
import type { Target } from './ConnectionService';

/**
 * OAuth in the stages: a server without a token gets an auth stage that
 * says why (SMTP would call it "not needed") and no stages after it; a token
 * the mail server refused is checked against the scope the protocol needs.
 */
export function explainOAuth(
  record: MailServerRecord,
  target: Target,
  tokenFailure: { message: string; hint: string } | undefined,
  scopes: string[] | undefined,
) {
  let authSeen = false;
  return (stage: ConnectionStage): ConnectionStage[] => {
    if (!usesOAuth(record)) return [stage];
    if (tokenFailure) {
      if (authSeen) return [];
      if (stage.stage !== 'auth') return [stage];
      authSeen = true;
      return [{ ...stage, ok: false, skipped: undefined, ...tokenFailure }];
    }
    if (stage.stage !== 'auth' || stage.ok) return [stage];
    const provider = (record.settings as Record<string, any>).provider;
    const missing = missingScope(provider ?? 'other', target.protocol, scopes);
    return missing ? [{ ...stage, ...missing }] : [stage];
  };
}
