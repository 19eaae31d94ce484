import {
  EmptyState,
  ResponseErrorPanel,
  Table,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Ticket } from '@internal/plugin-emails-common';
import { useMemo } from 'react';
import { emailsApiRef } from '../../api';
import { ticketRouteRef } from '../../routes';
import { isForbidden, RequestsNotAllowed } from '../common/AccessNotices';
import { LoadMore } from '../common/LoadMore';
import { usePagedList } from '../common/usePagedList';
import { conversationColumns } from './columns';
import { useNarrowTable } from '../common/TruncatedText';

const NO_CONVERSATIONS = (
  <EmptyState
    missing="data"
    title="No email conversations"
    description="Requests raised by email for this entity appear here."
  />
);

/**
 * The requests of the current catalog entity (a Group's requests, an
 * email-server Resource's requests) that the user may read, newest first,
 * page by page.
 */
export function ConversationsTable(props: {
  /** Called with a clicked row; rows are not clickable without it. */
  onSelect?(ticket: Ticket): void;
  selectedId?: string;
}) {
  const { onSelect, selectedId } = props;
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(emailsApiRef);
  const ticketLink = useRouteRef(ticketRouteRef);
  const list = usePagedList(
    cursor => api.listTickets({ entityRef, ...(cursor && { cursor }) }),
    [api, entityRef],
  );
  const narrow = useNarrowTable();
  const columns = useMemo(
    () => conversationColumns(t => ticketLink({ id: t.id }), narrow),
    [ticketLink, narrow],
  );
  if (isForbidden(list.error)) return <RequestsNotAllowed />;
  if (list.error) return <ResponseErrorPanel error={list.error} />;
  return (
    <>
      <Table<Ticket>
        title="Email Conversations"
        isLoading={list.loading}
        columns={columns}
        data={[...list.items].sort((a, b) =>
          b.createdAt.localeCompare(a.createdAt),
        )}
        onRowClick={onSelect && ((_event, row) => row && onSelect(row))}
        options={{
          paging: false,
          search: false,
          sorting: false,
          padding: 'dense',
          rowStyle: (row: Ticket) =>
            row.id === selectedId ? { fontWeight: 'bold' } : {},
        }}
        emptyContent={NO_CONVERSATIONS}
      />
      <LoadMore list={list} />
    </>
  );
}
