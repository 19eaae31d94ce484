import { ImapFlow } from 'imapflow';
import {
  FetchedMessage,
  MailboxMark,
  MarkRequest,
  MessageRef,
} from '../MailFetcher';
import { toSequenceSet } from './sequenceSet';

/** The limits of one batch read. */
export interface BatchReadLimits {
  /** Bytes of whole messages one read may bring (the batch's memory). */
  maxBytes: number;
  /** Larger messages are read as their header block only. */
  maxMessageBytes: number;
}

const BY_UID = { uid: true };

/** RFC822.SIZE of each UID still in the selected folder. */
async function sizesOf(
  client: ImapFlow,
  uids: readonly number[],
): Promise<Map<number, number>> {
  const sizes = new Map<number, number>();
  const query = { uid: true, size: true };
  for await (const m of client.fetch(toSequenceSet(uids), query, BY_UID)) {
    sizes.set(m.uid, m.size ?? 0);
  }
  return sizes;
}

/**
 * The leading refs whose whole bytes fit in `maxBytes` (at least one), by
 * the sizes the server reported; a header block counts as nothing.
 */
export function leadingRun(
  refs: readonly MessageRef[],
  sizes: ReadonlyMap<number, number>,
  limits: BatchReadLimits,
): MessageRef[] {
  const run: MessageRef[] = [];
  let bytes = 0;
  for (const ref of refs) {
    const size = sizes.get(ref.uid) ?? 0;
    const cost = size > limits.maxMessageBytes ? 0 : size;
    if (run.length > 0 && bytes + cost > limits.maxBytes) break;
    run.push(ref);
    bytes += cost;
  }
  return run;
}

/** One FETCH for many UIDs: each UID's bytes as `pick` reads them from the answer. */
async function readAll(
  client: ImapFlow,
  uids: readonly number[],
  query: Record<string, unknown>,
  pick: (m: { source?: Buffer; headers?: Buffer }) => Buffer | undefined,
): Promise<Map<number, Buffer>> {
  const read = new Map<number, Buffer>();
  if (uids.length === 0) return read;
  for await (const m of client.fetch(
    toSequenceSet(uids),
    { uid: true, ...query },
    BY_UID,
  )) {
    const bytes = pick(m);
    if (bytes) read.set(m.uid, bytes);
  }
  return read;
}

/**
 * Reads a batch from the selected folder in three commands whatever its
 * length: the sizes, then the whole messages within the size limit
 * (BODY.PEEK[], so \Seen stays as it was; maxLength also bounds a server
 * that under-reports a size), then the header blocks of the larger ones.
 * A UID missing from the answers was expunged since it was listed.
 */
export async function readBatch(
  client: ImapFlow,
  refs: readonly MessageRef[],
  limits: BatchReadLimits,
): Promise<FetchedMessage[]> {
  if (refs.length === 0) return [];
  const sizes = await sizesOf(
    client,
    refs.map(r => r.uid),
  );
  const run = leadingRun(refs, sizes, limits);
  const present = run.map(r => r.uid).filter(uid => sizes.has(uid));
  const large = present.filter(uid => sizes.get(uid)! > limits.maxMessageBytes);
  const whole = present.filter(uid => !large.includes(uid));
  const sources = await readAll(
    client,
    whole,
    { source: { maxLength: limits.maxMessageBytes } },
    m => m.source,
  );
  const heads = await readAll(
    client,
    large,
    { headers: true },
    m => m.headers ?? Buffer.alloc(0),
  );
  return run.map(ref => {
    const size = sizes.get(ref.uid) ?? 0;
    const source = sources.get(ref.uid);
    if (source) {
      return {
        ref,
        message: {
          raw: source,
          size: size || source.length,
          headersOnly: false,
        },
      };
    }
    const head = heads.get(ref.uid);
    return head
      ? { ref, message: { raw: head, size, headersOnly: true } }
      : { ref };
  });
}

/** Where each UID goes: `seen` or the target folder's name. */
function targetOf(mark: MailboxMark): string {
  return mark.type === 'move' ? `move:${mark.folder}` : 'seen';
}

/**
 * Files a batch in the selected folder: one STORE +FLAGS (\Seen) for all
 * the flagged ones, one MOVE per target folder (created first by
 * `ensureFolder`).
 */
export async function markBatch(
  client: ImapFlow,
  marks: readonly MarkRequest[],
  ensureFolder: (folder: string) => Promise<void>,
): Promise<void> {
  const groups = new Map<string, { mark: MailboxMark; uids: number[] }>();
  for (const { ref, mark } of marks) {
    const key = targetOf(mark);
    const group = groups.get(key) ?? { mark, uids: [] };
    group.uids.push(ref.uid);
    groups.set(key, group);
  }
  for (const { mark, uids } of groups.values()) {
    const set = toSequenceSet(uids);
    if (mark.type === 'move') {
      await ensureFolder(mark.folder);
      await client.messageMove(set, mark.folder, BY_UID);
    } else {
      await client.messageFlagsAdd(set, ['\\Seen'], BY_UID);
    }
  }
}
