import {
  Box,
  Button,
  FormHelperText,
  IconButton,
  List,
  ListItem,
  ListItemSecondaryAction,
  ListItemText,
} from '@material-ui/core';
import AttachFileIcon from '@material-ui/icons/AttachFile';
import DeleteIcon from '@material-ui/icons/Delete';
import { ChangeEvent, useRef } from 'react';
import { formatBytes } from '../common/formatting';
import { PickedFile, readAttachment } from './readAttachment';

/** Attachments of a reply: a multiple file input, the picked files with their sizes, each removable. */
export function AttachmentPicker(props: {
  files: PickedFile[];
  onChange(files: PickedFile[]): void;
  onError(message: string): void;
  error?: string;
  disabled?: boolean;
}) {
  const { files, onChange, onError, error, disabled } = props;
  const input = useRef<HTMLInputElement>(null);

  const add = async (event: ChangeEvent<HTMLInputElement>) => {
    const picked = Array.from(event.target.files ?? []);
    // Cleared so that picking the same file again fires onChange again.
    event.target.value = '';
    try {
      onChange([...files, ...(await Promise.all(picked.map(readAttachment)))]);
    } catch (e) {
      onError((e as Error).message);
    }
  };

  return (
    <Box>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label="Attachments"
        onChange={add}
        disabled={disabled}
      />
      <Button
        size="small"
        startIcon={<AttachFileIcon />}
        onClick={() => input.current?.click()}
        disabled={disabled}
      >
        Attach files
      </Button>
      {files.length > 0 && (
        <List dense aria-label="Attached files">
          {files.map((file, index) => (
            <ListItem key={`${file.filename}-${index}`}>
              <ListItemText
                primary={file.filename}
                secondary={formatBytes(file.sizeBytes)}
              />
              <ListItemSecondaryAction>
                <IconButton
                  edge="end"
                  aria-label={`Remove ${file.filename}`}
                  onClick={() => onChange(files.filter((_, i) => i !== index))}
                  disabled={disabled}
                >
                  <DeleteIcon />
                </IconButton>
              </ListItemSecondaryAction>
            </ListItem>
          ))}
        </List>
      )}
      {error && <FormHelperText error>{error}</FormHelperText>}
    </Box>
  );
}
