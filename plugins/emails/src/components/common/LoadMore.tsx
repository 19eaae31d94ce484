import { Box, Button } from '@material-ui/core';
import { PagedList } from './usePagedList';

/** The Load more button under a paged table; nothing once the last page is in. */
export function LoadMore(props: { list: PagedList<unknown> }) {
  const { list } = props;
  if (!list.hasMore) return null;
  return (
    <Box mt={1} display="flex" justifyContent="center">
      <Button onClick={list.loadMore} disabled={list.loading}>
        Load more
      </Button>
    </Box>
  );
}
