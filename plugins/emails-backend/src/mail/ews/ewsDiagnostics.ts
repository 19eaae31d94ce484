import {
  ConnectionStage,
  ConnectionTestResult,
} from '@internal/plugin-emails-common';
import {
  BasePropertySet,
  Folder,
  PropertySet,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { runHttpsStages, StageError } from '../diagnostics/httpsStages';
import { EwsProblem } from './ewsProblem';
import { EwsFolders } from './ewsFolders';
import { EwsCallError, EwsSession, EwsTarget } from './ewsSession';

/** What Test Connection of an EWS server needs. */
export interface EwsTestInput {
  target: EwsTarget;
  direction: 'incoming' | 'outgoing';
  /** Incoming: the folders fetching reads and files into. */
  folders?: {
    inbox: string;
    success?: string;
    fail?: string;
    exclusion?: string;
  };
  /** OAuth servers: the token's scopes, for the auth stage's message. */
  scopes?: string[];
  /** OAuth servers without a usable token: why, and what to do. */
  tokenFailure?: { message: string; hint: string };
  timeoutMs: number;
  onStage?: (stage: ConnectionStage) => void;
}

const AUTH_HINTS: Record<string, string> = {
  basic:
    'Check the username (often DOMAIN\\user or the UPN) and the password, and that Basic authentication is enabled for EWS on this Exchange server (Exchange Online refuses Basic: use OAuth).',
  ntlm: 'Check the username (DOMAIN\\user) and the password, and that Windows (NTLM) authentication is enabled on the EWS virtual directory.',
  oauth:
    'The token was not accepted for EWS: the Scope must name EWS (https://outlook.office365.com/EWS.AccessAsUser.All, or https://outlook.office365.com/.default for app-only access); sign in again.',
};

function denied(
  problem: EwsProblem,
  input: EwsTestInput,
): StageError | undefined {
  const { mailbox, impersonate } = input.target;
  switch (problem.code) {
    case 'ErrorImpersonateUserDenied':
    case 'ErrorImpersonationDenied':
      return new StageError(
        `Exchange refused impersonation of ${mailbox} (${problem.code})`,
        'Give the account the ApplicationImpersonation role for this mailbox (New-ManagementRoleAssignment -Role ApplicationImpersonation), or turn impersonation off and grant Full Access to the mailbox.',
      );
    case 'ErrorAccessDenied':
      return new StageError(
        `Exchange denied access to the mailbox ${mailbox} (${problem.code})`,
        impersonate
          ? 'The impersonating account may not open this mailbox: check the scope of its ApplicationImpersonation role.'
          : 'The account may not open this mailbox: grant it Full Access (Add-MailboxPermission) or turn on impersonation.',
      );
    case 'ErrorNonExistentMailbox':
      return new StageError(
        `Exchange has no mailbox ${mailbox} (${problem.code})`,
        'Check the Email address: it must be the primary SMTP address of a mailbox (user or shared) on this Exchange organisation.',
      );
    case 'ErrorSendAsDenied':
      return new StageError(
        `Exchange refused Send As for ${mailbox} (${problem.code})`,
        'Grant the account Send As on this mailbox (Add-RecipientPermission), or use impersonation.',
      );
    default:
      return undefined;
  }
}

/**
 * Test Connection for EWS servers: dns, tcp and tls to the EWS URL, auth
 * (the account's credentials or the OAuth token, proven by a real call)
 * and protocol (the mailbox's Inbox for incoming servers, with every folder
 * fetching files into; its Sent Items for outgoing ones), naming the
 * permission or folder that is missing.
 */
export async function testEwsConnection(
  input: EwsTestInput,
): Promise<ConnectionTestResult> {
  const session = new EwsSession(input.target, async () => {
    throw new StageError(
      'Exchange is too busy to answer (ErrorServerBusy)',
      'Exchange throttles this account: try again in a minute, or raise its throttling policy.',
    );
  });
  const folder =
    input.direction === 'incoming'
      ? WellKnownFolderName.Inbox
      : WellKnownFolderName.SentItems;
  let opened: Folder | undefined;
  let refusal: EwsProblem | undefined;
  const auth = async () => {
    if (input.tokenFailure) {
      throw new StageError(input.tokenFailure.message, input.tokenFailure.hint);
    }
    try {
      opened = await session.call('GetFolder', service =>
        Folder.Bind(
          service,
          session.folderId(folder),
          new PropertySet(BasePropertySet.FirstClassProperties),
        ),
      );
    } catch (error) {
      if (!(error instanceof EwsCallError)) throw error;
      if (error.problem.status === 401) {
        throw new StageError(
          `Exchange refused the ${
            input.target.auth.type === 'oauth' ? 'access token' : 'credentials'
          } (HTTP 401)`,
          AUTH_HINTS[input.target.auth.type],
        );
      }
      if (!error.problem.code)
        throw new StageError(
          error.message,
          'Check the EWS URL: it ends in /EWS/Exchange.asmx.',
        );
      refusal = error.problem;
    }
    const how = input.target.auth.type.toUpperCase();
    return input.scopes?.length
      ? `Exchange accepted the access token for ${input.scopes.join(' ')}`
      : `Exchange accepted the ${
          how === 'OAUTH' ? 'access token' : `${how} credentials`
        }`;
  };
  const protocol = async () => {
    if (refusal) {
      throw (
        denied(refusal, input) ??
        new StageError(
          `EWS answered ${refusal.text}`,
          'Check the EWS URL and the Exchange server version (2010 SP2 or later).',
        )
      );
    }
    const name = input.direction === 'incoming' ? 'Inbox' : 'Sent Items';
    const count = opened?.TotalCount ?? 0;
    let message = `Opened the ${name} of ${input.target.mailbox} (${count} messages)`;
    const wanted = input.folders
      ? [input.folders.success, input.folders.fail, input.folders.exclusion]
      : [];
    const names = wanted.filter((f): f is string => !!f);
    if (names.length) {
      const folders = new EwsFolders(session);
      const missing: string[] = [];
      for (const f of names) {
        if (!(await folders.find(f))) missing.push(f);
      }
      message += missing.length
        ? `; ${missing.join(', ')} will be created on first use`
        : `; found ${names.join(', ')}`;
    }
    return message;
  };
  return runHttpsStages({
    url: input.target.url,
    service: 'EWS',
    ca: input.target.ca,
    timeoutMs: input.timeoutMs,
    onStage: input.onStage,
    auth,
    protocol,
  });
}
