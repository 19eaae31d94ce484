import { TicketEntry } from '@internal/plugin-emails-common';
import { Chip, makeStyles, Tooltip } from '@material-ui/core';
import { alpha } from '@material-ui/core/styles';
import FlagIcon from '@material-ui/icons/Flag';
import WarningIcon from '@material-ui/icons/Warning';

/** Why a sender is unverified when the server gave no reason. */
export const UNVERIFIED_SENDER_NOTE =
  'The sender could not be verified (DMARC)';

const useStyles = makeStyles(theme => {
  const color =
    theme.palette.type === 'dark'
      ? theme.palette.warning.light
      : theme.palette.warning.dark;
  return {
    warning: {
      color,
      borderColor: theme.palette.warning.main,
      backgroundColor: alpha(theme.palette.warning.main, 0.12),
    },
    warningIcon: { color },
  };
});

/**
 * Flags an entry's sender: "Unverified sender" (warning) when DMARC
 * verification failed; "Flagged" (neutral) when it did not fail but the
 * server noted something; nothing when verified or unknown without a note.
 * The tooltip (and title) gives the reason; the chip takes focus for it.
 */
export function SenderBadge(props: { entry: TicketEntry }) {
  const { senderVerified, senderNote } = props.entry;
  const classes = useStyles();
  if (senderVerified === false) {
    return (
      <Tooltip title={senderNote || UNVERIFIED_SENDER_NOTE}>
        <Chip
          size="small"
          variant="outlined"
          tabIndex={0}
          className={classes.warning}
          icon={<WarningIcon className={classes.warningIcon} />}
          label="Unverified sender"
        />
      </Tooltip>
    );
  }
  if (senderNote) {
    return (
      <Tooltip title={senderNote}>
        <Chip
          size="small"
          variant="outlined"
          tabIndex={0}
          icon={<FlagIcon />}
          label="Flagged"
        />
      </Tooltip>
    );
  }
  return null;
}
