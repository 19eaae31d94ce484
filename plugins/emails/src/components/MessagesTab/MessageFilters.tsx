import { IncomingServer, InboundStatus } from '@internal/plugin-emails-common';
import { Box, TextField } from '@material-ui/core';
import { Choice } from '../common/Choice';
import { INBOUND_STATUS_LABELS } from '../MessageStatusChip';

/** The filters of the processing log, as the form holds them ('' = any). */
export interface MessageFilter {
  serverId: string;
  status: InboundStatus | '';
  q: string;
}

/** No filter: every message. */
export const NO_FILTER: MessageFilter = { serverId: '', status: '', q: '' };

/** Server, status and free-text filters of the Messages tab. */
export function MessageFilters(props: {
  value: MessageFilter;
  servers: IncomingServer[];
  onChange(value: MessageFilter): void;
}) {
  const { value, servers, onChange } = props;
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 16 }}>
      <Choice
        id="messages-server"
        label="Server"
        value={value.serverId}
        onChange={serverId => onChange({ ...value, serverId })}
      >
        <option value="">All servers</option>
        {servers.map(s => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </Choice>
      <Choice
        id="messages-status"
        label="Status"
        value={value.status}
        onChange={status =>
          onChange({ ...value, status: status as InboundStatus | '' })
        }
      >
        <option value="">All statuses</option>
        {Object.entries(INBOUND_STATUS_LABELS).map(([status, label]) => (
          <option key={status} value={status}>
            {label}
          </option>
        ))}
      </Choice>
      <TextField
        id="messages-q"
        label="Search"
        placeholder="Subject, sender, Message-ID"
        value={value.q}
        onChange={e => onChange({ ...value, q: e.target.value })}
        margin="dense"
        variant="outlined"
      />
    </Box>
  );
}
