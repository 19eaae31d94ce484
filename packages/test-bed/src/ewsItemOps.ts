import { messageXml, shapeOf } from './ewsShapes';
import {
  failure,
  idXml,
  ResponseMessage,
  responseXml,
  success,
} from './ewsSoap';
import {
  EwsContext,
  EwsFault,
  isFailure,
  resolveFolder,
  resolveItem,
} from './ewsState';
import type { SyncChange } from './ewsSync';
import type { EwsMailbox } from './ewsMailbox';
import type { Shape } from './ewsShapes';
import { attr, child, elements, textOf } from './ewsXml';

function changeXml(change: SyncChange, mailbox: EwsMailbox, shape: Shape) {
  const id = idXml('ItemId', change.itemId, change.changeKey);
  switch (change.type) {
    case 'Delete':
      return `<t:Delete>${id}</t:Delete>`;
    case 'ReadFlagChange':
      return `<t:ReadFlagChange>${id}<t:IsRead>${
        change.item!.isRead
      }</t:IsRead></t:ReadFlagChange>`;
    default:
      return `<t:${change.type}>${messageXml(
        change.item!,
        mailbox,
        shape,
      )}</t:${change.type}>`;
  }
}

/** SyncFolderItems: the changes of a folder since a sync state, at most MaxChangesReturned (1 to 512). */
export function syncFolderItems(ctx: EwsContext): string {
  const shape = shapeOf(child(ctx.op, 'ItemShape'));
  const max = Number(textOf(child(ctx.op, 'MaxChangesReturned')));
  if (!Number.isInteger(max) || max < 1 || max > 512) {
    throw new EwsFault(
      'ErrorSchemaValidation',
      'The request failed schema validation: MaxChangesReturned must be between 1 and 512.',
    );
  }
  const found = resolveFolder(ctx, elements(child(ctx.op, 'SyncFolderId'))[0]);
  if (isFailure(found)) return responseXml('SyncFolderItems', [found]);
  const ignore = new Set(
    elements(child(ctx.op, 'Ignore'), 'ItemId').map(e => attr(e, 'Id') ?? ''),
  );
  const result = ctx.state.syncStates.sync(
    found.mailbox,
    found.folder.id,
    textOf(child(ctx.op, 'SyncState')) || undefined,
    max,
    ignore,
  );
  if (!result) {
    return responseXml('SyncFolderItems', [
      failure(
        'ErrorInvalidSyncStateData',
        'Synchronization state data is corrupt or otherwise invalid.',
      ),
    ]);
  }
  const changes = result.changes
    .map(c => changeXml(c, found.mailbox, shape))
    .join('');
  return responseXml('SyncFolderItems', [
    success(
      `<m:SyncState>${result.syncState}</m:SyncState>` +
        `<m:IncludesLastItemInRange>${result.includesLast}</m:IncludesLastItemInRange>` +
        `<m:Changes>${changes}</m:Changes>`,
    ),
  ]);
}

/** GetItem: one response message per ItemId (ErrorItemNotFound for a gone or moved id). */
export function getItem(ctx: EwsContext): string {
  const shape = shapeOf(child(ctx.op, 'ItemShape'));
  const messages = elements(child(ctx.op, 'ItemIds')).map(element => {
    const found = resolveItem(ctx, element);
    if (isFailure(found)) return { ...found, body: '<m:Items/>' };
    return success(
      `<m:Items>${messageXml(found.item, found.mailbox, shape)}</m:Items>`,
    );
  });
  return responseXml('GetItem', messages);
}

/** The IsRead value of an update, or a failure for what the stand-in does not update. */
function readFlagOf(update: Element): boolean | ResponseMessage {
  const field = attr(child(update, 'FieldURI'), 'FieldURI');
  if (update.localName === 'SetItemField' && field === 'message:IsRead')
    return textOf(child(update, 'Message', 'IsRead')) === 'true';
  return failure(
    'ErrorInvalidPropertySet',
    `The stand-in updates only message:IsRead, not ${update.localName} ${
      field ?? ''
    }.`,
    { body: '<m:Items/>' },
  );
}

/** UpdateItem: sets message:IsRead (ChangeKey checked unless ConflictResolution is AlwaysOverwrite). */
export function updateItem(ctx: EwsContext): string {
  const overwrite = attr(ctx.op, 'ConflictResolution') === 'AlwaysOverwrite';
  const changes = elements(child(ctx.op, 'ItemChanges'), 'ItemChange');
  const messages = changes.map((change): ResponseMessage => {
    const idElement = child(change, 'ItemId');
    const found = resolveItem(ctx, idElement);
    if (isFailure(found)) return { ...found, body: '<m:Items/>' };
    const changeKey = attr(idElement, 'ChangeKey');
    if (!overwrite && changeKey && changeKey !== found.item.changeKey) {
      return failure(
        'ErrorIrresolvableConflict',
        'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.',
        { body: '<m:Items/>' },
      );
    }
    const flags = elements(child(change, 'Updates')).map(readFlagOf);
    const refused = flags.find(isFailure);
    if (refused) return refused;
    for (const flag of flags)
      found.mailbox.setRead(found.item.id, flag as boolean);
    const item = found.mailbox.items.get(found.item.id)!;
    return success(
      `<m:Items><t:Message>${idXml(
        'ItemId',
        item.id,
        item.changeKey,
      )}</t:Message></m:Items><m:ConflictResults><t:Count>0</t:Count></m:ConflictResults>`,
    );
  });
  return responseXml('UpdateItem', messages);
}

/** MoveItem: the item gets a new id, returned when ReturnNewItemIds is true. */
export function moveItem(ctx: EwsContext): string {
  const destination = resolveFolder(
    ctx,
    elements(child(ctx.op, 'ToFolderId'))[0],
  );
  const returnNew = textOf(child(ctx.op, 'ReturnNewItemIds')) === 'true';
  const messages = elements(child(ctx.op, 'ItemIds')).map(
    (element): ResponseMessage => {
      const found = resolveItem(ctx, element);
      if (isFailure(found)) return { ...found, body: '<m:Items/>' };
      if (isFailure(destination)) {
        return destination.code === 'ErrorFolderNotFound'
          ? failure(
              'ErrorToFolderNotFound',
              'The destination folder could not be found.',
              {
                body: '<m:Items/>',
              },
            )
          : { ...destination, body: '<m:Items/>' };
      }
      if (destination.mailbox !== found.mailbox) {
        return failure(
          'ErrorCrossMailboxMoveCopy',
          'The stand-in moves items only within their mailbox.',
          { body: '<m:Items/>' },
        );
      }
      const moved = found.mailbox.move(found.item.id, destination.folder.id)!;
      return success(
        returnNew
          ? `<m:Items><t:Message>${idXml(
              'ItemId',
              moved.id,
              moved.changeKey,
            )}</t:Message></m:Items>`
          : '<m:Items/>',
      );
    },
  );
  return responseXml('MoveItem', messages);
}
