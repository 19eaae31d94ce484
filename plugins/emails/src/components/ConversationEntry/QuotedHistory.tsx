import { TicketEntry } from '@internal/plugin-emails-common';
import { Box, Button } from '@material-ui/core';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useId, useState } from 'react';
import { EntryBody, InlineImages } from './EntryBody';

/** The quoted history in the format of the entry's own body, else the other one. */
function quoted(entry: TicketEntry) {
  const html = entry.quotedHtml?.trim() ? entry.quotedHtml : undefined;
  const text = entry.quotedText?.trim() ? entry.quotedText : undefined;
  if (html && (entry.html || !text)) return { html };
  return text ? { text } : undefined;
}

/**
 * The quoted history of a reply, collapsed under what is new: a toggle
 * reveals it, shown exactly like the entry's body (HTML through the same
 * sanitised, sandboxed frame). Nothing when the entry quotes nothing.
 */
export function QuotedHistory(props: {
  entry: TicketEntry;
  images: InlineImages;
  /** The entry's name, e.g. "Reply by Jane Doe". */
  title: string;
}) {
  const { entry, images, title } = props;
  const [open, setOpen] = useState(false);
  const regionId = useId();
  const body = quoted(entry);
  if (!body) return null;
  return (
    <Box mt={1}>
      <Button
        size="small"
        aria-expanded={open}
        aria-controls={regionId}
        startIcon={open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
        onClick={() => setOpen(o => !o)}
      >
        {open ? 'Hide quoted text' : 'Show quoted text'}
      </Button>
      <div id={regionId} hidden={!open}>
        {open && (
          <Box mt={1}>
            <EntryBody
              {...body}
              images={images}
              title={`Quoted text of ${title}`}
            />
          </Box>
        )}
      </div>
    </Box>
  );
}
