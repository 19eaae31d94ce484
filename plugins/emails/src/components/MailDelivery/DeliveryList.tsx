import { TicketMail } from '@internal/plugin-emails-common';
import { makeStyles, Typography } from '@material-ui/core';
import { ReactNode } from 'react';
import { formatTime } from '../common/formatting';
import { OutboundStatusChip } from '../common/OutboundStatusChip';
import {
  DeliveryProblem,
  describeProblem,
  describeRecipients,
  MAIL_KIND_LABELS,
} from './delivery';

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    margin: theme.spacing(1, 0, 0),
    padding: 0,
  },
  line: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    // Breaks inside an address only when it is longer than the line.
    overflowWrap: 'break-word',
    wordBreak: 'normal',
    '& + &': { marginTop: theme.spacing(0.5) },
  },
  error: { color: theme.palette.error.main },
  warning: {
    color:
      theme.palette.type === 'dark'
        ? theme.palette.warning.light
        : theme.palette.warning.dark,
  },
  info: { color: theme.palette.text.secondary },
}));

function Text(props: { children: ReactNode; className?: string }) {
  return (
    <Typography
      variant="body2"
      component="span"
      color={props.className ? undefined : 'textSecondary'}
      className={props.className}
    >
      {props.children}
    </Typography>
  );
}

/** "sent 5/1/2024, 10:05:01 AM", machine-readable too. */
function When(props: { verb: string; iso: string }) {
  return (
    <Text>
      {props.verb} <time dateTime={props.iso}>{formatTime(props.iso)}</time>
    </Text>
  );
}

function Problem(props: { problem: DeliveryProblem }) {
  const classes = useStyles();
  return (
    <Text className={classes[props.problem.severity]}>
      {props.problem.text}
    </Text>
  );
}

/**
 * One message on one line: its kind (when asked), status, recipients, when
 * it went out (or was queued, when its kind is shown) and what went wrong.
 */
function DeliveryLine(props: { mail: TicketMail; showKind?: boolean }) {
  const { mail, showKind } = props;
  const classes = useStyles();
  const problem = describeProblem(mail);
  // The gap spaces the parts on screen; the spaces keep them apart when read
  // aloud or copied.
  return (
    <li className={classes.line}>
      {showKind && (
        <Typography variant="body2" component="span">
          {MAIL_KIND_LABELS[mail.kind] ?? mail.kind}
        </Typography>
      )}{' '}
      <OutboundStatusChip status={mail.status} />{' '}
      <Text>{describeRecipients(mail)}</Text>{' '}
      {mail.status === 'sent' && mail.sentAt && (
        <When verb="sent" iso={mail.sentAt} />
      )}
      {mail.status !== 'sent' && showKind && (
        <When verb="queued" iso={mail.createdAt} />
      )}{' '}
      {problem && <Problem problem={problem} />}
    </li>
  );
}

/** Properties of DeliveryList. */
export interface DeliveryListProps {
  mail: readonly TicketMail[];
  /** Names each message's kind, for mail that is not under its entry. */
  showKind?: boolean;
  'aria-label'?: string;
}

/** Outgoing messages, one compact line each, oldest first. */
export function DeliveryList(props: DeliveryListProps) {
  const classes = useStyles();
  return (
    <ul className={classes.list} aria-label={props['aria-label']}>
      {props.mail.map(m => (
        <DeliveryLine key={m.id} mail={m} showKind={props.showKind} />
      ))}
    </ul>
  );
}
