import {
  Content,
  Header,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { TicketDetail } from '@internal/plugin-emails-common';
import { Box } from '@material-ui/core';
import { requestsRouteRef } from '../../routes';
import { isNotFound, RequestNotFound } from '../common/AccessNotices';
import { groupMail } from '../MailDelivery';
import { ReplyComposer } from '../ReplyComposer';
import { Conversation } from './Conversation';
import { TicketDetails } from './TicketDetails';
import { useTicket } from './useTicket';

/**
 * A request's details with its notifications, its conversation oldest first
 * with the delivery of each reply and, for those who may, Close or Reopen and
 * the reply composer. `onChanged` reads the ticket again after a reply, a
 * close, a reopen, or a reply from outside the conversation published or
 * dismissed.
 */
export function TicketView(props: { ticket: TicketDetail; onChanged(): void }) {
  const { ticket } = props;
  // A backend from before the delivery field sends no `mail`.
  const mail = groupMail(
    ticket.mail ?? [],
    ticket.entries.map(e => e.id),
  );
  return (
    <>
      <TicketDetails
        ticket={ticket}
        notifications={mail.notifications}
        onStatusChanged={props.onChanged}
      />
      <Conversation
        ticket={ticket}
        mailByEntry={mail.byEntry}
        onChanged={props.onChanged}
      />
      <Box mt={2}>
        <ReplyComposer ticketId={props.ticket.id} onSent={props.onChanged} />
      </Box>
    </>
  );
}

/** One request: its reference and title, its details, its conversation oldest first and the reply composer. */
export function TicketPage(props: { ticketId: string }) {
  const requestsLink = useRouteRef(requestsRouteRef);
  const ticket = useTicket(props.ticketId);
  const value = ticket.value;
  return (
    <>
      <Header
        title={value ? `${value.reference}: ${value.title}` : 'Request'}
        type="Requests"
        typeLink={requestsLink()}
      />
      <Content>
        {ticket.loading && !value && <Progress />}
        {isNotFound(ticket.error) && <RequestNotFound />}
        {ticket.error && !isNotFound(ticket.error) && (
          <ResponseErrorPanel error={ticket.error} />
        )}
        {value && <TicketView ticket={value} onChanged={ticket.retry} />}
      </Content>
    </>
  );
}
