import {
  Folder,
  FolderId,
  FolderSchema,
  FolderView,
  SearchFilter,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { EwsSession } from './ewsSession';

/** Folder names that mean the mailbox's well-known Inbox. */
export function isInbox(name: string): boolean {
  return name.toUpperCase() === 'INBOX';
}

/**
 * Folder ids of one mailbox by display name: the Inbox is well known, other
 * folders are found under the top of the mailbox (MsgFolderRoot) and
 * created there when asked and missing.
 */
export class EwsFolders {
  private readonly ids = new Map<string, FolderId>();

  constructor(private readonly session: EwsSession) {}

  async find(name: string, create = false): Promise<FolderId | undefined> {
    if (isInbox(name)) return this.session.folderId(WellKnownFolderName.Inbox);
    const key = name.toLowerCase();
    const cached = this.ids.get(key);
    if (cached) return cached;
    const root = this.session.folderId(WellKnownFolderName.MsgFolderRoot);
    const found = await this.session.call('FindFolder', service =>
      service.FindFolders(
        root,
        new SearchFilter.IsEqualTo(FolderSchema.DisplayName, name),
        new FolderView(10),
      ),
    );
    let id = found.Folders.find(
      f => (f.DisplayName ?? '').toLowerCase() === key,
    )?.Id;
    if (!id && create) {
      id = await this.session.call(`CreateFolder "${name}"`, async service => {
        const folder = new Folder(service);
        folder.DisplayName = name;
        await folder.Save(root);
        return folder.Id;
      });
    }
    if (id) this.ids.set(key, id);
    return id;
  }
}
