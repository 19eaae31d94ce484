import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  emailsTicketReplyPermission,
  OutsideReplyDecision,
} from '@internal/plugin-emails-common';
import { Box, Button } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import { emailsApiRef } from '../../api';
import { messageOf, statusOf } from '../common/formErrors';

/** Properties of OutsideReplyActions. */
export interface OutsideReplyActionsProps {
  ticketId: string;
  entryId: string;
  /** Reads the ticket again after a decision (or after someone else's). */
  onChanged(): void;
}

function Buttons(props: OutsideReplyActionsProps) {
  const api = useApi(emailsApiRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const decide = async (decision: OutsideReplyDecision) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.reviewOutsideReply(props.ticketId, props.entryId, decision);
      props.onChanged();
    } catch (e) {
      setError(messageOf(e));
      // Another technician decided first: show what they decided.
      if (statusOf(e) === 409) props.onChanged();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box mt={2} display="flex" flexDirection="column" alignItems="flex-start">
      {error && (
        <Box mb={1}>
          <Alert severity="error">{error}</Alert>
        </Box>
      )}
      <Box display="flex" style={{ gap: 8 }}>
        <Button
          variant="outlined"
          color="primary"
          disabled={busy}
          onClick={() => decide('publish')}
        >
          Publish
        </Button>
        <Button
          variant="outlined"
          disabled={busy}
          onClick={() => decide('dismiss')}
        >
          Dismiss
        </Button>
      </Box>
    </Box>
  );
}

/**
 * Publish (it becomes a reply in the conversation) and Dismiss (hidden,
 * kept) for a reply from outside the conversation. Hidden without the
 * reply permission.
 */
export function OutsideReplyActions(props: OutsideReplyActionsProps) {
  const { allowed } = usePermission({
    permission: emailsTicketReplyPermission,
  });
  if (!allowed) return null;
  return <Buttons {...props} />;
}
