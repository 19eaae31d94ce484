import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { InboundMessageDetail } from '@internal/plugin-emails-common';
import { Grid, Typography } from '@material-ui/core';
import { ReactNode } from 'react';
import { ticketRouteRef } from '../../routes';
import { WRAP_LONG_TOKENS } from '../common/DetailList';
import { formatBytes, formatTime } from '../common/formatting';
import { MessageStatusChip } from '../MessageStatusChip';

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <Grid item xs={12} sm={6}>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div" style={WRAP_LONG_TOKENS}>
        {props.children || '—'}
      </Typography>
    </Grid>
  );
}

/** Who sent a message to whom, when, and what became of it. */
export function MessageFacts(props: {
  message: InboundMessageDetail;
  serverName?(id: string): string | undefined;
}) {
  const { message: m, serverName = () => undefined } = props;
  const ticketLink = useRouteRef(ticketRouteRef);
  return (
    <Grid container spacing={2}>
      <Fact label="Status">
        <MessageStatusChip status={m.status} />
      </Fact>
      <Fact label="Reason">{m.reason}</Fact>
      <Fact label="From">{m.from}</Fact>
      <Fact label="To">{m.to.join(', ')}</Fact>
      <Fact label="CC">{m.cc.join(', ')}</Fact>
      <Fact label="Server">
        {m.serverName ?? serverName(m.serverId) ?? 'a deleted server'}
      </Fact>
      <Fact label="Received">{formatTime(m.receivedAt)}</Fact>
      <Fact label="Processed">{formatTime(m.processedAt)}</Fact>
      <Fact label="Message-ID">{m.messageId}</Fact>
      <Fact label="Size">{formatBytes(m.sizeBytes)}</Fact>
      <Fact label="Attempts">{m.attempts}</Fact>
      <Fact label="Request">
        {m.ticketId && (
          <Link to={ticketLink({ id: m.ticketId })}>View request</Link>
        )}
      </Fact>
    </Grid>
  );
}

/** The attachments of a message, by name, type and size (the message only names them). */
export function MessageAttachments(props: { message: InboundMessageDetail }) {
  const { attachments } = props.message;
  if (!attachments.length) return <Typography variant="body2">None</Typography>;
  return (
    <ul style={{ margin: 0, paddingLeft: 16 }}>
      {attachments.map((a, index) => (
        <li key={`${a.filename}-${index}`}>
          <Typography variant="body2">
            {a.filename} ({a.contentType}, {formatBytes(a.sizeBytes)})
          </Typography>
        </li>
      ))}
    </ul>
  );
}
