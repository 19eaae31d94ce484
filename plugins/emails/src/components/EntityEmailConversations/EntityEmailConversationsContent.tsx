import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import { useState } from 'react';
import { TicketView, useTicket } from '../TicketPage';
import { ConversationsTable } from './ConversationsTable';

function SelectedConversation(props: { ticketId: string }) {
  const ticket = useTicket(props.ticketId);
  const value = ticket.value;
  return (
    <Box mt={3} component="section" aria-label="Selected request">
      {ticket.loading && !value && <Progress />}
      {ticket.error && <ResponseErrorPanel error={ticket.error} />}
      {value && (
        <>
          <Typography variant="h5" component="h2" gutterBottom>
            {value.reference}: {value.title}
          </Typography>
          <TicketView ticket={value} onChanged={ticket.retry} />
        </>
      )}
    </Box>
  );
}

/**
 * An entity page tab: the entity's email conversations and, for the one
 * clicked, its details, conversation and reply composer inline.
 */
export function EntityEmailConversationsContent() {
  const [selectedId, setSelectedId] = useState<string>();
  return (
    <>
      <ConversationsTable
        onSelect={t => setSelectedId(t.id)}
        selectedId={selectedId}
      />
      {selectedId && (
        <SelectedConversation key={selectedId} ticketId={selectedId} />
      )}
    </>
  );
}
