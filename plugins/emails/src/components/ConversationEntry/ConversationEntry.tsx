import { TicketEntry } from '@internal/plugin-emails-common';
import {
  Card,
  CardContent,
  CardHeader,
  Chip,
  Typography,
} from '@material-ui/core';
import { AttachmentList } from '../AttachmentList';
import { formatTime } from '../common/formatting';
import { normalizeContentId } from '../EmailHtml';
import { PersonName } from '../TicketFields';
import { EntryBody } from './EntryBody';
import { isInlineImage } from './useInlineImages';

/** Entry kinds as the product shows them. */
export const ENTRY_KIND_LABELS: Record<TicketEntry['kind'], string> = {
  description: 'Description',
  reply: 'Reply',
  note: 'Note',
};

/** Attachments to offer as downloads: all but the inline images the HTML shows. */
function downloads(entry: TicketEntry) {
  const html = entry.html?.toLowerCase() ?? '';
  return entry.attachments.filter(
    a =>
      !isInlineImage(a) ||
      !html.includes(`cid:${normalizeContentId(a.contentId ?? '')}`),
  );
}

/** One entry of a request's conversation: author, time, kind, body and attachments. */
export function ConversationEntry(props: { entry: TicketEntry }) {
  const { entry } = props;
  const kind = ENTRY_KIND_LABELS[entry.kind] ?? entry.kind;
  const author = entry.author.name ?? entry.author.email;
  return (
    <Card
      variant="outlined"
      component="article"
      aria-label={`${kind} by ${author}`}
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
        action={<Chip size="small" variant="outlined" label={kind} />}
      />
      <CardContent>
        <EntryBody entry={entry} title={`${kind} by ${author}`} />
        <AttachmentList attachments={downloads(entry)} />
      </CardContent>
    </Card>
  );
}
