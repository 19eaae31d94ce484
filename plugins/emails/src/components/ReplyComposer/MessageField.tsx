import { formattedTextToHtml } from '@internal/plugin-emails-common';
import { Box, TextField, Typography } from '@material-ui/core';
import { useEffect, useRef, useState } from 'react';
import { EmailHtmlFrame } from '../EmailHtml';
import { FormatToolbar } from './FormatToolbar';
import { applyFormat, TextFormat, TextSelection } from './formatText';

const NO_IMAGES: ReadonlyMap<string, string> = new Map();

const HINT =
  'Formatted text: **bold**, *italic*, `code`, [link](https://…), and lines starting "- ", "1. " or "> "';

/** The reply as the requester's mail client will show it. */
function MessagePreview(props: { body: string }) {
  const html = formattedTextToHtml(props.body);
  return (
    <Box component="section" aria-label="Preview" mt={1}>
      <Typography
        variant="caption"
        color="textSecondary"
        component="div"
        gutterBottom
      >
        Preview: the reply as the requester will see it
      </Typography>
      {html ? (
        <EmailHtmlFrame html={html} inlineImages={NO_IMAGES} title="Preview" />
      ) : (
        <Typography variant="body2" color="textSecondary">
          Nothing to preview yet.
        </Typography>
      )}
    </Box>
  );
}

/**
 * The reply's message: formatted text with a toolbar that wraps the
 * selection or prefixes the selected lines, and a Preview of the HTML the
 * backend will make from it. The value stays the text.
 */
export function MessageField(props: {
  value: string;
  onChange(value: string): void;
  error?: string;
  disabled?: boolean;
}) {
  const { value, onChange, error, disabled } = props;
  const input = useRef<HTMLTextAreaElement>(null);
  const [preview, setPreview] = useState(false);
  const [selection, setSelection] = useState<TextSelection>();

  // Selects what a format left to type once the new text is in the field.
  useEffect(() => {
    const field = input.current;
    if (!selection || !field) return;
    field.focus();
    field.setSelectionRange(selection.start, selection.end);
  }, [selection]);

  const format = (kind: TextFormat) => {
    const field = input.current;
    const at = {
      start: field?.selectionStart ?? value.length,
      end: field?.selectionEnd ?? value.length,
    };
    const edit = applyFormat(value, at, kind);
    onChange(edit.text);
    setSelection(edit.selection);
  };

  return (
    <>
      <FormatToolbar
        onFormat={format}
        preview={preview}
        onTogglePreview={() => setPreview(p => !p)}
        disabled={disabled}
      />
      <TextField
        id="reply-body"
        label="Message"
        multiline
        minRows={5}
        fullWidth
        margin="dense"
        variant="outlined"
        inputRef={input}
        value={value}
        onChange={e => onChange(e.target.value)}
        error={!!error}
        helperText={error ?? HINT}
        disabled={disabled}
      />
      {preview && <MessagePreview body={value} />}
    </>
  );
}
