import { Box, Button, makeStyles } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { emailDocument, estimateFrameHeight } from './emailDocument';
import { FRAME_MIN_HEIGHT, measureFrameHeight } from './frameHeight';
import { sanitizeEmailHtml } from './sanitizeEmailHtml';

const useStyles = makeStyles(theme => ({
  // Sized to its content (frameHeight.ts), at most 70% of the screen, where
  // the frame scrolls; people can still drag it taller.
  resizable: {
    resize: 'vertical',
    overflow: 'auto',
    minHeight: FRAME_MIN_HEIGHT,
    maxHeight: '70vh',
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
  const box = useRef<HTMLDivElement>(null);
  const [measured, setMeasured] = useState<number>();
  useLayoutEffect(() => {
    const width = box.current?.clientWidth ?? 0;
    setMeasured(measureFrameHeight(sanitized.html, width));
  }, [sanitized.html]);
  // The measurement plus the box's 1 px borders.
  const height = Math.max(
    measured !== undefined ? measured + 2 : estimateFrameHeight(sanitized.html),
    FRAME_MIN_HEIGHT,
  );
  return (
    <Box>
      {!showImages && sanitized.blockedImages > 0 && (
        <RemoteImagesNotice onShow={() => setShowImages(true)} />
      )}
      <div ref={box} className={classes.resizable} style={{ height }}>
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
