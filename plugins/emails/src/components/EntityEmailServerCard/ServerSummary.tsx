import { MailDirection } from '@internal/plugin-emails-common';
import { Box, Grid, Typography } from '@material-ui/core';
import { CardSignIn, OAuthConsentFacts } from '../OAuthConsent';
import { MailServer } from '../ServerDrawer';
import { ServerActivityChart } from '../ServerActivityChart';
import { HealthSummary } from '../ServerHealth';

const SECURITY_LABELS: Record<string, string> = {
  none: 'None',
  ssl: 'SSL/TLS',
  starttls: 'STARTTLS (TLS)',
};

function Item(props: { label: string; value?: string }) {
  return (
    <Box mb={1}>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="body2">{props.value || '—'}</Typography>
    </Box>
  );
}

function hostPort(server: MailServer) {
  if (server.provider === 'microsoft' && !server.host) {
    return 'Microsoft (signed in)';
  }
  if (!server.host) return undefined;
  return server.port ? `${server.host}:${server.port}` : server.host;
}

/**
 * The settings of a mail server at a glance, with its health and OAuth
 * sign-in; managers may sign in again from here.
 */
export function ServerSummary(props: {
  server: MailServer;
  direction: MailDirection;
  canManage: boolean;
  onSignedIn(server: MailServer): void;
}) {
  const { server, direction } = props;
  const technicianGroup =
    'technicianGroup' in server ? server.technicianGroup : undefined;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={7}>
        <Item label="Name" value={server.name} />
        <Item label="Email" value={server.email} />
        <Item label="Protocol" value={server.protocol.toUpperCase()} />
        <Item label="Server" value={hostPort(server)} />
        <Item
          label="Security Type"
          value={server.security && SECURITY_LABELS[server.security]}
        />
        <Item label="Status" value={server.enabled ? 'Enabled' : 'Disabled'} />
        <Item label="Primary" value={server.primary ? 'Yes' : 'No'} />
        {direction === 'incoming' && (
          <Item label="Technician Group" value={technicianGroup} />
        )}
      </Grid>
      <Grid item xs={12} sm={5}>
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
        <CardSignIn {...props} />
      </Grid>
    </Grid>
  );
}
