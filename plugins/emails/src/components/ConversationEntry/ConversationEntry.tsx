import { TicketEntry, TicketMail } from '@internal/plugin-emails-common';
import {
  Box,
  Card,
  CardContent,
  CardHeader,
  Chip,
  makeStyles,
  Typography,
} from '@material-ui/core';
import { alpha } from '@material-ui/core/styles';
import LockIcon from '@material-ui/icons/Lock';
import { ReactNode } from 'react';
import { AttachmentList } from '../AttachmentList';
import { formatTime } from '../common/formatting';
import { normalizeContentId } from '../EmailHtml';
import { EntryDelivery } from '../MailDelivery';
import { PersonName } from '../TicketFields';
import { EntryBody } from './EntryBody';
import { OutsideBadge } from './OutsideBadge';
import { QuotedHistory } from './QuotedHistory';
import { SenderBadge } from './SenderBadge';
import { entryHtml, isInlineImage, useInlineImages } from './useInlineImages';

/** Entry kinds as the product shows them. */
export const ENTRY_KIND_LABELS: Record<TicketEntry['kind'], string> = {
  description: 'Description',
  reply: 'Reply',
  note: 'Internal note',
};

const useStyles = makeStyles(theme => ({
  // Internal notes (a colleague's reply, an automatic reply, a delivery
  // failure) are tinted so they never read as the requester's words.
  note: {
    backgroundColor: alpha(theme.palette.info.main, 0.08),
    borderLeft: `4px solid ${theme.palette.info.main}`,
  },
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1) },
}));

/** Attachments to offer as downloads: all but the inline images the HTML shows. */
function downloads(entry: TicketEntry) {
  const html = entryHtml(entry);
  return entry.attachments.filter(
    a =>
      !isInlineImage(a) ||
      !html.includes(`cid:${normalizeContentId(a.contentId ?? '')}`),
  );
}

function KindChip(props: { entry: TicketEntry; label: string }) {
  if (props.entry.kind === 'note') {
    return (
      <Chip
        size="small"
        color="primary"
        icon={<LockIcon />}
        label={props.label}
      />
    );
  }
  return <Chip size="small" variant="outlined" label={props.label} />;
}

const NO_MAIL: readonly TicketMail[] = [];

/**
 * One entry of a request's conversation: author, time, kind, sender flags
 * (and whether it came from outside the conversation), the new part of the
 * body, its quoted history (collapsed), attachments, whether the mail it
 * sent (`mail`, a technician's reply) went out, and `actions` below.
 */
export function ConversationEntry(props: {
  entry: TicketEntry;
  mail?: readonly TicketMail[];
  actions?: ReactNode;
}) {
  const { entry, mail = NO_MAIL } = props;
  const classes = useStyles();
  const images = useInlineImages(entry);
  const kind = ENTRY_KIND_LABELS[entry.kind] ?? entry.kind;
  const author = entry.author.name ?? entry.author.email;
  const title = `${kind} by ${author}`;
  return (
    <Card
      variant="outlined"
      component="article"
      aria-label={title}
      data-kind={entry.kind}
      className={entry.kind === 'note' ? classes.note : undefined}
    >
      <CardHeader
        disableTypography
        title={
          <Typography variant="subtitle1" component="h3">
            <PersonName person={entry.author} />
          </Typography>
        }
        subheader={
          <Typography variant="body2" color="textSecondary">
            {formatTime(entry.createdAt)}
          </Typography>
        }
        action={
          <Box className={classes.chips}>
            <SenderBadge entry={entry} />
            <OutsideBadge entry={entry} />
            <KindChip entry={entry} label={kind} />
          </Box>
        }
      />
      <CardContent>
        {entry.html?.trim() || entry.text?.trim() ? (
          <EntryBody
            html={entry.html}
            text={entry.text}
            images={images}
            title={title}
          />
        ) : (
          // A reply of nothing but quotes: say so rather than show an empty box.
          <Typography variant="body2" color="textSecondary">
            No new text: this message only quotes earlier ones.
          </Typography>
        )}
        <QuotedHistory entry={entry} images={images} title={title} />
        <AttachmentList attachments={downloads(entry)} />
        <EntryDelivery mail={mail} />
        {props.actions}
      </CardContent>
    </Card>
  );
}
