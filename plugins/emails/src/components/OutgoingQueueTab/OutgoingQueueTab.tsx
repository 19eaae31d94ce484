import {
  EmptyState,
  ResponseErrorPanel,
  Table,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  emailsServerManagePermission,
  OutboundMessage,
  OutboundStatus,
} from '@internal/plugin-emails-common';
import { Box } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { emailsApiRef } from '../../api';
import { ticketRouteRef } from '../../routes';
import { Choice } from '../common/Choice';
import { messageOf } from '../common/formErrors';
import { OUTBOUND_STATUS_LABELS } from '../common/OutboundStatusChip';
import { useNarrowTable } from '../common/TruncatedText';
import { outboundColumns } from './columns';

const NOTHING_QUEUED = (
  <EmptyState
    missing="data"
    title="Nothing in the outgoing queue"
    description="Replies and notifications appear here while they wait, once sent, and with their error when they fail."
  />
);

/** Outgoing queue: what was sent, what waits, what failed and why, with retry for managers. */
export function OutgoingQueueTab() {
  const api = useApi(emailsApiRef);
  const { allowed: canRetry } = usePermission({
    permission: emailsServerManagePermission,
  });
  const ticketLink = useRouteRef(ticketRouteRef);
  const [status, setStatus] = useState<OutboundStatus | ''>('');
  const [retrying, setRetrying] = useState<string>();
  const [notice, setNotice] = useState<{
    severity: 'success' | 'error';
    text: string;
  }>();
  const servers = useAsync(() => api.listOutgoingServers(), [api]);
  const list = useAsyncRetry(
    () => api.listOutbound(status ? { status } : {}),
    [api, status],
  );

  const reload = list.retry;
  const narrow = useNarrowTable();
  const columns = useMemo(() => {
    const names = new Map((servers.value ?? []).map(s => [s.id, s.name]));
    const retry = async (message: OutboundMessage) => {
      setRetrying(message.id);
      try {
        await api.retryOutbound(message.id);
        setNotice({
          severity: 'success',
          text: `"${message.subject}" is queued again.`,
        });
        reload();
      } catch (e) {
        setNotice({ severity: 'error', text: messageOf(e) });
      } finally {
        setRetrying(undefined);
      }
    };
    return outboundColumns({
      // Never a raw id: a server deleted since the message was sent says so.
      serverName: id =>
        names.get(id) ?? (servers.loading ? '…' : 'a deleted server'),
      ticketLink: id => ticketLink({ id }),
      retrying,
      onRetry: canRetry ? retry : undefined,
      narrow,
    });
  }, [api, servers, ticketLink, retrying, reload, canRetry, narrow]);

  return (
    <>
      <Box mb={2}>
        <Choice
          id="outbound-status"
          label="Status"
          value={status}
          onChange={value => setStatus(value as OutboundStatus | '')}
        >
          <option value="">All statuses</option>
          {Object.entries(OUTBOUND_STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Choice>
      </Box>
      {notice && (
        <Box mb={2}>
          <Alert severity={notice.severity}>{notice.text}</Alert>
        </Box>
      )}
      {list.error ? (
        <ResponseErrorPanel error={list.error} />
      ) : (
        <Table<OutboundMessage>
          title="Outgoing queue"
          isLoading={list.loading}
          columns={columns}
          data={list.value?.items ?? []}
          options={{
            paging: false,
            search: false,
            sorting: false,
            padding: 'dense',
          }}
          emptyContent={NOTHING_QUEUED}
        />
      )}
    </>
  );
}
