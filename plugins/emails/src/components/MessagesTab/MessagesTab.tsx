import {
  EmptyState,
  ResponseErrorPanel,
  Table,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { IncomingServer, InboundMessage } from '@internal/plugin-emails-common';
import { Box } from '@material-ui/core';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { emailsApiRef } from '../../api';
import { ticketRouteRef } from '../../routes';
import { LoadMore } from '../common/LoadMore';
import { PagedList, usePagedList } from '../common/usePagedList';
import { MessageDrawer } from '../MessageDrawer';
import { messageColumns } from './columns';
import { MessageFilter, MessageFilters, NO_FILTER } from './MessageFilters';

const NO_MESSAGES = (
  <EmptyState
    missing="data"
    title="No messages"
    description="Mail fetched from the incoming servers appears here with what became of it."
  />
);

/** The listMessages filter of the form: only what is set. */
export function messageQuery(filter: MessageFilter, cursor?: string) {
  return {
    ...(filter.serverId ? { serverId: filter.serverId } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.q.trim() ? { q: filter.q.trim() } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

function MessageLog(props: {
  list: PagedList<InboundMessage>;
  servers: IncomingServer[];
  onOpen(message: InboundMessage): void;
}) {
  const { list, servers, onOpen } = props;
  const ticketLink = useRouteRef(ticketRouteRef);
  const columns = useMemo(() => {
    const names = new Map(servers.map(s => [s.id, s.name]));
    return messageColumns({
      serverName: id => names.get(id) ?? id,
      ticketLink: id => ticketLink({ id }),
    });
  }, [servers, ticketLink]);
  if (list.error) return <ResponseErrorPanel error={list.error} />;
  return (
    <>
      <Table<InboundMessage>
        title="Messages"
        isLoading={list.loading}
        columns={columns}
        data={list.items}
        onRowClick={(_event, row) => row && onOpen(row)}
        options={{
          paging: false,
          search: false,
          sorting: false,
          padding: 'dense',
        }}
        emptyContent={NO_MESSAGES}
      />
      <LoadMore list={list} />
    </>
  );
}

/** Messages: the processing log of inbound mail, filtered, with each message's decision trace. */
export function MessagesTab() {
  const api = useApi(emailsApiRef);
  const [filter, setFilter] = useState(NO_FILTER);
  // Typing in Search waits for a pause before it asks the backend.
  const [applied, setApplied] = useState(NO_FILTER);
  useDebounce(() => setApplied(filter), filter.q === applied.q ? 0 : 300, [
    filter,
  ]);
  const servers = useAsync(() => api.listIncomingServers(), [api]);
  const list = usePagedList(
    cursor => api.listMessages(messageQuery(applied, cursor)),
    [api, applied],
  );
  const [open, setOpen] = useState<InboundMessage>();
  return (
    <>
      <Box mb={2}>
        <MessageFilters
          value={filter}
          servers={servers.value ?? []}
          onChange={setFilter}
        />
      </Box>
      <MessageLog list={list} servers={servers.value ?? []} onOpen={setOpen} />
      {open && (
        <MessageDrawer
          messageId={open.id}
          onClose={() => setOpen(undefined)}
          onChanged={list.reload}
        />
      )}
    </>
  );
}
