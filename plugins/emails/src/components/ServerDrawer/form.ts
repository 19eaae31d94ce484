import { FieldKey, ServerDraft } from './draft';

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
}
