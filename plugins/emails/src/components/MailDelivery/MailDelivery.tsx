import { TicketMail } from '@internal/plugin-emails-common';
import { Box, Typography } from '@material-ui/core';
import { useId } from 'react';
import { DeliveryList } from './DeliveryList';

/**
 * Under a conversation entry: whether the mail it sent (a technician's
 * reply) reached its recipients. Nothing when the entry sent no mail.
 */
export function EntryDelivery(props: { mail: readonly TicketMail[] }) {
  if (!props.mail.length) return null;
  return <DeliveryList mail={props.mail} aria-label="Email delivery" />;
}

/**
 * The mail about a request that belongs to no entry (acknowledgement, close
 * notification, other), with whether each went out. Nothing when there is none.
 */
export function NotificationList(props: { mail: readonly TicketMail[] }) {
  const headingId = useId();
  if (!props.mail.length) return null;
  return (
    <section aria-labelledby={headingId}>
      <Box mt={2}>
        <Typography
          id={headingId}
          variant="subtitle2"
          component="h3"
          color="textSecondary"
        >
          Notifications
        </Typography>
        <DeliveryList mail={props.mail} showKind />
      </Box>
    </section>
  );
}
