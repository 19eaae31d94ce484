import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  FormControlLabel,
  FormHelperText,
  IconButton,
  InputAdornment,
  Switch,
  TextField,
  Tooltip,
} from '@material-ui/core';
import FileCopyIcon from '@material-ui/icons/FileCopy';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { emailsApiRef } from '../../api';
import { DrawerForm } from './form';
import { FIELD_LABELS } from './options';

const REDIRECT_HELP = 'Register this URL at the authorization server';
const COPY_LABEL = 'Copy Redirect URL';

/** Copies text; false when the browser has no clipboard here or refuses. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function CopyButton(props: { text: string; onCopied(ok: boolean): void }) {
  return (
    <InputAdornment position="end">
      <Tooltip title={COPY_LABEL}>
        {/* A disabled button fires no events: the span gives the tooltip some. */}
        <span>
          <IconButton
            aria-label={COPY_LABEL}
            edge="end"
            size="small"
            disabled={!props.text}
            onClick={async () => props.onCopied(await copyText(props.text))}
          >
            <FileCopyIcon fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
    </InputAdornment>
  );
}

function RedirectUrlInput(props: { stored: string }) {
  const api = useApi(emailsApiRef);
  // A new server has no Redirect URL of its own yet: the backend names it.
  const url = useAsync(
    async () => props.stored || api.getOAuthRedirectUrl(),
    [api, props.stored],
  );
  const [copied, setCopied] = useState<boolean>();
  const value = url.value ?? '';
  const help =
    (url.error && `Could not read the Redirect URL: ${url.error.message}`) ||
    (copied === false && 'Could not copy: select the URL and copy it') ||
    (copied && 'Copied to the clipboard') ||
    REDIRECT_HELP;
  return (
    <TextField
      id="server-oauth.redirectUrl"
      label={FIELD_LABELS['oauth.redirectUrl']}
      value={value}
      helperText={help}
      error={!!url.error}
      InputProps={{
        readOnly: true,
        endAdornment: <CopyButton text={value} onCopied={setCopied} />,
      }}
      InputLabelProps={{ shrink: true }}
      fullWidth
      margin="dense"
      variant="outlined"
    />
  );
}

/**
 * The Redirect URL, read-only (the backend's own callback) with a button
 * that copies it; renders nothing when the server does not use OAuth.
 */
export function RedirectUrlField(props: { form: DrawerForm }) {
  const { form } = props;
  if (!form.shown.has('oauth.redirectUrl')) return null;
  return <RedirectUrlInput stored={form.draft['oauth.redirectUrl']} />;
}

/** App-only access (client credentials) for Microsoft Graph and EWS; nothing elsewhere. */
export function GrantTypeSwitch(props: { form: DrawerForm }) {
  const { form } = props;
  if (!form.shown.has('oauth.grantType')) return null;
  const label = FIELD_LABELS['oauth.grantType'];
  const error = form.errors['oauth.grantType'];
  return (
    <Box>
      <FormControlLabel
        label={label}
        control={
          <Switch
            color="primary"
            checked={form.draft['oauth.grantType'] === 'client-credentials'}
            onChange={e =>
              form.change(
                'oauth.grantType',
                e.target.checked ? 'client-credentials' : 'authorization-code',
              )
            }
            inputProps={{ 'aria-label': label }}
          />
        }
      />
      <FormHelperText error={!!error}>
        {error ??
          'The app uses application permissions an Azure admin granted; nobody signs in'}
      </FormHelperText>
    </Box>
  );
}
