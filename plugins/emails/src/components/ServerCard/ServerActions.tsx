import { MailDirection } from '@internal/plugin-emails-common';
import {
  Button,
  CardActions,
  FormControlLabel,
  IconButton,
  Switch,
  Tooltip,
} from '@material-ui/core';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import { MailServer } from '../ServerDrawer';

/** What a card does when its actions are used. */
export interface ServerCardActionHandlers {
  onTest(server: MailServer): void;
  onEdit(server: MailServer): void;
  onToggleEnabled(server: MailServer): void;
  onDelete(server: MailServer): void;
  onFetchSample(server: MailServer): void;
  /** Sync now: poll an incoming server at once. */
  onSync(server: MailServer): void;
  /** Resume fetching of a server paused after repeated errors. */
  onResume(server: MailServer): void;
  /** An OAuth sign-in from the card succeeded: the server as read afterwards. */
  onSignedIn(server: MailServer): void;
}

/** True when Fetch a sample mail applies: incoming IMAP or POP3. */
export function canFetchSample(direction: MailDirection, server: MailServer) {
  return (
    direction === 'incoming' &&
    (server.protocol === 'imap' || server.protocol === 'pop3')
  );
}

/** True when Test Connection applies: every protocol but SMTP push (push mailboxes have no server to reach). */
export function canTestConnection(server: MailServer) {
  return ['imap', 'pop3', 'smtp', 'ews', 'graph'].includes(server.protocol);
}

/** True when Sync now applies: an enabled incoming server that is fetched (IMAP, POP3, EWS, Graph). */
export function canSyncNow(direction: MailDirection, server: MailServer) {
  return (
    direction === 'incoming' &&
    server.enabled &&
    ['imap', 'pop3', 'ews', 'graph'].includes(server.protocol)
  );
}

/** Fetch a sample mail and Sync now, where they apply. */
function MailboxActions(
  props: ServerCardActionHandlers & {
    server: MailServer;
    direction: MailDirection;
  },
) {
  const { server, direction } = props;
  return (
    <>
      {canFetchSample(direction, server) && (
        <Button size="small" onClick={() => props.onFetchSample(server)}>
          Fetch a sample mail
        </Button>
      )}
      {canSyncNow(direction, server) && (
        <Button size="small" onClick={() => props.onSync(server)}>
          Sync now
        </Button>
      )}
    </>
  );
}

/** The manage actions of a server card. */
export function ServerActions(
  props: ServerCardActionHandlers & {
    server: MailServer;
    direction: MailDirection;
  },
) {
  const { server } = props;
  return (
    <CardActions disableSpacing style={{ flexWrap: 'wrap' }}>
      {canTestConnection(server) && (
        <Button
          size="small"
          color="primary"
          onClick={() => props.onTest(server)}
        >
          Test Connection
        </Button>
      )}
      <MailboxActions {...props} />
      <FormControlLabel
        style={{ marginLeft: 'auto' }}
        label="Enabled"
        control={
          <Switch
            size="small"
            color="primary"
            checked={server.enabled}
            onChange={() => props.onToggleEnabled(server)}
            inputProps={{ 'aria-label': `Enable ${server.name}` }}
          />
        }
      />
      <Tooltip title="Edit">
        <IconButton
          size="small"
          aria-label={`Edit ${server.name}`}
          onClick={() => props.onEdit(server)}
        >
          <EditIcon />
        </IconButton>
      </Tooltip>
      <Tooltip title="Delete">
        <IconButton
          size="small"
          aria-label={`Delete ${server.name}`}
          onClick={() => props.onDelete(server)}
        >
          <DeleteIcon />
        </IconButton>
      </Tooltip>
    </CardActions>
  );
}
