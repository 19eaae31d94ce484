import {
  IncomingServer,
  MailDirection,
  OAuthConsent,
} from '@internal/plugin-emails-common';
import { act } from '@testing-library/react';
import { incomingServer } from './fixtures';
import { TEST_BACKEND_ORIGIN } from './render';

/** A consent an admin gave on 1 May 2024, with a working access token. */
export function oauthConsent(
  overrides: Partial<OAuthConsent> = {},
): OAuthConsent {
  return {
    status: 'active',
    account: 'support@contoso.com',
    consentedBy: 'user:default/rita',
    consentedAt: '2024-05-01T09:00:00Z',
    accessTokenExpiresAt: '2024-05-01T10:00:00Z',
    clientSecretExpiresSoon: false,
    ...overrides,
  };
}

/** A Microsoft Graph incoming server that signs in with OAuth. */
export function oauthServer(
  overrides: Partial<IncomingServer> = {},
): IncomingServer {
  return incomingServer({
    provider: 'microsoft',
    protocol: 'graph',
    host: undefined,
    port: undefined,
    security: undefined,
    authType: 'oauth',
    username: 'support@contoso.com',
    passwordSet: false,
    clientSecretSet: true,
    graphEndpoint: 'https://graph.microsoft.com',
    oauth: {
      clientId: 'app-1',
      tenantId: 'contoso',
      authorizationUrl:
        'https://login.microsoftonline.com/contoso/oauth2/v2.0/authorize',
      tokenUrl: 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token',
      scope: 'Mail.ReadWrite offline_access',
      redirectUrl: 'https://backstage.example.com/api/emails/oauth/callback',
      grantType: 'authorization-code',
    },
    oauthConsent: oauthConsent(),
    ...overrides,
  });
}

/** The popup window.open hands out in a test, as far as the sign-in uses it. */
export interface FakePopup {
  closed: boolean;
  location: { href: string };
  close: jest.Mock;
}

/** Makes window.open return a fake popup; restore the spy after the test. */
export function fakePopup() {
  const popup: FakePopup = {
    closed: false,
    location: { href: '' },
    close: jest.fn(() => {
      popup.closed = true;
    }),
  };
  const open = jest
    .spyOn(window, 'open')
    .mockImplementation(() => popup as unknown as Window);
  return { popup, open };
}

/** What the backend's callback page posts to the app, from the backend's origin. */
export async function postOAuthReply(
  reply: {
    ok: boolean;
    serverKind?: MailDirection;
    serverId?: string;
    message?: string;
  },
  origin = TEST_BACKEND_ORIGIN,
) {
  const data = {
    type: 'emails-oauth',
    serverKind: 'incoming',
    serverId: 'in-1',
    ...reply,
  };
  await act(async () => {
    window.dispatchEvent(new MessageEvent('message', { origin, data }));
  });
}
