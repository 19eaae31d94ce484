import {
  TicketDetail,
  TicketEntry,
  TicketMail,
} from '@internal/plugin-emails-common';
import { Box, Button, Typography } from '@material-ui/core';
import { useState } from 'react';
import { ConversationEntry } from '../ConversationEntry';
import { OutsideReplyActions } from '../OutsideReplyActions';

function oldestFirst(ticket: TicketDetail) {
  return [...ticket.entries].sort((a, b) =>
    a.createdAt.localeCompare(b.createdAt),
  );
}

const dismissed = (entry: TicketEntry) =>
  entry.outsideConversation?.status === 'dismissed';

/**
 * A request's conversation, oldest first, with the delivery of each reply.
 * A reply from outside the conversation waiting for review offers Publish
 * and Dismiss; dismissed ones are hidden until asked for.
 */
export function Conversation(props: {
  ticket: TicketDetail;
  mailByEntry: ReadonlyMap<string, TicketMail[]>;
  onChanged(): void;
}) {
  const { ticket } = props;
  const [showDismissed, setShowDismissed] = useState(false);
  const entries = oldestFirst(ticket);
  const hidden = entries.filter(dismissed).length;
  const replies = hidden === 1 ? 'reply' : 'replies';
  return (
    <Box mt={3}>
      <Typography variant="h5" component="h2" gutterBottom>
        Conversation
      </Typography>
      {entries
        .filter(entry => showDismissed || !dismissed(entry))
        .map(entry => (
          <Box key={entry.id} mb={2}>
            <ConversationEntry
              entry={entry}
              mail={props.mailByEntry.get(entry.id)}
              actions={
                entry.outsideConversation?.status === 'pending' && (
                  <OutsideReplyActions
                    ticketId={ticket.id}
                    entryId={entry.id}
                    onChanged={props.onChanged}
                  />
                )
              }
            />
          </Box>
        ))}
      {hidden > 0 && (
        <Button size="small" onClick={() => setShowDismissed(!showDismissed)}>
          {showDismissed ? 'Hide' : 'Show'} {hidden} dismissed {replies} from
          outside the conversation
        </Button>
      )}
    </Box>
  );
}
