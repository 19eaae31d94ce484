import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { emailsPreferenceManagePermission } from '@internal/plugin-emails-common';
import { Box, Paper, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useRef } from 'react';
import { LeaveDialog } from '../common/LeaveDialog';
import { useLeaveGuard } from '../common/useLeaveGuard';
import {
  LimitsSection,
  LoopProtectionSection,
  ReplySection,
  RequestSection,
} from './sections';
import { PreferenceForm } from './inputs';
import { NotificationsSection } from './NotificationsSection';
import { SaveErrorAlert } from '../common/SaveErrorAlert';
import { SaveBar } from './SaveBar';
import { usePreferenceForm } from './usePreferenceForm';

/** What the admin is asked before unsaved Email Preference edits are left behind. */
export const LEAVE_PREFERENCE_MESSAGE =
  'The Email Preference has unsaved changes. Leave without saving?';

/**
 * Email Preference: how mail becomes requests and replies. Read-only for
 * users who may not change it.
 */
export function EmailPreferenceForm() {
  const { allowed } = usePermission({
    permission: emailsPreferenceManagePermission,
  });
  const state = usePreferenceForm();
  const formRef = useRef<HTMLFormElement>(null);
  const leaving = useLeaveGuard(
    allowed && state.dirty,
    formRef,
    LEAVE_PREFERENCE_MESSAGE,
  );
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
        ref={formRef}
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
        </Box>
        {allowed && <SaveBar dirty={state.dirty} saving={state.saving} />}
      </form>
      {leaving.asking && (
        <LeaveDialog
          message={LEAVE_PREFERENCE_MESSAGE}
          onStay={leaving.stay}
          onLeave={leaving.leave}
        />
      )}
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
