import { Page } from '@internal/plugin-emails-common';
import {
  DependencyList,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';

/** A list read page by page, as the table above it shows it. */
export interface PagedList<T> {
  items: T[];
  loading: boolean;
  error?: Error;
  /** True while there is a next page to load. */
  hasMore: boolean;
  loadMore(): void;
  /** Reads the first page again, e.g. after an action changed an item. */
  reload(): void;
}

interface PageState<T> {
  items: T[];
  nextCursor?: string;
  loading: boolean;
  error?: Error;
}

function withPage<T>(cursor: string | undefined, page: Page<T>) {
  return (s: PageState<T>): PageState<T> => ({
    items: cursor ? [...s.items, ...page.items] : page.items,
    nextCursor: page.nextCursor,
    loading: false,
  });
}

/**
 * Reads the first page whenever `deps` change and appends the next page on
 * loadMore. Answers to a superseded request (older filter) are dropped.
 */
export function usePagedList<T>(
  fetchPage: (cursor?: string) => Promise<Page<T>>,
  deps: DependencyList,
): PagedList<T> {
  const [state, setState] = useState<PageState<T>>(() => ({
    items: [],
    loading: true,
  }));
  const latest = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const fetcher = useCallback(fetchPage, deps);

  const load = useCallback(
    async (cursor?: string) => {
      const request = ++latest.current;
      setState(s => ({ ...s, loading: true, error: undefined }));
      try {
        const page = await fetcher(cursor);
        if (request === latest.current) setState(withPage(cursor, page));
      } catch (error) {
        if (request === latest.current) {
          setState(s => ({ ...s, loading: false, error: error as Error }));
        }
      }
    },
    [fetcher],
  );

  useEffect(() => {
    load();
  }, [load]);

  return {
    items: state.items,
    loading: state.loading,
    error: state.error,
    hasMore: !!state.nextCursor,
    loadMore: () => state.nextCursor && load(state.nextCursor),
    reload: () => load(),
  };
}
