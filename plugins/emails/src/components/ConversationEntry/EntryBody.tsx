import { Progress } from '@backstage/core-components';
import { makeStyles, Typography } from '@material-ui/core';
import { EmailHtmlFrame } from '../EmailHtml';

const useStyles = makeStyles({
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 },
});

/** An entry's inline images by Content-ID, as useInlineImages loads them. */
export interface InlineImages {
  loading: boolean;
  value?: ReadonlyMap<string, string>;
}

const NO_IMAGES: ReadonlyMap<string, string> = new Map();

/** Properties of EntryBody. */
export interface EntryBodyProps {
  /** Sanitised HTML; shown in preference to `text`. */
  html?: string;
  text?: string;
  images: InlineImages;
  /** The accessible name of the frame that shows the HTML. */
  title: string;
}

/**
 * A body of a conversation entry (what is new, or its quoted history): HTML
 * in a sandboxed frame; plain text as preformatted text whose links stay text.
 */
export function EntryBody(props: EntryBodyProps) {
  const classes = useStyles();
  const { html, text, images, title } = props;
  if (html) {
    if (images.loading) return <Progress />;
    return (
      <EmailHtmlFrame
        html={html}
        inlineImages={images.value ?? NO_IMAGES}
        title={title}
      />
    );
  }
  return (
    <Typography component="pre" variant="body2" className={classes.text}>
      {text ?? ''}
    </Typography>
  );
}
