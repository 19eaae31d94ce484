import { Box, Button, IconButton, Tooltip } from '@material-ui/core';
import CodeIcon from '@material-ui/icons/Code';
import FormatBoldIcon from '@material-ui/icons/FormatBold';
import FormatItalicIcon from '@material-ui/icons/FormatItalic';
import FormatListBulletedIcon from '@material-ui/icons/FormatListBulleted';
import FormatListNumberedIcon from '@material-ui/icons/FormatListNumbered';
import FormatQuoteIcon from '@material-ui/icons/FormatQuote';
import LinkIcon from '@material-ui/icons/Link';
import { ReactElement } from 'react';
import { TextFormat } from './formatText';

const BUTTONS: { format: TextFormat; label: string; icon: ReactElement }[] = [
  { format: 'bold', label: 'Bold', icon: <FormatBoldIcon /> },
  { format: 'italic', label: 'Italic', icon: <FormatItalicIcon /> },
  { format: 'code', label: 'Code', icon: <CodeIcon /> },
  { format: 'link', label: 'Link', icon: <LinkIcon /> },
  {
    format: 'bulletedList',
    label: 'Bulleted list',
    icon: <FormatListBulletedIcon />,
  },
  {
    format: 'numberedList',
    label: 'Numbered list',
    icon: <FormatListNumberedIcon />,
  },
  { format: 'quote', label: 'Quote', icon: <FormatQuoteIcon /> },
];

/** The formatting buttons above the message, and the Preview toggle. */
export function FormatToolbar(props: {
  onFormat(format: TextFormat): void;
  preview: boolean;
  onTogglePreview(): void;
  disabled?: boolean;
}) {
  const { onFormat, preview, onTogglePreview, disabled } = props;
  return (
    <Box
      role="toolbar"
      aria-label="Formatting"
      display="flex"
      alignItems="center"
      mt={1}
    >
      {BUTTONS.map(b => (
        <Tooltip key={b.format} title={b.label}>
          <span>
            <IconButton
              size="small"
              aria-label={b.label}
              // Keeps the selection in the message field on click.
              onMouseDown={e => e.preventDefault()}
              onClick={() => onFormat(b.format)}
              disabled={disabled}
            >
              {b.icon}
            </IconButton>
          </span>
        </Tooltip>
      ))}
      <Box flexGrow={1} />
      <Button
        size="small"
        aria-pressed={preview}
        color={preview ? 'primary' : 'default'}
        // Outlined while on, so the toggle's state shows at a glance.
        variant={preview ? 'outlined' : 'text'}
        onClick={onTogglePreview}
      >
        Preview
      </Button>
    </Box>
  );
}
