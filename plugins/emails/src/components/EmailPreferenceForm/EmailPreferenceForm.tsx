import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { emailsPreferenceManagePermission } from '@internal/plugin-emails-common';
import { Box, Button, Paper, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  LimitsSection,
  LoopProtectionSection,
  ReplySection,
  RequestSection,
} from './sections';
import { PreferenceForm } from './inputs';
import { NotificationsSection } from './NotificationsSection';
import { SaveErrorAlert } from '../common/SaveErrorAlert';
import { usePreferenceForm } from './usePreferenceForm';

/**
 * Email Preference: how mail becomes requests and replies. Read-only for
 * users who may not change it.
 */
export function EmailPreferenceForm() {
  const { allowed } = usePermission({
    permission: emailsPreferenceManagePermission,
  });
  const state = usePreferenceForm();
  if (state.load.loading) return <Progress />;
  if (state.load.error) return <ResponseErrorPanel error={state.load.error} />;
  if (!state.draft) return null;
  const form: PreferenceForm = {
    draft: state.draft,
    errors: state.errors.fields,
    readOnly: !allowed,
    change: state.change,
  };
  return (
    <Paper variant="outlined">
      <form
        aria-label="Email Preference"
        noValidate
        onSubmit={e => {
          e.preventDefault();
          state.save();
        }}
      >
        <Box p={3}>
          <Typography variant="h5" component="h2" gutterBottom>
            Email Preference
          </Typography>
          <RequestSection form={form} />
          <ReplySection form={form} />
          <NotificationsSection form={form} />
          <LimitsSection form={form} />
          <LoopProtectionSection form={form} />
          <Messages state={state} />
          {allowed && (
            <Button
              type="submit"
              color="primary"
              variant="contained"
              disabled={state.saving}
            >
              Save
            </Button>
          )}
        </Box>
      </form>
    </Paper>
  );
}

function Messages(props: { state: ReturnType<typeof usePreferenceForm> }) {
  const { errors, saved, reload } = props.state;
  if (errors.message) {
    return (
      <SaveErrorAlert conflict={errors.conflict} onReload={reload}>
        {errors.message}
      </SaveErrorAlert>
    );
  }
  return saved ? (
    <Box mb={2}>
      <Alert severity="success">Email Preference saved.</Alert>
    </Box>
  ) : null;
}
