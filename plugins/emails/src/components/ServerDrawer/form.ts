import { FieldKey, MailServer, ServerDraft } from './draft';

/** What each section of the drawer works with. */
export interface DrawerForm {
  draft: ServerDraft;
  /** The fields shown for the draft (see visibleFields). */
  shown: Set<FieldKey>;
  /** Messages under fields, keyed by field. */
  errors: Record<string, string>;
  change<K extends FieldKey>(key: K, value: ServerDraft[K]): void;
  /** Which secrets the loaded server already holds. */
  secretsSet: { password: boolean; clientSecret: boolean };
  /** The server as last read or saved; absent while a new one is unsaved. */
  loaded?: MailServer;
  /**
   * Saves the server when it is new or changed, so a sign-in uses what the
   * form shows; undefined when the save failed (the form shows why).
   */
  saveForSignIn(): Promise<MailServer | undefined>;
  /** Takes in the server as read after a sign-in. */
  adopt(server: MailServer): void;
}
