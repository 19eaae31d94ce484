import {
  BasePropertySet,
  ChangeType,
  ConflictResolutionMode,
  EmailMessage,
  EventType,
  Folder,
  FolderId,
  ItemChange,
  ItemId,
  ItemSchema,
  PropertySet,
  SyncFolderItemsScope,
} from 'ews-javascript-api';
import {
  FolderSnapshot,
  ListFilter,
  MailboxMark,
  MailFetcher,
  OneByOneFetcher,
  MailFetchError,
  MessageRef,
  RawMessage,
  WaitResult,
} from '../MailFetcher';
import { MessageNumbers, NumberedMessages } from '../numberedMessages';
import { fetchErrorOf, problemKind } from './ewsProblem';
import { EwsFolders } from './ewsFolders';
import { EwsCallError, EwsSession } from './ewsSession';

/** EWS item ids never change meaning while the item stays in its folder. */
const EWS_VALIDITY = 'ews';
const MAX_CHANGES_PER_CALL = 512;
const MAX_SYNC_PAGES = 1000;
/** Pull subscriptions end by themselves this many minutes after the last GetEvents. */
const SUBSCRIPTION_MINUTES = 5;

/** What an {@link EwsFetcher} needs. */
export interface EwsFetcherOptions {
  serverId: string;
  session: EwsSession;
  /** Numbers for item ids, and the sync state per folder (MessageNumberStore). */
  numbers: MessageNumbers;
  /** How often waitForNewMail asks its pull subscription for events; default 5 s. */
  pollMs?: number;
  maxMessageBytes?: number;
}

type Listing = {
  added: { id: string; receivedAt?: string }[];
  removed: string[];
  syncState: string;
};

function headerBlock(raw: Buffer): Buffer {
  const end = raw.indexOf('\r\n\r\n');
  return end < 0 ? raw : raw.subarray(0, end + 4);
}

/**
 * The Exchange Web Services MailFetcher (ews-javascript-api). SyncFolderItems
 * lists a folder's changes from the sync state kept per folder (the cursor);
 * each item id gets a number that only grows, so the folder cursor and crash
 * safety work as for IMAP. An invalid sync state starts a full listing, which
 * the numbers make safe. New mail arrives through a pull subscription that
 * waitForNewMail polls; the scheduled poll stays the safety net.
 */
export class EwsFetcher extends OneByOneFetcher implements MailFetcher {
  private readonly folders: EwsFolders;
  private readonly messages: NumberedMessages;

  constructor(private readonly options: EwsFetcherOptions) {
    super();
    this.folders = new EwsFolders(options.session);
    this.messages = new NumberedMessages({
      serverId: options.serverId,
      numbers: options.numbers,
      validity: EWS_VALIDITY,
      sourcePrefix: 'ews',
    });
  }

  async connect(): Promise<void> {
    // Proves the credentials and the access to the mailbox.
    await this.folderOf('INBOX');
  }

  async open(folder: string): Promise<FolderSnapshot> {
    const { serverId, numbers } = this.options;
    const folderId = await this.folderOf(folder);
    const stored = await numbers.deltaLink(serverId, folder);
    let listing = stored ? await this.sync(folderId, stored) : undefined;
    const full = !listing;
    if (!listing) listing = await this.sync(folderId, '');
    if (!listing) {
      throw new MailFetchError(
        'protocol',
        `EWS refused a full listing of "${folder}"`,
      );
    }
    return this.messages.apply(folder, {
      added: listing.added,
      removed: listing.removed,
      next: listing.syncState,
      full,
    });
  }

  async listNew(folder: string, filter: ListFilter): Promise<MessageRef[]> {
    return this.messages.list(folder, filter);
  }

  async fetchRaw(ref: MessageRef): Promise<RawMessage | undefined> {
    const id = this.messages.idOf(ref.uid);
    if (!id) return undefined;
    const message = await this.missingAsUndefined(
      this.options.session.call('GetItem', service =>
        EmailMessage.Bind(
          service,
          new ItemId(id),
          new PropertySet(BasePropertySet.IdOnly, [ItemSchema.MimeContent]),
        ),
      ),
    );
    if (!message) return undefined;
    const raw = Buffer.from(message.MimeContent?.Content ?? '', 'base64');
    const max = this.options.maxMessageBytes;
    if (max && raw.length > max) {
      return { raw: headerBlock(raw), size: raw.length, headersOnly: true };
    }
    return { raw, size: raw.length, headersOnly: false };
  }

  async mark(ref: MessageRef, mark: MailboxMark): Promise<void> {
    const id = this.messages.idOf(ref.uid);
    if (!id) return;
    const { session } = this.options;
    if (mark.type === 'seen') {
      await this.missingAsUndefined(
        session.call('UpdateItem', async service => {
          const message = await EmailMessage.Bind(
            service,
            new ItemId(id),
            new PropertySet(BasePropertySet.IdOnly, [ItemSchema.Size]),
          );
          message.IsRead = true;
          await message.Update(ConflictResolutionMode.AlwaysOverwrite);
          return message;
        }),
      );
      return;
    }
    const destination = await this.folders
      .find(mark.folder, true)
      .catch(error => {
        throw this.asFetchError(error);
      });
    if (!destination) {
      throw new MailFetchError(
        'protocol',
        `EWS could not create the folder "${mark.folder}"`,
      );
    }
    await this.missingAsUndefined(
      session.call(`MoveItem to "${mark.folder}"`, async service => {
        const responses = await service.MoveItems(
          [new ItemId(id)],
          destination,
          true,
        );
        const failed = responses.Responses.find(r => r.ErrorCode);
        if (failed) throw failed;
        return responses;
      }),
    );
  }

  /** A pull subscription on the folder, asked for events every `pollMs`. */
  async waitForNewMail(
    folder: string,
    options: { signal: AbortSignal; maxWaitMs: number },
  ): Promise<WaitResult> {
    const until = Date.now() + options.maxWaitMs;
    const folderId = await this.folderOf(folder);
    const subscription = await this.options.session
      .call('Subscribe', service =>
        service.SubscribeToPullNotifications(
          [folderId],
          SUBSCRIPTION_MINUTES,
          null as unknown as string,
          EventType.NewMail,
          EventType.Created,
        ),
      )
      .catch(error => {
        throw this.asFetchError(error);
      });
    try {
      while (Date.now() < until) {
        if (options.signal.aborted) return 'aborted';
        await pause(
          Math.min(this.options.pollMs ?? 5000, until - Date.now()),
          options.signal,
        );
        if (options.signal.aborted) return 'aborted';
        const events = await this.options.session
          .call('GetEvents', () => subscription.GetEvents())
          .catch(error => {
            throw this.asFetchError(error);
          });
        if (events.ItemEvents.length > 0) return 'new-mail';
      }
      return 'timeout';
    } finally {
      await subscription.Unsubscribe().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    // HTTP has no session to end; pull subscriptions are ended after use.
  }

  private async folderOf(folder: string): Promise<FolderId> {
    let id: FolderId | undefined;
    try {
      id = await this.folders.find(folder);
      if (id) {
        // Binding proves the folder exists and the account may read it.
        await this.options.session.call(`GetFolder "${folder}"`, service =>
          Folder.Bind(service, id!, new PropertySet(BasePropertySet.IdOnly)),
        );
      }
    } catch (error) {
      throw this.asFetchError(error);
    }
    if (!id) {
      throw new MailFetchError(
        'protocol',
        `EWS has no folder "${folder}" in this mailbox`,
      );
    }
    return id;
  }

  /** All changes from a sync state ('' for everything); undefined when the state is no longer valid. */
  private async sync(
    folderId: FolderId,
    state: string,
  ): Promise<Listing | undefined> {
    const added = new Map<string, string | undefined>();
    const removed = new Set<string>();
    let syncState = state;
    const properties = new PropertySet(BasePropertySet.IdOnly, [
      ItemSchema.DateTimeReceived,
    ]);
    const { session } = this.options;
    const page = (from: string) =>
      session.call('SyncFolderItems', service =>
        service.SyncFolderItems(
          folderId,
          properties,
          null as unknown as ItemId[],
          MAX_CHANGES_PER_CALL,
          SyncFolderItemsScope.NormalItems,
          (from || null) as string,
        ),
      );
    for (let pages = 0; pages < MAX_SYNC_PAGES; pages++) {
      let changes;
      try {
        changes = await page(syncState);
      } catch (error) {
        const failure = this.asFetchError(error);
        if (failure.kind === 'validity-changed' && state) return undefined;
        throw failure;
      }
      for (const change of changes.GetEnumerator() as ItemChange[]) {
        const id = change.ItemId?.UniqueId;
        if (!id) continue;
        if (change.ChangeType === ChangeType.Create) {
          removed.delete(id);
          added.set(id, change.Item?.DateTimeReceived?.ToISOString?.());
        } else if (change.ChangeType === ChangeType.Delete) {
          if (!added.delete(id)) removed.add(id);
        }
      }
      syncState = changes.SyncState;
      if (!changes.MoreChangesAvailable) {
        return {
          added: [...added].map(([id, receivedAt]) => ({ id, receivedAt })),
          removed: [...removed],
          syncState,
        };
      }
    }
    throw new MailFetchError(
      'protocol',
      'EWS kept reporting more changes after 1000 SyncFolderItems pages',
    );
  }

  /** ErrorItemNotFound (the item was moved or deleted meanwhile) is undefined. */
  private async missingAsUndefined<T>(
    call: Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await call;
    } catch (error) {
      if (
        error instanceof EwsCallError &&
        error.problem.code === 'ErrorItemNotFound'
      ) {
        return undefined;
      }
      throw this.asFetchError(error);
    }
  }

  private asFetchError(error: unknown): MailFetchError {
    if (error instanceof MailFetchError) return error;
    if (error instanceof EwsCallError) {
      return fetchErrorOf(error.what, error.problem);
    }
    const text = (error as Error)?.message ?? String(error);
    return new MailFetchError(problemKind({ text }), `EWS failed: ${text}`);
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
