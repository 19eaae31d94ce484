import { Box, Button } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { ReactNode } from 'react';

/**
 * Why a save failed, above a form; when someone else saved first
 * (`conflict`), with a Reload button.
 */
export function SaveErrorAlert(props: {
  conflict?: boolean;
  onReload(): void;
  children: ReactNode;
}) {
  return (
    <Box mb={2}>
      <Alert
        severity="error"
        action={
          props.conflict ? (
            <Button color="inherit" size="small" onClick={props.onReload}>
              Reload
            </Button>
          ) : undefined
        }
      >
        {props.children}
      </Alert>
    </Box>
  );
}
