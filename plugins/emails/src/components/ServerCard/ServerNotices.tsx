import { IncomingServer, MailDirection } from '@internal/plugin-emails-common';
import { Box, Button, LinearProgress, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { MailServer } from '../ServerDrawer';

function ImportProgress(props: { progress: { done: number; total: number } }) {
  const { done, total } = props.progress;
  return (
    <Box mt={1}>
      <Typography variant="body2">
        Importing existing mail: {done} / {total}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={total ? Math.min(100, (done / total) * 100) : 0}
        aria-label="Import progress"
      />
    </Box>
  );
}

/**
 * What an incoming server is busy with or stuck on: the import of existing
 * mail while it runs, and why fetching is paused, with Resume for managers.
 */
export function ServerNotices(props: {
  server: MailServer;
  direction: MailDirection;
  canManage: boolean;
  onResume(server: MailServer): void;
}) {
  const { server } = props;
  // Only incoming servers fetch, so only they can be resumed.
  const canResume = props.canManage && props.direction === 'incoming';
  const { importProgress, pausedReason } = server as Partial<IncomingServer>;
  const paused = server.health?.status === 'paused';
  return (
    <>
      {importProgress && importProgress.done < importProgress.total && (
        <ImportProgress progress={importProgress} />
      )}
      {paused && (
        <Box mt={1}>
          <Alert
            severity="warning"
            action={
              canResume && (
                <Button size="small" onClick={() => props.onResume(server)}>
                  Resume
                </Button>
              )
            }
          >
            {pausedReason || 'Fetching is paused after repeated errors.'}
          </Alert>
        </Box>
      )}
    </>
  );
}
