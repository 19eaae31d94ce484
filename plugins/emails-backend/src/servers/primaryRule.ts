import { ConflictError } from '@backstage/errors';
import {
  MailServerInput,
  MailServerRecord,
  MailServerStore,
} from '../database';

/**
 * Mail without a preferred server goes through the primary, so losing it
 * (deleted, disabled or demoted) would leave that mail waiting with no
 * server: refused while other servers exist. The last server may still go,
 * there is nothing to hand over to. `after` is the update, none for a delete.
 */
export async function checkKeepsPrimary(
  store: Pick<MailServerStore, 'list' | 'direction'>,
  existing: MailServerRecord,
  after?: MailServerInput,
): Promise<void> {
  if (!existing.primary || (after?.primary && after.enabled)) {
    return;
  }
  const others = (await store.list()).filter(s => s.id !== existing.id);
  if (others.length === 0) {
    return;
  }
  let change = 'demote';
  if (!after) change = 'delete';
  else if (after.primary) change = 'disable';
  const { direction } = store;
  throw new ConflictError(
    `Cannot ${change} the ${direction} server "${existing.name}": it is the primary ${direction} server; make another server primary first`,
  );
}
