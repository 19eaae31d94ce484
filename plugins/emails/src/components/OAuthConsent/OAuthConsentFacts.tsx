import {
  IncomingServer,
  OAuthConsent,
  OutgoingServer,
} from '@internal/plugin-emails-common';
import { Box, Chip, makeStyles, Typography } from '@material-ui/core';
import WarningIcon from '@material-ui/icons/Warning';
import { formatTime } from '../common/formatting';
import { formatDay, isAppOnly, isPast, userName } from './consent';

type MailServer = IncomingServer | OutgoingServer;

const useStyles = makeStyles(theme => ({
  warning: {
    backgroundColor: theme.palette.warning?.main ?? '#ed6c02',
    color: theme.palette.common.white,
    margin: 0,
  },
}));

/** "Signed in as <account> by <user> on <day>", leaving out what is unknown. */
export function signedInText(consent: OAuthConsent): string {
  let text = consent.account ? `Signed in as ${consent.account}` : 'Signed in';
  if (consent.consentedBy) text += ` by ${userName(consent.consentedBy)}`;
  if (consent.consentedAt) text += ` on ${formatDay(consent.consentedAt)}`;
  return text;
}

/** The client secret's expiry warning, e.g. "Client secret expires on 6/30/2027". */
export function secretExpiryText(day?: string): string {
  if (!day) return 'Client secret expires soon';
  return `Client secret ${isPast(day) ? 'expired' : 'expires'} on ${formatDay(
    day,
  )}`;
}

function StatusLine(props: { server: MailServer; consent: OAuthConsent }) {
  const { server, consent } = props;
  if (isAppOnly(server)) {
    return <Typography variant="body2">App-only access</Typography>;
  }
  if (consent.status === 'active') {
    return <Typography variant="body2">{signedInText(consent)}</Typography>;
  }
  if (consent.status === 'none') {
    return <Typography variant="body2">Not signed in yet</Typography>;
  }
  return (
    <Typography variant="body2" color="error">
      {consent.failure
        ? `Sign-in expired: ${consent.failure}`
        : 'Sign-in expired'}
    </Typography>
  );
}

/**
 * How an OAuth server signs in: who consented and when (or that nobody has,
 * or that it expired), app-only access, the access token's expiry, and a
 * warning when the client secret is about to expire. Nothing for other servers.
 */
export function OAuthConsentFacts(props: { server: MailServer }) {
  const { server } = props;
  const classes = useStyles();
  const consent = server.oauthConsent;
  if (!consent) return null;
  return (
    <Box mt={1} aria-label="OAuth sign-in" role="group">
      <StatusLine server={server} consent={consent} />
      {consent.accessTokenExpiresAt && (
        <Typography variant="body2">
          <Typography component="span" variant="body2" color="textSecondary">
            Access token expires:
          </Typography>{' '}
          {formatTime(consent.accessTokenExpiresAt)}
        </Typography>
      )}
      {consent.clientSecretExpiresSoon && (
        <Box mt={1}>
          <Chip
            size="small"
            icon={<WarningIcon style={{ color: 'inherit' }} />}
            className={classes.warning}
            label={secretExpiryText(server.oauth?.clientSecretExpiresAt)}
          />
        </Box>
      )}
    </Box>
  );
}
