import { IncomingFilter } from '@internal/plugin-emails-common';

/** What the server's Allow / Ignore filter decided. */
export interface FilterDecision {
  allowed: boolean;
  /** The entry that matched, or why nothing did. */
  reason: string;
}

/** The parts of a message the filter looks at. */
export interface FilterInput {
  from?: string;
  subject?: string;
  text?: string;
}

/**
 * Seed 001's filter: entries of each list are OR; with Allow only matching
 * mail passes, with Ignore matching mail is dropped. Keywords are matched,
 * case-insensitively, in the subject and the body.
 */
export function applyFilter(
  filter: IncomingFilter | undefined,
  input: FilterInput,
): FilterDecision {
  if (
    !filter ||
    (!filter.emails.length && !filter.domains.length && !filter.keywords.length)
  ) {
    return { allowed: true, reason: 'no filter' };
  }
  const match = firstMatch(filter, input);
  if (filter.type === 'allow') {
    return match
      ? { allowed: true, reason: `Allow list matched ${match}` }
      : {
          allowed: false,
          reason: 'sender, domain and keywords are not in the Allow list',
        };
  }
  return match
    ? { allowed: false, reason: `Ignore list matched ${match}` }
    : { allowed: true, reason: 'nothing in the Ignore list matched' };
}

function firstMatch(
  filter: IncomingFilter,
  input: FilterInput,
): string | undefined {
  const from = (input.from ?? '').toLocaleLowerCase('en-US');
  const domain = from.split('@')[1] ?? '';
  const email = filter.emails.find(e => e.toLocaleLowerCase('en-US') === from);
  if (email) return `email ${email}`;
  const dom = filter.domains.find(d => {
    const d2 = d.toLocaleLowerCase('en-US');
    return domain === d2 || domain.endsWith(`.${d2}`);
  });
  if (dom) return `domain ${dom}`;
  const haystack = `${input.subject ?? ''}\n${
    input.text ?? ''
  }`.toLocaleLowerCase('en-US');
  const keyword = filter.keywords.find(k =>
    haystack.includes(k.toLocaleLowerCase('en-US')),
  );
  return keyword ? `keyword "${keyword}"` : undefined;
}
