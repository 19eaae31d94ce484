import { MailDirection } from '@internal/plugin-emails-common';
import {
  Box,
  Button,
  Drawer,
  IconButton,
  makeStyles,
  Typography,
} from '@material-ui/core';
import CloseIcon from '@material-ui/icons/Close';
import { Alert } from '@material-ui/lab';
import { MailServer } from './draft';
import { DrawerForm } from './form';
import {
  FetchingSection,
  FilterSection,
  TicketSection,
} from './incomingSections';
import { AuthSection, ConnectionSection, GeneralSection } from './sections';
import { useDrawerOptions, withCurrent } from './useDrawerOptions';
import { useServerForm } from './useServerForm';

const useStyles = makeStyles(theme => ({
  paper: { width: 520, maxWidth: '100%', padding: theme.spacing(3) },
}));

/** Properties of ServerDrawer. */
export interface ServerDrawerProps {
  direction: MailDirection;
  /** The server to edit; absent to add one. */
  server?: MailServer;
  onClose(): void;
  onSaved(server: MailServer): void;
}

/** The Add / Edit side drawer of an incoming or outgoing email server. */
export function ServerDrawer(props: ServerDrawerProps) {
  const { direction, onClose } = props;
  const classes = useStyles();
  const state = useServerForm(props);
  const noun = `${
    direction === 'incoming' ? 'Incoming' : 'Outgoing'
  } Email Server`;
  return (
    <Drawer
      anchor="right"
      open
      onClose={onClose}
      classes={{ paper: classes.paper }}
    >
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="h5" component="h2">
          {state.loaded ? `Edit ${noun}` : `Add ${noun}`}
        </Typography>
        <IconButton aria-label="Close" onClick={onClose}>
          <CloseIcon />
        </IconButton>
      </Box>
      <form
        noValidate
        aria-label={noun}
        onSubmit={e => {
          e.preventDefault();
          state.save();
        }}
      >
        <DrawerSections form={state.form} />
        <DrawerFooter state={state} onClose={onClose} />
      </form>
    </Drawer>
  );
}

function DrawerSections(props: { form: DrawerForm }) {
  const { form } = props;
  const options = useDrawerOptions(form.draft.direction);
  return (
    <>
      <GeneralSection form={form} />
      <ConnectionSection
        form={form}
        proxies={withCurrent(options.proxies, form.draft.proxyId)}
      />
      <AuthSection form={form} />
      {form.draft.direction === 'incoming' && (
        <>
          <TicketSection
            form={form}
            outgoingServers={withCurrent(
              options.outgoingServers,
              form.draft.outgoingServerId,
            )}
          />
          <FilterSection form={form} />
          <FetchingSection form={form} />
        </>
      )}
    </>
  );
}

function DrawerFooter(props: {
  state: ReturnType<typeof useServerForm>;
  onClose(): void;
}) {
  const { errors, loaded, reload, saving } = props.state;
  const reloadButton =
    errors.conflict && loaded ? (
      <Button color="inherit" size="small" onClick={reload}>
        Reload
      </Button>
    ) : undefined;
  return (
    <>
      {errors.message && (
        <Box mt={2}>
          <Alert severity="error" action={reloadButton}>
            {errors.message}
          </Alert>
        </Box>
      )}
      <Box mt={3} display="flex" justifyContent="flex-end">
        <Button onClick={props.onClose}>Cancel</Button>
        <Box ml={1}>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={saving}
          >
            Save
          </Button>
        </Box>
      </Box>
    </>
  );
}
