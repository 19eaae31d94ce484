import { EwsFolder, EwsItem, EwsMailbox, ewsIdKind } from './ewsMailbox';
import { failure, ResponseMessage } from './ewsSoap';
import { Subscriptions } from './ewsSubscriptions';
import { SyncStates } from './ewsSync';
import { attr, child, textOf } from './ewsXml';

/** A message the EWS stand-in sent (CreateItem with SendOnly or SendAndSaveCopy). */
export interface EwsSentMessage {
  /** The mailbox it was sent from (the SavedItemFolderId's, else the caller's). */
  mailbox: string;
  /** The MIME message, decoded from MimeContent. */
  raw: Buffer;
  /** The account that signed in (`app` for app-only tokens). */
  account: string;
  disposition: 'SendOnly' | 'SendAndSaveCopy';
  /** The ExchangeImpersonation address, when there was one. */
  impersonated?: string;
}

/** Answered as a SOAP fault (HTTP 500) rather than a response message. */
export class EwsFault extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly values?: Record<string, string>,
  ) {
    super(message);
  }
}

// Only these addresses have mailboxes in the stand-in's organisation.
const KNOWN = /@localhost$/i;

/** Everything the EWS stand-in knows: mailboxes, grants, sync states, subscriptions. */
export class EwsState {
  readonly mailboxes = new Map<string, EwsMailbox>();
  readonly denied = new Set<string>();
  readonly sendDenied = new Set<string>();
  /** Mailbox -> accounts with delegate (full) access to it. */
  readonly delegates = new Map<string, Set<string>>();
  readonly impersonators = new Set<string>();
  readonly sent: EwsSentMessage[] = [];
  readonly syncStates = new SyncStates();
  readonly subscriptions = new Subscriptions();

  static exists(address: string): boolean {
    return KNOWN.test(address);
  }

  mailbox(address: string): EwsMailbox {
    const key = address.toLowerCase();
    let found = this.mailboxes.get(key);
    if (!found) {
      found = new EwsMailbox(key);
      this.mailboxes.set(key, found);
    }
    return found;
  }

  folderById(
    id: string,
  ): { mailbox: EwsMailbox; folder: EwsFolder } | undefined {
    for (const mailbox of this.mailboxes.values()) {
      const folder = mailbox.folders.get(id);
      if (folder) return { mailbox, folder };
    }
    return undefined;
  }

  itemById(id: string): { mailbox: EwsMailbox; item: EwsItem } | undefined {
    for (const mailbox of this.mailboxes.values()) {
      const item = mailbox.items.get(id);
      if (item) return { mailbox, item };
    }
    return undefined;
  }
}

/** One authenticated SOAP call, as the operation handlers see it. */
export interface EwsContext {
  /** The operation element of the SOAP body. */
  op: Element;
  /** The account that signed in (`app` for app-only tokens). */
  account: string;
  /** Who the call acts as: the impersonated address, else the account. */
  user: string;
  impersonated?: string;
  state: EwsState;
}

const accessDenied = () =>
  failure(
    'ErrorAccessDenied',
    'Access is denied. Check credentials and try again.',
  );

/** Why the caller may not open `address` (a response message), or undefined when it may. */
export function accessError(
  ctx: EwsContext,
  address: string,
): ResponseMessage | undefined {
  const mailbox = address.toLowerCase();
  if (!EwsState.exists(mailbox)) {
    return failure(
      'ErrorNonExistentMailbox',
      'The SMTP address has no mailbox associated with it.',
      { values: { SmtpAddress: address } },
    );
  }
  if (ctx.state.denied.has(mailbox)) return accessDenied();
  if (mailbox === ctx.user) return undefined;
  if (ctx.state.delegates.get(mailbox)?.has(ctx.user)) return undefined;
  return accessDenied();
}

/** True when a handler got an error to answer instead of what it looked up. */
export function isFailure(value: unknown): value is ResponseMessage {
  return (
    typeof value === 'object' && value !== null && 'responseClass' in value
  );
}

const malformed = () => failure('ErrorInvalidIdMalformed', 'Id is malformed.');

/** The folder a `t:FolderId` or `t:DistinguishedFolderId` names, checking access. */
export function resolveFolder(
  ctx: EwsContext,
  element: Element | undefined,
): { mailbox: EwsMailbox; folder: EwsFolder } | ResponseMessage {
  const notFound = failure(
    'ErrorFolderNotFound',
    'The specified folder could not be found in the store.',
  );
  if (element?.localName === 'FolderId') {
    const id = attr(element, 'Id') ?? '';
    if (ewsIdKind(id) !== 'F') return malformed();
    const found = ctx.state.folderById(id);
    if (!found) return notFound;
    return accessError(ctx, found.mailbox.address) ?? found;
  }
  if (element?.localName === 'DistinguishedFolderId') {
    const address =
      textOf(child(element, 'Mailbox', 'EmailAddress')).toLowerCase() ||
      ctx.user;
    const denied = accessError(ctx, address);
    if (denied) return denied;
    const mailbox = ctx.state.mailbox(address);
    const folder = mailbox.distinguished(attr(element, 'Id') ?? '');
    return folder ? { mailbox, folder } : notFound;
  }
  return failure(
    'ErrorInvalidRequest',
    'The request is invalid: no folder id.',
  );
}

/** The item a `t:ItemId` names, checking access to its mailbox. */
export function resolveItem(
  ctx: EwsContext,
  element: Element | undefined,
): { mailbox: EwsMailbox; item: EwsItem } | ResponseMessage {
  const id = attr(element, 'Id') ?? '';
  if (ewsIdKind(id) !== 'I') return malformed();
  const found = ctx.state.itemById(id);
  if (!found) {
    return failure(
      'ErrorItemNotFound',
      'The specified object was not found in the store., The process failed to get the correct properties.',
    );
  }
  return accessError(ctx, found.mailbox.address) ?? found;
}
