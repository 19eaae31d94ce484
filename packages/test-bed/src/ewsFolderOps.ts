import type { EwsFolder, EwsMailbox } from './ewsMailbox';
import { folderXml, shapeOf } from './ewsShapes';
import {
  failure,
  idXml,
  ResponseMessage,
  responseXml,
  success,
} from './ewsSoap';
import { EwsContext, isFailure, resolveFolder } from './ewsState';
import { attr, child, elements, textOf } from './ewsXml';

type FolderTest = (folder: EwsFolder) => boolean;

/** A folder restriction: IsEqualTo / IsNotEqualTo on folder:DisplayName (case-insensitive, as Exchange compares), And, Or, Not. */
function restrictionOf(element: Element | undefined): FolderTest | undefined {
  if (!element) return () => true;
  const parts = elements(element).map(restrictionOf);
  if (parts.some(p => !p)) return undefined;
  const tests = parts as FolderTest[];
  switch (element.localName) {
    case 'Restriction':
      return tests[0] ?? (() => true);
    case 'And':
      return f => tests.every(t => t(f));
    case 'Or':
      return f => tests.some(t => t(f));
    case 'Not':
      return f => !tests[0]?.(f);
    case 'FieldURI':
    case 'FieldURIOrConstant':
    case 'Constant':
      return () => true;
    case 'IsEqualTo':
    case 'IsNotEqualTo': {
      const field = attr(child(element, 'FieldURI'), 'FieldURI');
      const value = attr(
        child(element, 'FieldURIOrConstant', 'Constant'),
        'Value',
      );
      if (field !== 'folder:DisplayName' || value === undefined)
        return undefined;
      const equal = (f: EwsFolder) =>
        f.displayName.toLowerCase() === value.toLowerCase();
      return element.localName === 'IsEqualTo' ? equal : f => !equal(f);
    }
    default:
      return undefined;
  }
}

function below(
  mailbox: EwsMailbox,
  parentId: string,
  deep: boolean,
): EwsFolder[] {
  const found: EwsFolder[] = [];
  for (const folder of mailbox.childFolders(parentId)) {
    found.push(folder);
    if (deep) found.push(...below(mailbox, folder.id, deep));
  }
  return found;
}

/** GetFolder: one response message per FolderId / DistinguishedFolderId. */
export function getFolder(ctx: EwsContext): string {
  const shape = shapeOf(child(ctx.op, 'FolderShape'));
  const messages = elements(child(ctx.op, 'FolderIds')).map(element => {
    const found = resolveFolder(ctx, element);
    if (isFailure(found)) return { ...found, body: '<m:Folders/>' };
    return success(
      `<m:Folders>${folderXml(found.folder, found.mailbox, shape)}</m:Folders>`,
    );
  });
  return responseXml('GetFolder', messages);
}

/** FindFolder: child folders (Shallow) or all below (Deep), filtered and paged by IndexedPageFolderView. */
export function findFolder(ctx: EwsContext): string {
  const shape = shapeOf(child(ctx.op, 'FolderShape'));
  const deep = attr(ctx.op, 'Traversal') === 'Deep';
  const view = child(ctx.op, 'IndexedPageFolderView');
  const max = Number(attr(view, 'MaxEntriesReturned') ?? Infinity);
  const offset = Number(attr(view, 'Offset') ?? 0);
  const fromEnd = attr(view, 'BasePoint') === 'End';
  const test = restrictionOf(child(ctx.op, 'Restriction'));
  const messages = elements(child(ctx.op, 'ParentFolderIds')).map(
    (element): ResponseMessage => {
      if (!test) {
        return failure(
          'ErrorInvalidRestriction',
          'The stand-in restricts folders only by folder:DisplayName (IsEqualTo, IsNotEqualTo, And, Or, Not).',
        );
      }
      const parent = resolveFolder(ctx, element);
      if (isFailure(parent)) return parent;
      const all = below(parent.mailbox, parent.folder.id, deep).filter(test);
      const start = fromEnd ? Math.max(0, all.length - offset - max) : offset;
      const page = all.slice(start, start + max);
      const next = start + page.length;
      const folders = page
        .map(f => folderXml(f, parent.mailbox, shape))
        .join('');
      return success(
        `<m:RootFolder IndexedPagingOffset="${next}" TotalItemsInView="${
          all.length
        }" IncludesLastItemInRange="${
          next >= all.length
        }"><t:Folders>${folders}</t:Folders></m:RootFolder>`,
      );
    },
  );
  return responseXml('FindFolder', messages);
}

/** CreateFolder: folder names are unique per parent, case-insensitively (ErrorFolderExists). */
export function createFolder(ctx: EwsContext): string {
  const parent = resolveFolder(
    ctx,
    elements(child(ctx.op, 'ParentFolderId'))[0],
  );
  const messages = elements(child(ctx.op, 'Folders')).map(
    (element): ResponseMessage => {
      if (isFailure(parent)) return { ...parent, body: '<m:Folders/>' };
      const name = textOf(child(element, 'DisplayName'));
      if (!name) {
        return failure(
          'ErrorInvalidRequest',
          'The request is invalid: the folder has no DisplayName.',
          { body: '<m:Folders/>' },
        );
      }
      const taken = parent.mailbox
        .childFolders(parent.folder.id)
        .some(f => f.displayName.toLowerCase() === name.toLowerCase());
      if (taken) {
        return failure(
          'ErrorFolderExists',
          'A folder with the specified name already exists.',
          { body: '<m:Folders/>' },
        );
      }
      const folder = parent.mailbox.createFolder(name, parent.folder.id);
      return success(
        `<m:Folders><t:Folder>${idXml(
          'FolderId',
          folder.id,
          folder.changeKey,
        )}</t:Folder></m:Folders>`,
      );
    },
  );
  return responseXml('CreateFolder', messages);
}
