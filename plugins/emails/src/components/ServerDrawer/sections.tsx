import { Box, Typography } from '@material-ui/core';
import { ReactNode } from 'react';
import {
  authTypeChoosable,
  effectiveAuthType,
  usesAppOnlyAccess,
} from './fieldRules';
import { DrawerForm } from './form';
import { SecretInput, SelectInput, SwitchInput, TextInput } from './inputs';
import { GrantTypeSwitch, RedirectUrlField } from './oauthInputs';
import {
  authTypeChoices,
  Choice,
  PROVIDER_CHOICES,
  protocolChoices,
  SECURITY_CHOICES,
} from './options';
import { SignInPanel } from './SignInPanel';

/** A titled group of fields. */
export function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box component="section" mt={2} aria-label={props.title}>
      <Typography variant="subtitle2" component="h3">
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

/** Name, Email, Aliases, Email Provider, Protocol and the sender fields. */
export function GeneralSection(props: { form: DrawerForm }) {
  const { form } = props;
  const { direction, provider } = form.draft;
  return (
    <Section title="General">
      <TextInput field="name" form={form} required />
      <TextInput field="email" form={form} type="email" required />
      <TextInput
        field="aliases"
        form={form}
        multiline
        helperText="Other addresses of this mailbox, comma or newline separated"
      />
      <SelectInput field="provider" form={form} choices={PROVIDER_CHOICES} />
      <SelectInput
        field="protocol"
        form={form}
        choices={protocolChoices(direction, provider)}
        helperText="The protocol must be enabled on the email account"
      />
      <TextInput field="senderName" form={form} />
      <TextInput field="replyTo" form={form} type="email" />
      <Box display="flex" flexWrap="wrap">
        <SwitchInput field="enabled" form={form} />
        <SwitchInput field="primary" form={form} />
      </Box>
    </Section>
  );
}

/** Server, Port, Security Type, EWS URL, Graph Endpoint and Proxy Server. */
export function ConnectionSection(props: {
  form: DrawerForm;
  proxies: Choice<string>[];
}) {
  const { form } = props;
  return (
    <Section title="Connection">
      <TextInput field="host" form={form} placeholder="imap.example.com" />
      <TextInput
        field="port"
        form={form}
        type="number"
        helperText="Filled in from Protocol and Security Type"
      />
      <SelectInput field="security" form={form} choices={SECURITY_CHOICES} />
      <TextInput
        field="ewsUrl"
        form={form}
        placeholder="https://<host>/EWS/Exchange.asmx"
      />
      <TextInput
        field="graphEndpoint"
        form={form}
        helperText="Change it only for a national cloud"
      />
      <SelectInput field="proxyId" form={form} choices={props.proxies} />
    </Section>
  );
}

/**
 * Authentication Needed, Email Auth Type, credentials, the OAuth fields and,
 * for EWS, impersonation.
 */
export function AuthSection(props: { form: DrawerForm }) {
  const { form } = props;
  const fixed = !authTypeChoosable(form.draft) && form.shown.has('username');
  if (!form.shown.has('authNeeded') && !form.shown.has('username')) {
    return null;
  }
  const ntlm = effectiveAuthType(form.draft) === 'ntlm';
  return (
    <Section title="Authentication">
      <SwitchInput field="authNeeded" form={form} />
      <SelectInput
        field="authType"
        form={form}
        choices={authTypeChoices(form.draft.protocol)}
      />
      {fixed && (
        <Typography variant="body2" color="textSecondary">
          {impliedAuthText(form)}
        </Typography>
      )}
      <TextInput
        field="username"
        form={form}
        placeholder={ntlm ? 'DOMAIN\\user' : undefined}
        helperText={ntlm ? 'The Windows account, as DOMAIN\\user' : undefined}
      />
      <SecretInput field="password" form={form} />
      <OAuthFields form={form} />
      <ImpersonationSwitch form={form} />
    </Section>
  );
}

/**
 * EWS only: whether the account acts as the mailbox through Exchange
 * impersonation or opens it with delegate rights; app-only access always
 * impersonates, so the switch is then on and fixed.
 */
function ImpersonationSwitch(props: { form: DrawerForm }) {
  const { form } = props;
  const appOnly = usesAppOnlyAccess(form.draft);
  return (
    <SwitchInput
      field="ewsImpersonation"
      form={form}
      checked={appOnly ? true : undefined}
      disabled={appOnly}
      helperText={
        appOnly
          ? 'App-only access always impersonates the mailbox (its Email address)'
          : 'On: the account acts as the mailbox (its Email address) through Exchange impersonation and needs the ApplicationImpersonation role. Off: it opens the mailbox with delegate (Full Access) rights'
      }
    />
  );
}

/** The OAuth client, its endpoints, the Redirect URL and the sign-in. */
function OAuthFields(props: { form: DrawerForm }) {
  const { form } = props;
  return (
    <>
      <TextInput field="oauth.clientId" form={form} />
      <SecretInput field="oauth.clientSecret" form={form} />
      <TextInput
        field="oauth.clientSecretExpiresAt"
        form={form}
        type="date"
        helperText="The server's card warns from 14 days before"
      />
      <TextInput
        field="oauth.tenantId"
        form={form}
        helperText="The directory (tenant) ID; blank signs in any work or school account (organizations)"
      />
      <GrantTypeSwitch form={form} />
      <TextInput field="oauth.authorizationUrl" form={form} />
      <TextInput field="oauth.tokenUrl" form={form} />
      <TextInput field="oauth.scope" form={form} />
      <RedirectUrlField form={form} />
      <SignInPanel form={form} />
    </>
  );
}

function impliedAuthText(form: DrawerForm) {
  const { provider, protocol } = form.draft;
  if (provider === 'microsoft') {
    return 'Email Auth Type: OAuth (Sign in with Microsoft)';
  }
  return protocol === 'graph'
    ? 'Email Auth Type: OAuth (Microsoft Graph)'
    : 'Email Auth Type: OAuth';
}
