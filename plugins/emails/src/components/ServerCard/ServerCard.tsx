import { MailDirection } from '@internal/plugin-emails-common';
import {
  Box,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Typography,
} from '@material-ui/core';
import StarIcon from '@material-ui/icons/Star';
import { CardSignIn, OAuthConsentFacts } from '../OAuthConsent';
import { MailServer } from '../ServerDrawer';
import { ServerActivityChart } from '../ServerActivityChart';
import { HealthSummary } from '../ServerHealth';
import { ServerActions, ServerCardActionHandlers } from './ServerActions';
import { ServerNotices } from './ServerNotices';

/** Provider names as the product shows them. */
const PROVIDER_LABELS: Record<string, string> = {
  microsoft: 'Microsoft',
  google: 'Google',
  other: 'Other',
};

/** Properties of ServerCard. */
export interface ServerCardProps extends ServerCardActionHandlers {
  server: MailServer;
  direction: MailDirection;
  /** Shows the manage actions; without it the card has none. */
  canManage: boolean;
}

/** One mail server: its settings at a glance, its health and, for managers, its actions. */
export function ServerCard(props: ServerCardProps) {
  const { server, direction, canManage } = props;
  return (
    <Card variant="outlined" aria-label={server.name} component="article">
      <CardHeader
        title={server.name}
        titleTypographyProps={{ variant: 'h6', component: 'h3' }}
        subheader={server.email}
        action={
          server.primary && (
            <Chip
              size="small"
              color="primary"
              icon={<StarIcon />}
              label="Primary"
            />
          )
        }
      />
      <CardContent>
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          mb={1}
          style={{ gap: 8 }}
        >
          {/* The gap spaces the chips: no theme margins on top of it. */}
          <Chip
            size="small"
            variant="outlined"
            label={server.protocol.toUpperCase()}
            style={{ margin: 0 }}
          />
          <Chip
            size="small"
            variant="outlined"
            label={PROVIDER_LABELS[server.provider] ?? server.provider}
            style={{ margin: 0 }}
          />
          <Typography variant="body2" component="span">
            {server.enabled ? 'Enabled' : 'Disabled'}
          </Typography>
        </Box>
        <HealthSummary
          health={server.health}
          direction={direction}
          showTokenExpiry={!server.oauthConsent}
        />
        {direction === 'incoming' && (
          <ServerActivityChart
            serverId={server.id}
            lastSyncAt={server.health?.lastSyncAt}
          />
        )}
        <OAuthConsentFacts server={server} />
        <ServerNotices {...props} />
        <CardSignIn {...props} />
      </CardContent>
      {canManage && <ServerActions {...props} />}
    </Card>
  );
}
