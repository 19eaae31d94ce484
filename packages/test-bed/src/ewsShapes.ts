import type { EwsFolder, EwsItem, EwsMailbox } from './ewsMailbox';
import { esc, ewsDate, idXml } from './ewsSoap';
import { attr, child, elements, textOf } from './ewsXml';

/** An ItemShape or FolderShape: the base set and the extra FieldURIs. */
export interface Shape {
  base: 'IdOnly' | 'Default' | 'AllProperties';
  fields: Set<string>;
}

/** Reads `m:ItemShape` / `m:FolderShape` (IdOnly when missing). */
export function shapeOf(element: Element | undefined): Shape {
  const base = textOf(child(element, 'BaseShape'));
  const fields = new Set(
    elements(child(element, 'AdditionalProperties'), 'FieldURI').map(
      f => attr(f, 'FieldURI') ?? '',
    ),
  );
  return {
    base: base === 'Default' || base === 'AllProperties' ? base : 'IdOnly',
    fields,
  };
}

const wants = (shape: Shape, field: string, inDefault: boolean) =>
  shape.fields.has(field) || (inDefault && shape.base !== 'IdOnly');

/**
 * A `t:Message` with the properties the shape asks for, in schema order
 * (ItemType, then MessageType). The stand-in knows MimeContent, ItemId,
 * ParentFolderId, DateTimeReceived, Size and IsRead; other requested
 * properties are left out.
 */
export function messageXml(
  item: EwsItem,
  mailbox: EwsMailbox,
  shape: Shape,
): string {
  const parts: string[] = [];
  if (shape.fields.has('item:MimeContent')) {
    parts.push(
      `<t:MimeContent CharacterSet="UTF-8">${item.raw.toString(
        'base64',
      )}</t:MimeContent>`,
    );
  }
  parts.push(idXml('ItemId', item.id, item.changeKey));
  const folder = mailbox.folders.get(item.folderId);
  if (folder && wants(shape, 'item:ParentFolderId', true))
    parts.push(idXml('ParentFolderId', folder.id, folder.changeKey));
  if (wants(shape, 'item:ItemClass', true))
    parts.push('<t:ItemClass>IPM.Note</t:ItemClass>');
  if (wants(shape, 'item:DateTimeReceived', true))
    parts.push(
      `<t:DateTimeReceived>${ewsDate(item.received)}</t:DateTimeReceived>`,
    );
  if (wants(shape, 'item:Size', true))
    parts.push(`<t:Size>${item.raw.length}</t:Size>`);
  if (wants(shape, 'message:IsRead', true))
    parts.push(`<t:IsRead>${item.isRead}</t:IsRead>`);
  return `<t:Message>${parts.join('')}</t:Message>`;
}

/** A `t:Folder` with the properties the shape asks for, in schema order. */
export function folderXml(
  folder: EwsFolder,
  mailbox: EwsMailbox,
  shape: Shape,
): string {
  const parts = [idXml('FolderId', folder.id, folder.changeKey)];
  const parent = folder.parentId
    ? mailbox.folders.get(folder.parentId)
    : undefined;
  if (
    parent &&
    wants(shape, 'folder:ParentFolderId', shape.base === 'AllProperties')
  )
    parts.push(idXml('ParentFolderId', parent.id, parent.changeKey));
  if (wants(shape, 'folder:FolderClass', true))
    parts.push('<t:FolderClass>IPF.Note</t:FolderClass>');
  if (wants(shape, 'folder:DisplayName', true))
    parts.push(`<t:DisplayName>${esc(folder.displayName)}</t:DisplayName>`);
  const counts = mailbox.counts(folder.id);
  if (wants(shape, 'folder:TotalCount', true))
    parts.push(`<t:TotalCount>${counts.total}</t:TotalCount>`);
  if (wants(shape, 'folder:ChildFolderCount', true))
    parts.push(
      `<t:ChildFolderCount>${
        mailbox.childFolders(folder.id).length
      }</t:ChildFolderCount>`,
    );
  if (wants(shape, 'folder:UnreadCount', true))
    parts.push(`<t:UnreadCount>${counts.unread}</t:UnreadCount>`);
  return `<t:Folder>${parts.join('')}</t:Folder>`;
}
