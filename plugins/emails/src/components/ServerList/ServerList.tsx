import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  IncomingServer,
  MailDirection,
  OutgoingServer,
} from '@internal/plugin-emails-common';
import useAsync from 'react-use/esm/useAsync';
import { emailsApiRef } from '../../api';

type Server = IncomingServer | OutgoingServer;

const columns: TableColumn<Server>[] = [
  { title: 'Name', field: 'name' },
  { title: 'Email', field: 'email' },
  {
    title: 'Protocol',
    field: 'protocol',
    render: s => s.protocol.toUpperCase(),
  },
  { title: 'Enabled', render: s => (s.enabled ? 'Enabled' : 'Disabled') },
  { title: 'Primary', render: s => (s.primary ? 'Primary' : '') },
];

/** The mail servers of one direction. */
export function ServerList(props: { direction: MailDirection }) {
  const { direction } = props;
  const api = useApi(emailsApiRef);
  const { value, loading, error } = useAsync(
    (): Promise<Server[]> =>
      direction === 'incoming'
        ? api.listIncomingServers()
        : api.listOutgoingServers(),
    [api, direction],
  );
  const label = direction === 'incoming' ? 'incoming' : 'outgoing';

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value?.length) {
    return (
      <EmptyState
        missing="data"
        title={`No ${label} email servers yet`}
        description={`Add an ${label} email server to ${
          direction === 'incoming'
            ? 'turn mail into tickets'
            : 'send replies and notifications'
        }.`}
      />
    );
  }
  return (
    <Table<Server>
      title={
        direction === 'incoming'
          ? 'Incoming Email Servers'
          : 'Outgoing Email Servers'
      }
      options={{ paging: false, search: false }}
      columns={columns}
      data={value}
    />
  );
}
