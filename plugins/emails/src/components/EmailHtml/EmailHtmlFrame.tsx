import { Box, Button, makeStyles } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useMemo, useState } from 'react';
import { emailDocument, estimateFrameHeight } from './emailDocument';
import { sanitizeEmailHtml } from './sanitizeEmailHtml';

const useStyles = makeStyles(theme => ({
  // The frame cannot size itself to its content (its origin is opaque), so
  // people can drag it taller.
  resizable: {
    resize: 'vertical',
    overflow: 'auto',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    backgroundColor: '#fff',
  },
  frame: { border: 0, width: '100%', height: '100%', display: 'block' },
}));

function RemoteImagesNotice(props: { onShow(): void }) {
  return (
    <Box mb={1}>
      <Alert
        severity="info"
        action={
          <Button size="small" onClick={props.onShow}>
            Show images
          </Button>
        }
      >
        Remote images blocked
      </Alert>
    </Box>
  );
}

/** Properties of EmailHtmlFrame. */
export interface EmailHtmlFrameProps {
  /** The email's HTML, as the backend sanitised it. */
  html: string;
  /** Data URLs of the inline images, by normalised Content-ID. */
  inlineImages: ReadonlyMap<string, string>;
  /** The frame's accessible name. */
  title: string;
}

/**
 * An email body, sanitised again and shown in a sandboxed frame (no scripts,
 * opaque origin, a CSP that loads nothing remote). Remote images stay
 * blocked until the user chooses Show images, for this body only.
 */
export function EmailHtmlFrame(props: EmailHtmlFrameProps) {
  const { html, inlineImages, title } = props;
  const classes = useStyles();
  const [showImages, setShowImages] = useState(false);
  const sanitized = useMemo(
    () =>
      sanitizeEmailHtml(html, {
        allowRemote: showImages,
        inline: inlineImages,
      }),
    [html, inlineImages, showImages],
  );
  return (
    <Box>
      {!showImages && sanitized.blockedImages > 0 && (
        <RemoteImagesNotice onShow={() => setShowImages(true)} />
      )}
      <div
        className={classes.resizable}
        style={{ height: estimateFrameHeight(sanitized.html) }}
      >
        <iframe
          title={title}
          className={classes.frame}
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          referrerPolicy="no-referrer"
          srcDoc={emailDocument(sanitized.html, showImages)}
        />
      </div>
    </Box>
  );
}
