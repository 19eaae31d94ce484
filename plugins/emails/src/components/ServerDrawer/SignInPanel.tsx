import { Box } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import { OAuthSignInOutcome } from '../common/useOAuthSignIn';
import {
  OAuthConsentFacts,
  OAuthSignInButton,
  signInLabel,
} from '../OAuthConsent';
import { signsInWithConsent } from './fieldRules';
import { DrawerForm } from './form';

/**
 * Where the server's OAuth sign-in stands, and the button that signs in
 * ("Sign in with Microsoft", "Sign in with Google" or "Authorize"): it saves
 * a new or changed server first. Nothing for app-only access.
 */
export function SignInPanel(props: { form: DrawerForm }) {
  const { form } = props;
  const [outcome, setOutcome] = useState<OAuthSignInOutcome>();
  if (!signsInWithConsent(form.draft)) return null;
  return (
    <Box mt={1} mb={1}>
      {form.loaded && <OAuthConsentFacts server={form.loaded} />}
      <Box mt={1}>
        <OAuthSignInButton
          direction={form.draft.direction}
          label={signInLabel(form.draft.provider)}
          prepare={form.saveForSignIn}
          onOutcome={o => {
            setOutcome(o);
            if (o.server) form.adopt(o.server);
          }}
        />
      </Box>
      {outcome && (
        <Box mt={1}>
          <Alert severity={outcome.ok ? 'success' : 'error'}>
            {outcome.message}
          </Alert>
        </Box>
      )}
    </Box>
  );
}
