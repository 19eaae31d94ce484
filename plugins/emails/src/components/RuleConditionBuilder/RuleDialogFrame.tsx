import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
} from '@material-ui/core';
import { ReactNode } from 'react';

/**
 * The frame of the rule dialogs (the outgoing rules, one incoming rule):
 * wide, scrolling its content, with Cancel and one primary action.
 */
export function RuleDialogFrame(props: {
  /** Unique in the page: names the dialog by its title. */
  id: string;
  title: string;
  onClose(): void;
  /** The primary action's label, e.g. Update or Done. */
  action: string;
  onAction(): void;
  actionDisabled?: boolean;
  children: ReactNode;
}) {
  const titleId = `${props.id}-title`;
  return (
    <Dialog
      open
      onClose={props.onClose}
      maxWidth="lg"
      fullWidth
      scroll="paper"
      aria-labelledby={titleId}
    >
      <DialogTitle id={titleId}>{props.title}</DialogTitle>
      <DialogContent dividers>{props.children}</DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={props.onAction}
          disabled={props.actionDisabled}
        >
          {props.action}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
