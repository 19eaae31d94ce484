import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  emailsServerManagePermission,
  InboundMessageDetail,
} from '@internal/plugin-emails-common';
import { Box, Button, Drawer, IconButton, Typography } from '@material-ui/core';
import CloseIcon from '@material-ui/icons/Close';
import { Alert } from '@material-ui/lab';
import { ReactNode, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { emailsApiRef } from '../../api';
import { useServerNames } from '../common/useServerNames';
import { DecisionTrace } from './DecisionTrace';
import { MessageAttachments, MessageFacts } from './MessageFacts';
import { ReplayConfirmDialog } from './ReplayConfirmDialog';
import { useMessageActions } from './useMessageActions';

/** Properties of MessageDrawer. */
export interface MessageDrawerProps {
  messageId: string;
  onClose(): void;
  /** Called after a replay changed the message. */
  onChanged(): void;
}

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box mt={3}>
      <Typography variant="h6" component="h3" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

function MessageBody(props: { message: InboundMessageDetail }) {
  const serverName = useServerNames();
  return (
    <>
      <MessageFacts message={props.message} serverName={serverName} />
      <Section title="Attachments">
        <MessageAttachments message={props.message} />
      </Section>
      <Section title="Decision trace">
        <DecisionTrace trace={props.message.trace} serverName={serverName} />
      </Section>
    </>
  );
}

function MessageActions(props: {
  actions: ReturnType<typeof useMessageActions>;
  canReplay: boolean;
}) {
  const { actions, canReplay } = props;
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <Box my={2} display="flex" style={{ gap: 8 }}>
        <Button
          variant="outlined"
          disabled={actions.busy}
          onClick={actions.downloadOriginal}
        >
          Download original
        </Button>
        {canReplay && (
          <Button
            color="primary"
            variant="contained"
            disabled={actions.busy}
            onClick={() => setConfirming(true)}
          >
            Replay
          </Button>
        )}
      </Box>
      <ReplayConfirmDialog
        open={confirming}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          actions.replay();
        }}
      />
      {actions.error && <Alert severity="error">{actions.error}</Alert>}
      {actions.notice && <Alert severity="success">{actions.notice}</Alert>}
    </>
  );
}

function DrawerTitle(props: { title: string; onClose(): void }) {
  return (
    <Box display="flex" alignItems="center" justifyContent="space-between">
      <Typography variant="h5" component="h2">
        {props.title}
      </Typography>
      <IconButton aria-label="Close" onClick={props.onClose}>
        <CloseIcon />
      </IconButton>
    </Box>
  );
}

/** One message of the processing log: its facts and decision trace, Download original and, for managers, Replay. */
export function MessageDrawer(props: MessageDrawerProps) {
  const { messageId, onClose, onChanged } = props;
  const api = useApi(emailsApiRef);
  const message = useAsyncRetry(
    () => api.getMessage(messageId),
    [api, messageId],
  );
  const { allowed: canReplay } = usePermission({
    permission: emailsServerManagePermission,
  });
  const actions = useMessageActions(messageId, () => {
    message.retry();
    onChanged();
  });
  return (
    <Drawer anchor="right" open onClose={onClose}>
      <Box
        p={3}
        width={720}
        maxWidth="100vw"
        role="region"
        aria-label="Message"
      >
        <DrawerTitle
          title={message.value?.subject ?? 'Message'}
          onClose={onClose}
        />
        <MessageActions actions={actions} canReplay={canReplay} />
        {message.loading && !message.value && <Progress />}
        {message.error && <ResponseErrorPanel error={message.error} />}
        {message.value && <MessageBody message={message.value} />}
      </Box>
    </Drawer>
  );
}
