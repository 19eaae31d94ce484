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
import { GraphClient } from './graphClient';

/** Graph's messages have no UIDVALIDITY: immutable ids never change meaning. */
const GRAPH_VALIDITY = 'graph';
const MAX_DELTA_PAGES = 1000;

type DeltaItem = {
  id: string;
  receivedDateTime?: string;
  '@removed'?: unknown;
};

/** What a {@link GraphFetcher} needs. */
export interface GraphFetcherOptions {
  serverId: string;
  client: GraphClient;
  numbers: MessageNumbers;
  /** How often waitForNewMail looks at the delta link; default 15 s. */
  pollMs?: number;
}

function folderSegment(folder: string): string {
  return folder.toUpperCase() === 'INBOX'
    ? 'inbox'
    : encodeURIComponent(folder);
}

/**
 * The Microsoft Graph MailFetcher. The delta link of the folder is where
 * each listing starts (kept per folder); each message id (immutable) gets a
 * number that only grows, so the folder cursor and crash safety work as for
 * IMAP: a message listed but not handled keeps its number and comes again.
 * An expired delta link (410) starts a full listing; numbers make it safe.
 */
export class GraphFetcher extends OneByOneFetcher implements MailFetcher {
  private folderIds = new Map<string, string>();
  private readonly messages: NumberedMessages;

  constructor(private readonly options: GraphFetcherOptions) {
    super();
    this.messages = new NumberedMessages({
      serverId: options.serverId,
      numbers: options.numbers,
      validity: GRAPH_VALIDITY,
      sourcePrefix: 'graph',
    });
  }

  async connect(): Promise<void> {
    // Proves the token and the mailbox: auth and permission errors show here.
    await this.options.client.call('/mailFolders/inbox');
  }

  async open(folder: string): Promise<FolderSnapshot> {
    const { serverId, numbers } = this.options;
    const stored = await numbers.deltaLink(serverId, folder);
    let listing = stored ? await this.listChanges(stored) : undefined;
    const full = !listing;
    if (!listing) {
      listing = await this.listChanges(
        `/mailFolders/${folderSegment(
          folder,
        )}/messages/delta?$select=id,receivedDateTime`,
      );
    }
    if (!listing) {
      throw new MailFetchError(
        'protocol',
        `Graph has no folder "${folder}" in this mailbox`,
      );
    }
    return this.messages.apply(folder, {
      added: listing.items
        .filter(i => !i['@removed'])
        .map(i => ({ id: i.id, receivedAt: i.receivedDateTime })),
      removed: listing.items.filter(i => i['@removed']).map(i => i.id),
      next: listing.deltaLink,
      full,
    });
  }

  async listNew(folder: string, filter: ListFilter): Promise<MessageRef[]> {
    return this.messages.list(folder, filter);
  }

  async fetchRaw(ref: MessageRef): Promise<RawMessage | undefined> {
    const id = this.messages.idOf(ref.uid);
    if (!id) return undefined;
    const response = await this.options.client.call(
      `/messages/${encodeURIComponent(id)}/$value`,
    );
    if (!response) return undefined;
    const raw = Buffer.from(await response.arrayBuffer());
    return { raw, size: raw.length, headersOnly: false };
  }

  async mark(ref: MessageRef, mark: MailboxMark): Promise<void> {
    const id = this.messages.idOf(ref.uid);
    if (!id) return;
    const path = `/messages/${encodeURIComponent(id)}`;
    if (mark.type === 'seen') {
      await this.options.client.call(path, {
        method: 'PATCH',
        body: { isRead: true },
      });
      return;
    }
    const destinationId = await this.folderId(mark.folder);
    await this.options.client.call(`${path}/move`, {
      method: 'POST',
      body: { destinationId },
    });
  }

  /** Change notifications cannot reach a private portal: a short poll of the delta link is the real-time path. */
  async waitForNewMail(
    folder: string,
    options: { signal: AbortSignal; maxWaitMs: number },
  ): Promise<WaitResult> {
    const until = Date.now() + options.maxWaitMs;
    const link = await this.options.numbers.deltaLink(
      this.options.serverId,
      folder,
    );
    while (link && Date.now() < until) {
      if (options.signal.aborted) return 'aborted';
      const changes = await this.listChanges(link);
      if (!changes || changes.items.some(i => !i['@removed']))
        return 'new-mail';
      // Ends at once on abort: a stopping backend must not wait out the poll.
      await abortablePause(
        Math.min(
          this.options.pollMs ?? 15_000,
          Math.max(0, until - Date.now()),
        ),
        options.signal,
      );
    }
    return options.signal.aborted ? 'aborted' : 'timeout';
  }

  async close(): Promise<void> {
    // HTTP has no session to end.
  }

  /** Follows next links to the delta link; undefined when the link expired (410) or the folder is gone. */
  private async listChanges(
    link: string,
  ): Promise<{ items: DeltaItem[]; deltaLink: string } | undefined> {
    const items: DeltaItem[] = [];
    let next: string | undefined = link;
    for (let page = 0; next && page < MAX_DELTA_PAGES; page++) {
      let response;
      try {
        response = await this.options.client.call(next);
      } catch (error) {
        if (
          error instanceof MailFetchError &&
          error.kind === 'validity-changed'
        )
          return undefined;
        throw error;
      }
      if (!response) return undefined;
      const body = (await response.json()) as {
        value: DeltaItem[];
        '@odata.nextLink'?: string;
        '@odata.deltaLink'?: string;
      };
      items.push(...body.value);
      if (body['@odata.deltaLink'])
        return { items, deltaLink: body['@odata.deltaLink'] };
      next = body['@odata.nextLink'];
    }
    throw new MailFetchError(
      'protocol',
      'Graph returned a delta listing without a delta link',
    );
  }

  private async folderId(name: string): Promise<string> {
    const cached = this.folderIds.get(name);
    if (cached) return cached;
    const filter = encodeURIComponent(
      `displayName eq '${name.replace(/'/g, "''")}'`,
    );
    const found = await this.options.client.call(
      `/mailFolders?$filter=${filter}`,
    );
    const existing =
      found && ((await found.json()) as { value: { id: string }[] }).value[0];
    let id = existing?.id;
    if (!id) {
      const created = await this.options.client.call('/mailFolders', {
        method: 'POST',
        body: { displayName: name },
      });
      id = created && ((await created.json()) as { id: string }).id;
    }
    if (!id)
      throw new MailFetchError(
        'protocol',
        `Graph could not create the folder "${name}"`,
      );
    this.folderIds.set(name, id);
    return id;
  }
}

function abortablePause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
