import {
  IncomingServer,
  MailDirection,
  OutgoingServer,
} from '@internal/plugin-emails-common';
import { Box } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import { signInAction } from './consent';
import { OAuthSignInButton } from './OAuthSignInButton';

type MailServer = IncomingServer | OutgoingServer;

/**
 * "Sign in" / "Sign in again" on a server card, for managers of an OAuth
 * server nobody signed in to or whose sign-in no longer works; a failed
 * sign-in says why underneath.
 */
export function CardSignIn(props: {
  server: MailServer;
  direction: MailDirection;
  canManage: boolean;
  onSignedIn(server: MailServer): void;
}) {
  const { server, direction, canManage, onSignedIn } = props;
  const [failure, setFailure] = useState<string>();
  const action = signInAction(server);
  if (!canManage || !action) return null;
  return (
    <Box mt={1}>
      <OAuthSignInButton
        direction={direction}
        label={action}
        size="small"
        prepare={async () => server}
        onOutcome={outcome => {
          setFailure(outcome.ok ? undefined : outcome.message);
          if (outcome.ok) onSignedIn(outcome.server ?? server);
        }}
      />
      {failure && (
        <Box mt={1}>
          <Alert severity="error">{failure}</Alert>
        </Box>
      )}
    </Box>
  );
}
