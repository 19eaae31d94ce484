import { TicketEntry } from '@internal/plugin-emails-common';
import { Chip, makeStyles, Tooltip } from '@material-ui/core';
import { alpha } from '@material-ui/core/styles';
import CallReceivedIcon from '@material-ui/icons/CallReceived';
import { formatTime } from '../common/formatting';

/** What the badge says of a reply from outside the conversation. */
export const OUTSIDE_CONVERSATION_LABEL = 'From outside the conversation';

const useStyles = makeStyles(theme => ({
  pending: {
    borderColor: theme.palette.warning.main,
    backgroundColor: alpha(theme.palette.warning.main, 0.12),
  },
}));

function reviewed(entry: TicketEntry): string {
  const review = entry.outsideConversation;
  if (!review || review.status === 'pending') {
    return 'Not the requester, a CC user nor a technician, but an answer to our mail: publish it to the conversation or dismiss it';
  }
  const by = review.reviewedBy?.replace(/^.*[:/]/, '') ?? 'a technician';
  const at = review.reviewedAt ? ` on ${formatTime(review.reviewedAt)}` : '';
  return `${
    review.status === 'published' ? 'Published' : 'Dismissed'
  } by ${by}${at}`;
}

/**
 * Marks an entry from someone outside the conversation; the tooltip says
 * what is to be done, or who published or dismissed it and when.
 */
export function OutsideBadge(props: { entry: TicketEntry }) {
  const classes = useStyles();
  const review = props.entry.outsideConversation;
  if (!review) return null;
  return (
    <Tooltip title={reviewed(props.entry)}>
      <Chip
        size="small"
        variant="outlined"
        tabIndex={0}
        icon={<CallReceivedIcon />}
        className={review.status === 'pending' ? classes.pending : undefined}
        label={
          review.status === 'dismissed'
            ? `${OUTSIDE_CONVERSATION_LABEL}, dismissed`
            : OUTSIDE_CONVERSATION_LABEL
        }
      />
    </Tooltip>
  );
}
