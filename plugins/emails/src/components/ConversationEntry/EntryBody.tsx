import { Progress } from '@backstage/core-components';
import { TicketEntry } from '@internal/plugin-emails-common';
import { makeStyles, Typography } from '@material-ui/core';
import { EmailHtmlFrame } from '../EmailHtml';
import { useInlineImages } from './useInlineImages';

const useStyles = makeStyles({
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 },
});

const NO_IMAGES: ReadonlyMap<string, string> = new Map();

function HtmlBody(props: { entry: TicketEntry; title: string }) {
  const images = useInlineImages(props.entry);
  if (images.loading) return <Progress />;
  return (
    <EmailHtmlFrame
      html={props.entry.html ?? ''}
      inlineImages={images.value ?? NO_IMAGES}
      title={props.title}
    />
  );
}

/**
 * The body of a conversation entry: HTML in a sandboxed frame; plain text as
 * preformatted text whose links stay text.
 */
export function EntryBody(props: { entry: TicketEntry; title: string }) {
  const classes = useStyles();
  const { entry } = props;
  if (entry.html) return <HtmlBody entry={entry} title={props.title} />;
  return (
    <Typography component="pre" variant="body2" className={classes.text}>
      {entry.text ?? ''}
    </Typography>
  );
}
