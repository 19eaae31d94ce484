import type { TestBed } from '@internal/emails-test-bed';
import { ImapFetcher, ImapFetcherOptions } from '../imap/ImapFetcher';

/**
 * ImapFetchers on the test bed's IMAPS port, signed in with the user's
 * password unless the overrides say otherwise; `closeAll` closes every one
 * made (call it after each test).
 */
export function bedImapFetchers(bed: () => TestBed) {
  const open: ImapFetcher[] = [];
  return {
    /** A fetcher that is not connected yet. */
    make(user: string, overrides: Partial<ImapFetcherOptions> = {}) {
      const fetcher = new ImapFetcher({
        host: bed().host,
        port: bed().ports.imaps,
        security: 'ssl',
        auth: {
          type: 'basic',
          username: user,
          password: bed().passwordOf(user),
        },
        ca: [bed().caPem],
        ...overrides,
      });
      open.push(fetcher);
      return fetcher;
    },
    /** A connected fetcher. */
    async connected(user: string, overrides: Partial<ImapFetcherOptions> = {}) {
      const fetcher = this.make(user, overrides);
      await fetcher.connect();
      return fetcher;
    },
    closeAll: () => Promise.all(open.splice(0).map(f => f.close())),
  };
}
