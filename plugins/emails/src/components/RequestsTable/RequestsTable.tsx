import {
  EmptyState,
  ResponseErrorPanel,
  Table,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { Ticket } from '@internal/plugin-emails-common';
import { Box } from '@material-ui/core';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { emailsApiRef } from '../../api';
import { ticketRouteRef } from '../../routes';
import { isForbidden, RequestsNotAllowed } from '../common/AccessNotices';
import { LoadMore } from '../common/LoadMore';
import { usePagedList } from '../common/usePagedList';
import { requestColumns } from './columns';
import { StatusFilter, StatusFilterValue } from './StatusFilter';
import { useNarrowTable } from '../common/TruncatedText';

const NO_REQUESTS = (
  <EmptyState
    missing="data"
    title="No requests"
    description="Requests that arrive by email appear here."
  />
);

function newestFirst(tickets: Ticket[]): Ticket[] {
  return [...tickets].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * The tickets of the built-in ticketing the user may read, newest first,
 * filtered by status and read page by page.
 */
export function RequestsTable() {
  const api = useApi(emailsApiRef);
  const ticketLink = useRouteRef(ticketRouteRef);
  const navigate = useNavigate();
  const [status, setStatus] = useState<StatusFilterValue>('open');
  const list = usePagedList(
    cursor =>
      api.listTickets({
        ...(status !== 'all' && { status }),
        ...(cursor && { cursor }),
      }),
    [api, status],
  );
  const narrow = useNarrowTable();
  const columns = useMemo(
    () => requestColumns(t => ticketLink({ id: t.id }), narrow),
    [ticketLink, narrow],
  );
  if (isForbidden(list.error)) return <RequestsNotAllowed />;
  if (list.error) return <ResponseErrorPanel error={list.error} />;
  return (
    <>
      <Box mb={1}>
        <StatusFilter value={status} onChange={setStatus} />
      </Box>
      <Table<Ticket>
        title="Requests"
        isLoading={list.loading}
        columns={columns}
        data={newestFirst(list.items)}
        onRowClick={(_event, row) =>
          row && navigate(ticketLink({ id: row.id }))
        }
        options={{ paging: false, search: false, sorting: false }}
        emptyContent={NO_REQUESTS}
      />
      <LoadMore list={list} />
    </>
  );
}
