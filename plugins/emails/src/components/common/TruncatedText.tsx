import { useMediaQuery, Theme } from '@material-ui/core';
import { CSSProperties } from 'react';

const ONE_LINE: CSSProperties = {
  display: 'block',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
};

/**
 * A table cell's text on one line, cut with an ellipsis past `maxWidth` and
 * shown whole on hover: a long address or title in a narrow column otherwise
 * wraps a character per line.
 */
export function TruncatedText(props: { text: string; maxWidth: number }) {
  const { text, maxWidth } = props;
  return (
    <span title={text} style={{ ...ONE_LINE, maxWidth }}>
      {text}
    </span>
  );
}

/**
 * True below the large breakpoint (1280 px): a 1024 px screen minus the
 * sidebar, where tables drop their low-value columns.
 */
export function useNarrowTable(): boolean {
  return useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
}
