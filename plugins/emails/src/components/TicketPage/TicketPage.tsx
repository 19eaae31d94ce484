import {
  Content,
  Header,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { TicketDetail } from '@internal/plugin-emails-common';
import { Box, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { emailsApiRef } from '../../api';
import { requestsRouteRef } from '../../routes';
import { ConversationEntry } from '../ConversationEntry';
import { TicketDetails } from './TicketDetails';

function oldestFirst(ticket: TicketDetail) {
  return [...ticket.entries].sort((a, b) =>
    a.createdAt.localeCompare(b.createdAt),
  );
}

function Conversation(props: { ticket: TicketDetail }) {
  return (
    <Box mt={3}>
      <Typography variant="h5" component="h2" gutterBottom>
        Conversation
      </Typography>
      {oldestFirst(props.ticket).map(entry => (
        <Box key={entry.id} mb={2}>
          <ConversationEntry entry={entry} />
        </Box>
      ))}
    </Box>
  );
}

/** One request: its reference and title, its details and its conversation, oldest first. */
export function TicketPage(props: { ticketId: string }) {
  const api = useApi(emailsApiRef);
  const requestsLink = useRouteRef(requestsRouteRef);
  const ticket = useAsync(
    () => api.getTicket(props.ticketId),
    [api, props.ticketId],
  );
  const value = ticket.value;
  return (
    <>
      <Header
        title={value ? `${value.reference}: ${value.title}` : 'Request'}
        type="Requests"
        typeLink={requestsLink()}
      />
      <Content>
        {ticket.loading && <Progress />}
        {ticket.error && <ResponseErrorPanel error={ticket.error} />}
        {value && (
          <>
            <TicketDetails ticket={value} />
            <Conversation ticket={value} />
          </>
        )}
      </Content>
    </>
  );
}
