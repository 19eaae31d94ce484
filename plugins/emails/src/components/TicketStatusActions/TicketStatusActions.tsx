import { usePermission } from '@backstage/plugin-permission-react';
import {
  emailsTicketReplyPermission,
  Ticket,
} from '@internal/plugin-emails-common';
import { Box, Button } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import { CloseTicketDialog } from './CloseTicketDialog';
import { useTicketStatus } from './useTicketStatus';

/** Properties of TicketStatusActions. */
export interface TicketStatusActionsProps {
  ticket: Pick<Ticket, 'id' | 'reference' | 'status'>;
  /** Reads the ticket again after its status changed. */
  onChanged(): void;
}

function StatusButtons(props: TicketStatusActionsProps) {
  const { ticket, onChanged } = props;
  const status = useTicketStatus(ticket.id, onChanged);
  const [closing, setClosing] = useState(false);
  const cancel = () => {
    setClosing(false);
    status.clearCloseErrors();
  };
  return (
    <Box mt={2}>
      {status.notice && (
        <Box mb={1}>
          <Alert severity={status.notice.severity}>{status.notice.text}</Alert>
        </Box>
      )}
      {ticket.status === 'open' ? (
        <Button
          variant="outlined"
          onClick={() => setClosing(true)}
          disabled={status.busy}
        >
          Close ticket
        </Button>
      ) : (
        <Button
          variant="outlined"
          onClick={status.reopen}
          disabled={status.busy}
        >
          Reopen
        </Button>
      )}
      {closing && (
        <CloseTicketDialog
          reference={ticket.reference}
          errors={status.closeErrors}
          busy={status.busy}
          onCancel={cancel}
          onConfirm={async input => {
            if (await status.close(input)) setClosing(false);
          }}
        />
      )}
    </Box>
  );
}

/**
 * Close ticket (with a resolution and the choice to notify the requester)
 * on an open request, Reopen on a closed one, and what happened. Hidden
 * without the reply permission.
 */
export function TicketStatusActions(props: TicketStatusActionsProps) {
  const { allowed } = usePermission({
    permission: emailsTicketReplyPermission,
  });
  if (!allowed) return null;
  return <StatusButtons {...props} />;
}
