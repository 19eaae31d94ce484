import {
  IncomingServer,
  MailDirection,
  OutgoingServer,
} from '@internal/plugin-emails-common';
import { Button, CircularProgress } from '@material-ui/core';
import { OAuthSignInOutcome, useOAuthSignIn } from '../common/useOAuthSignIn';

type MailServer = IncomingServer | OutgoingServer;

/** Properties of OAuthSignInButton. */
export interface OAuthSignInButtonProps {
  direction: MailDirection;
  /** The button's text and accessible name, e.g. "Sign in with Microsoft". */
  label: string;
  /** Saves what needs saving and returns the server to sign in; undefined stops. */
  prepare(): Promise<MailServer | undefined>;
  onOutcome(outcome: OAuthSignInOutcome): void;
  size?: 'small' | 'medium';
  variant?: 'text' | 'outlined' | 'contained';
}

/** Starts the OAuth sign-in popup of a server; busy until the popup is done. */
export function OAuthSignInButton(props: OAuthSignInButtonProps) {
  const { busy, signIn } = useOAuthSignIn(props.direction);
  const onClick = async () => {
    // signIn opens the popup before its first await: still inside the click.
    const outcome = await signIn(props.prepare);
    if (outcome) props.onOutcome(outcome);
  };
  return (
    <Button
      type="button"
      color="primary"
      size={props.size}
      variant={props.variant ?? 'outlined'}
      disabled={busy}
      aria-busy={busy}
      startIcon={busy ? <CircularProgress size={14} /> : undefined}
      onClick={onClick}
    >
      {props.label}
    </Button>
  );
}
