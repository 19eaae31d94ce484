import type { EwsEvent, EwsMailbox } from './ewsMailbox';
import {
  esc,
  ewsDate,
  failure,
  idXml,
  ResponseMessage,
  responseXml,
  success,
} from './ewsSoap';
import { accessError, EwsContext, isFailure, resolveFolder } from './ewsState';
import { EVENT_ELEMENTS } from './ewsSubscriptions';
import { attr, child, elements, textOf } from './ewsXml';

const notFound = () =>
  failure(
    'ErrorSubscriptionNotFound',
    'The specified subscription was not found.',
  );
const badWatermark = () =>
  failure(
    'ErrorInvalidWatermark',
    'The watermark used for creating this subscription was not found.',
  );

function subscribeMessage(ctx: EwsContext): ResponseMessage {
  const pull = child(ctx.op, 'PullSubscriptionRequest');
  if (!pull) {
    return failure(
      'ErrorInvalidSubscriptionRequest',
      'The stand-in offers pull subscriptions only.',
    );
  }
  const timeout = Number(textOf(child(pull, 'Timeout')) || 30);
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 1440) {
    return failure(
      'ErrorInvalidSubscriptionRequest',
      'The subscription timeout must be between 1 and 1440 minutes.',
    );
  }
  let mailbox: EwsMailbox | undefined;
  const folderIds: string[] = [];
  for (const element of elements(child(pull, 'FolderIds'))) {
    const found = resolveFolder(ctx, element);
    if (isFailure(found)) return found;
    if (mailbox && mailbox !== found.mailbox) {
      return failure(
        'ErrorInvalidSubscriptionRequest',
        'All folders of a subscription must be in one mailbox.',
      );
    }
    mailbox = found.mailbox;
    folderIds.push(found.folder.id);
  }
  if (!mailbox) {
    if (attr(pull, 'SubscribeToAllFolders') !== 'true') {
      return failure(
        'ErrorInvalidSubscriptionRequest',
        'The subscription names no folders.',
      );
    }
    const denied = accessError(ctx, ctx.user);
    if (denied) return denied;
    mailbox = ctx.state.mailbox(ctx.user);
    folderIds.push(...mailbox.folders.keys());
  }
  const types = elements(child(pull, 'EventTypes'), 'EventType').map(
    e => `${textOf(e)}`,
  );
  const result = ctx.state.subscriptions.subscribe(
    mailbox,
    folderIds,
    types,
    timeout,
    textOf(child(pull, 'Watermark')) || undefined,
  );
  if (result === 'ErrorInvalidWatermark') return badWatermark();
  return success(
    `<m:SubscriptionId>${esc(result.id)}</m:SubscriptionId>` +
      `<m:Watermark>${esc(result.watermark)}</m:Watermark>`,
  );
}

/** Subscribe with a PullSubscriptionRequest (push and streaming are not offered). */
export function subscribe(ctx: EwsContext): string {
  return responseXml('Subscribe', [subscribeMessage(ctx)]);
}

function eventXml(mailbox: EwsMailbox, event: EwsEvent, watermark: string) {
  const element = EVENT_ELEMENTS[event.kind];
  const item = mailbox.items.get(event.itemId);
  const folderKey = (id: string) => mailbox.folders.get(id)?.changeKey;
  const moved =
    event.oldItemId && event.oldFolderId
      ? idXml('OldItemId', event.oldItemId) +
        idXml(
          'OldParentFolderId',
          event.oldFolderId,
          folderKey(event.oldFolderId),
        )
      : '';
  const ids = [
    idXml('ItemId', event.itemId, item?.changeKey),
    idXml('ParentFolderId', event.folderId, folderKey(event.folderId)),
    moved,
  ].join('');
  return `<t:${element}><t:Watermark>${esc(
    watermark,
  )}</t:Watermark><t:TimeStamp>${ewsDate(
    event.at,
  )}</t:TimeStamp>${ids}</t:${element}>`;
}

/** GetEvents: the subscription's events since the watermark, or a StatusEvent when nothing happened. */
export function getEvents(ctx: EwsContext): string {
  const id = textOf(child(ctx.op, 'SubscriptionId'));
  const batch = ctx.state.subscriptions.events(
    id,
    textOf(child(ctx.op, 'Watermark')),
  );
  let message: ResponseMessage;
  if (batch === 'ErrorSubscriptionNotFound') message = notFound();
  else if (batch === 'ErrorInvalidWatermark') message = badWatermark();
  else {
    const denied = accessError(ctx, batch.mailbox.address);
    const events = batch.events
      .map(e => eventXml(batch.mailbox, e.event, e.watermark))
      .join('');
    const status = batch.status
      ? `<t:StatusEvent><t:Watermark>${esc(
          batch.status,
        )}</t:Watermark></t:StatusEvent>`
      : '';
    message =
      denied ??
      success(
        `<m:Notification><t:SubscriptionId>${esc(id)}</t:SubscriptionId>` +
          `<t:PreviousWatermark>${esc(
            batch.previousWatermark,
          )}</t:PreviousWatermark>` +
          `<t:MoreEvents>${batch.moreEvents}</t:MoreEvents>${events}${status}</m:Notification>`,
      );
  }
  return responseXml('GetEvents', [message]);
}

/** Unsubscribe: ends a pull subscription. */
export function unsubscribe(ctx: EwsContext): string {
  const id = textOf(child(ctx.op, 'SubscriptionId'));
  const ended = ctx.state.subscriptions.unsubscribe(id);
  return responseXml('Unsubscribe', [ended ? success() : notFound()]);
}
