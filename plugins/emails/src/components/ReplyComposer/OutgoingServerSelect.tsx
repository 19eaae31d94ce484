import { useApi } from '@backstage/core-plugin-api';
import { MenuItem, TextField } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { emailsApiRef } from '../../api';

/**
 * The enabled outgoing servers a technician may send through, only when the
 * Email Preference "Allow User to select Outgoing Email" is on; undefined
 * otherwise (also when the preference or the servers cannot be read).
 */
export function useSelectableOutgoingServers() {
  const api = useApi(emailsApiRef);
  return useAsync(async () => {
    const preferences = await api.getPreferences();
    if (!preferences.allowUserToSelectOutgoing) return undefined;
    const servers = await api.listOutgoingServers();
    return servers.filter(s => s.enabled);
  }, [api]);
}

/** Outgoing Email: blank lets the backend choose the server. */
export function OutgoingServerSelect(props: {
  servers: { id: string; name: string; email: string }[];
  value: string;
  onChange(value: string): void;
  error?: string;
  disabled?: boolean;
}) {
  const { servers, value, onChange, error, disabled } = props;
  return (
    <TextField
      select
      fullWidth
      margin="dense"
      variant="outlined"
      label="Outgoing Email"
      id="reply-outgoing-server"
      value={value}
      onChange={e => onChange(e.target.value)}
      error={!!error}
      helperText={error ?? 'Automatic picks the server by the outgoing rules.'}
      disabled={disabled}
    >
      <MenuItem value="">
        <em>Automatic</em>
      </MenuItem>
      {servers.map(s => (
        <MenuItem key={s.id} value={s.id}>
          {s.name} ({s.email})
        </MenuItem>
      ))}
    </TextField>
  );
}
