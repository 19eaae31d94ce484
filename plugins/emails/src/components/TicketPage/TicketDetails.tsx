import { InfoCard, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { TicketDetail, TicketMail } from '@internal/plugin-emails-common';
import { Grid, Typography } from '@material-ui/core';
import { ReactNode } from 'react';
import { ticketRouteRef } from '../../routes';
import { formatTime } from '../common/formatting';
import { NotificationList } from '../MailDelivery';
import {
  PersonName,
  TechnicianGroupLink,
  TicketStatusChip,
} from '../TicketFields';
import { TicketStatusActions } from '../TicketStatusActions';

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <Grid item xs={12} sm={6} md={4}>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Grid>
  );
}

/** "Follows REQ-7": the closed request this one follows up, linked. */
function FollowsLink(props: { ticketId: string }) {
  const ticketLink = useRouteRef(ticketRouteRef);
  return (
    <Typography variant="body2" component="span">
      Follows{' '}
      <Link to={ticketLink({ id: props.ticketId })}>REQ-{props.ticketId}</Link>
    </Typography>
  );
}

/**
 * The facts of a request: the request it follows up, status, requester, CC,
 * technician group, category, dates; the notifications sent about it (mail
 * of no conversation entry) and Close or Reopen for those who may.
 */
export function TicketDetails(props: {
  ticket: TicketDetail;
  notifications: readonly TicketMail[];
  onStatusChanged(): void;
}) {
  const { ticket } = props;
  return (
    <section aria-label="Details">
      <InfoCard
        title="Details"
        subheader={
          ticket.followsTicketId && (
            <FollowsLink ticketId={ticket.followsTicketId} />
          )
        }
      >
        <Grid container spacing={2}>
          <Fact label="Status">
            <TicketStatusChip status={ticket.status} />
          </Fact>
          <Fact label="Requester">
            <PersonName person={ticket.requester} />
          </Fact>
          <Fact label="CC">{ticket.ccEmails.join(', ') || '—'}</Fact>
          <Fact label="Technician Group">
            <TechnicianGroupLink group={ticket.technicianGroup} />
          </Fact>
          <Fact label="Category">{ticket.category || '—'}</Fact>
          <Fact label="Created">{formatTime(ticket.createdAt)}</Fact>
          {ticket.closedAt && (
            <Fact label="Closed">{formatTime(ticket.closedAt)}</Fact>
          )}
        </Grid>
        <NotificationList mail={props.notifications} />
        <TicketStatusActions
          ticket={ticket}
          onChanged={props.onStatusChanged}
        />
      </InfoCard>
    </section>
  );
}
