import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  emailsRuleManagePermission,
  emailsServerManagePermission,
  MailDirection,
} from '@internal/plugin-emails-common';
import { Box, Button, Grid, Typography } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import CallSplitIcon from '@material-ui/icons/CallSplit';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import { DeleteServerDialog } from '../DeleteServerDialog';
import { OutgoingRulesDialog } from '../OutgoingRulesDialog';
import { SampleMailDialog } from '../SampleMailDialog';
import { ServerCard } from '../ServerCard';
import { MailServer, ServerDrawer } from '../ServerDrawer';
import { TestConnectionDialog } from '../TestConnectionDialog';
import { useServerList } from './useServerList';

type Open =
  | { kind: 'add' | 'rules' }
  | { kind: 'edit' | 'test' | 'sample' | 'delete'; server: MailServer };

const TEXT = {
  incoming: {
    title: 'Incoming Email Servers',
    add: 'Add Incoming Email Server',
    empty: 'No incoming email servers yet',
    purpose: 'Add an incoming email server to turn mail into tickets.',
  },
  outgoing: {
    title: 'Outgoing Email Servers',
    add: 'Add Outgoing Email Server',
    empty: 'No outgoing email servers yet',
    purpose: 'Add an outgoing email server to send replies and notifications.',
  },
};

/** The mail servers of one direction as cards, with their actions and the Add/Edit drawer. */
export function ServerList(props: { direction: MailDirection }) {
  const { direction } = props;
  const text = TEXT[direction];
  const { allowed: canManage } = usePermission({
    permission: emailsServerManagePermission,
  });
  const { allowed: canManageRules } = usePermission({
    permission: emailsRuleManagePermission,
  });
  const list = useServerList(direction);
  const [open, setOpen] = useState<Open>();
  const close = () => setOpen(undefined);

  return (
    <>
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        mb={2}
      >
        <Typography variant="h5" component="h2">
          {text.title}
        </Typography>
        <Box display="flex" style={{ gap: 8 }}>
          {direction === 'outgoing' && canManageRules && (
            <Button
              color="primary"
              variant="outlined"
              startIcon={<CallSplitIcon />}
              onClick={() => setOpen({ kind: 'rules' })}
            >
              Configure Outgoing Email Rules
            </Button>
          )}
          {canManage && (
            <Button
              color="primary"
              variant="contained"
              startIcon={<AddIcon />}
              onClick={() => setOpen({ kind: 'add' })}
            >
              {text.add}
            </Button>
          )}
        </Box>
      </Box>
      {list.actionError && (
        <Box mb={2}>
          <Alert severity="error" onClose={list.clearActionError}>
            {list.actionError}
          </Alert>
        </Box>
      )}
      <ServerGrid
        direction={direction}
        canManage={canManage}
        list={list}
        onOpen={setOpen}
      />
      <OpenDialog
        direction={direction}
        open={open}
        list={list}
        onClose={close}
      />
    </>
  );
}

function ServerGrid(props: {
  direction: MailDirection;
  canManage: boolean;
  list: ReturnType<typeof useServerList>;
  onOpen(open: Open): void;
}) {
  const { direction, canManage, list, onOpen } = props;
  const { loading, error, value } = list.servers;
  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value?.length) {
    const text = TEXT[direction];
    return (
      <EmptyState
        missing="data"
        title={text.empty}
        description={text.purpose}
      />
    );
  }
  return (
    <>
      <NoPrimaryWarning direction={direction} servers={value} />
      <Grid container spacing={2}>
        {value.map(server => (
          <Grid item xs={12} md={6} lg={4} key={server.id}>
            <ServerCard
              server={server}
              direction={direction}
              canManage={canManage}
              onTest={s => onOpen({ kind: 'test', server: s })}
              onEdit={s => onOpen({ kind: 'edit', server: s })}
              onDelete={s => onOpen({ kind: 'delete', server: s })}
              onFetchSample={s => onOpen({ kind: 'sample', server: s })}
              onToggleEnabled={list.toggleEnabled}
              onSync={list.sync}
              onResume={list.resume}
              onSignedIn={list.servers.retry}
            />
          </Grid>
        ))}
      </Grid>
    </>
  );
}

/**
 * Mail that no outgoing email rule routes (acknowledgements, replies) goes
 * through the primary outgoing server; without an enabled one it waits. The
 * backend refuses to remove the primary while other servers exist, but a
 * list saved before that rule may have none. (An incoming primary decides
 * nothing in the pipeline, so incoming lists are not warned about.)
 */
function NoPrimaryWarning(props: {
  direction: MailDirection;
  servers: { primary: boolean; enabled: boolean }[];
}) {
  if (props.direction !== 'outgoing') return null;
  if (props.servers.some(s => s.primary && s.enabled)) return null;
  return (
    <Box mb={2}>
      <Alert severity="warning">
        No enabled outgoing server is primary. Mail that no outgoing email rule
        routes (acknowledgements, replies) waits in the Outgoing Queue until one
        is: edit a server and make it primary.
      </Alert>
    </Box>
  );
}

function OpenDialog(props: {
  direction: MailDirection;
  open?: Open;
  list: ReturnType<typeof useServerList>;
  onClose(): void;
}) {
  const { direction, open, list, onClose } = props;
  if (!open) return null;
  // Saving and Test Connection both change what the cards show (settings,
  // health), so closing them reloads the list.
  const saved = () => {
    onClose();
    list.servers.retry();
  };
  switch (open.kind) {
    // A sign-in in the drawer saves the server without closing it, so even
    // Cancel may leave changes behind.
    case 'add':
      return (
        <ServerDrawer direction={direction} onClose={saved} onSaved={saved} />
      );
    case 'edit':
      return (
        <ServerDrawer
          direction={direction}
          server={open.server}
          onClose={saved}
          onSaved={saved}
        />
      );
    case 'test':
      return (
        <TestConnectionDialog
          direction={direction}
          server={open.server}
          onClose={saved}
        />
      );
    case 'rules':
      return <OutgoingRulesDialog onClose={onClose} />;
    case 'sample':
      return <SampleMailDialog server={open.server} onClose={onClose} />;
    default:
      return (
        <DeleteServerDialog
          server={open.server}
          onClose={onClose}
          onConfirm={async () => {
            await list.remove(open.server);
            onClose();
          }}
        />
      );
  }
}
