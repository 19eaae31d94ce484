import {
  FieldIssue,
  validateIncomingServer,
  validateOutgoingServer,
} from '@internal/plugin-emails-common';
import { EmailsApi } from '../../api';
import { IncomingServerDraft, OutgoingServerDraft } from '../../api/EmailsApi';
import { MailServer, ServerDraft } from './draft';
import { toRequestBody } from './requestBody';

/** The outcome of a save: the stored server, or the issues found before sending. */
export type SaveOutcome =
  | { ok: true; server: MailServer }
  | { ok: false; issues: FieldIssue[] };

/** What the shared validation says of a draft before it is sent. */
export function draftIssues(
  draft: ServerDraft,
  loaded?: MailServer,
): FieldIssue[] {
  const body = toRequestBody(draft, loaded);
  const stored = {
    password: loaded?.passwordSet ?? false,
    clientSecret: loaded?.clientSecretSet ?? false,
  };
  const result =
    draft.direction === 'incoming'
      ? validateIncomingServer(body, stored)
      : validateOutgoingServer(body, stored);
  return result.ok ? [] : result.issues;
}

/**
 * Validates a draft and creates or updates its server; API errors are
 * thrown as the client throws them.
 */
export async function saveServer(
  api: EmailsApi,
  draft: ServerDraft,
  loaded?: MailServer,
): Promise<SaveOutcome> {
  const issues = draftIssues(draft, loaded);
  if (issues.length) return { ok: false, issues };
  const body = toRequestBody(draft, loaded);
  if (draft.direction === 'incoming') {
    const b = body as IncomingServerDraft;
    const server = loaded
      ? await api.updateIncomingServer(loaded.id, b)
      : await api.createIncomingServer(b);
    return { ok: true, server };
  }
  const b = body as OutgoingServerDraft;
  const server = loaded
    ? await api.updateOutgoingServer(loaded.id, b)
    : await api.createOutgoingServer(b);
  return { ok: true, server };
}
