import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ConfigAuditEntry } from '@internal/plugin-emails-common';
import useAsync from 'react-use/esm/useAsync';
import { emailsApiRef } from '../../api';
import { WRAP_LONG_TOKENS } from '../common/DetailList';
import { formatChange } from './formatChange';

const ACTION_LABELS: Record<ConfigAuditEntry['action'], string> = {
  create: 'Created',
  update: 'Updated',
  delete: 'Deleted',
  'sign-in': 'Signed in (OAuth)',
  'sign-in-expired': 'OAuth sign-in expired',
  'secret-expiring': 'Client secret expiring',
  'health-alert': 'Health alert sent',
  'health-recovered': 'Works again (alert closed)',
};

const TARGET_LABELS: Record<string, string> = {
  'incoming-server': 'Incoming Email Server',
  'outgoing-server': 'Outgoing Email Server',
  proxy: 'Proxy Server',
  preferences: 'Email Preference',
  'outgoing-rules': 'Outgoing Email Rules',
};

// A target that is one of a kind (the rule list) has its own name as label.
function targetOf(e: ConfigAuditEntry): string {
  const label = TARGET_LABELS[e.target] ?? e.target;
  const name = e.targetName ?? e.targetId;
  return name === label ? label : `${label}: ${name}`;
}

const columns: TableColumn<ConfigAuditEntry>[] = [
  {
    title: 'When',
    render: e => new Date(e.at).toLocaleString(),
    cellStyle: { whiteSpace: 'nowrap' },
  },
  { title: 'Who', field: 'actor' },
  { title: 'Action', render: e => ACTION_LABELS[e.action] ?? e.action },
  {
    title: 'Target',
    render: targetOf,
  },
  {
    title: 'Changes',
    render: e => (
      <ul style={{ margin: 0, paddingLeft: 16, ...WRAP_LONG_TOKENS }}>
        {(e.changes ?? []).map(change => (
          <li key={change.field}>{formatChange(change)}</li>
        ))}
      </ul>
    ),
  },
];

/** Configuration Audit: who changed which email setting, when, from what to what. */
export function ConfigAuditList() {
  const api = useApi(emailsApiRef);
  const { value, loading, error } = useAsync(
    () => api.listConfigAudit(),
    [api],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value?.length) {
    return (
      <EmptyState
        missing="data"
        title="No configuration changes yet"
        description="Changes to servers, proxies and the Email Preference appear here."
      />
    );
  }
  return (
    <Table<ConfigAuditEntry>
      title="Configuration Audit"
      options={{ paging: value.length > 20, pageSize: 20, search: true }}
      columns={columns}
      data={value}
    />
  );
}
