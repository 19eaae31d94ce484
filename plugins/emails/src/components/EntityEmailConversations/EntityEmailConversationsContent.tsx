import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { Box, Drawer, IconButton, Typography } from '@material-ui/core';
import CloseIcon from '@material-ui/icons/Close';
import { useState } from 'react';
import { TicketView, useTicket } from '../TicketPage';
import { ConversationsTable } from './ConversationsTable';

function SelectedConversation(props: { ticketId: string; onClose(): void }) {
  const ticket = useTicket(props.ticketId);
  const value = ticket.value;
  return (
    <Box
      p={3}
      width={960}
      maxWidth="100vw"
      component="section"
      aria-label="Selected request"
    >
      <Box display="flex" alignItems="flex-start" style={{ gap: 8 }}>
        <Typography variant="h5" component="h2" style={{ flex: 1 }}>
          {value ? `${value.reference}: ${value.title}` : 'Request'}
        </Typography>
        <IconButton aria-label="Close" onClick={props.onClose}>
          <CloseIcon />
        </IconButton>
      </Box>
      {ticket.loading && !value && <Progress />}
      {ticket.error && <ResponseErrorPanel error={ticket.error} />}
      {value && <TicketView ticket={value} onChanged={ticket.retry} />}
    </Box>
  );
}

/**
 * An entity page tab: the entity's email conversations and, for the one
 * clicked, its details, conversation and reply composer in a side drawer:
 * below a long table it opened out of sight, thousands of pixels down.
 */
export function EntityEmailConversationsContent() {
  const [selectedId, setSelectedId] = useState<string>();
  const close = () => setSelectedId(undefined);
  return (
    <>
      <ConversationsTable
        onSelect={t => setSelectedId(t.id)}
        selectedId={selectedId}
      />
      <Drawer anchor="right" open={!!selectedId} onClose={close}>
        {selectedId && (
          <SelectedConversation
            key={selectedId}
            ticketId={selectedId}
            onClose={close}
          />
        )}
      </Drawer>
    </>
  );
}
