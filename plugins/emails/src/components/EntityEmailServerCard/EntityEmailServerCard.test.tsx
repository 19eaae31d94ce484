import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  emailsServerManagePermission,
  emailsServerReadPermission,
} from '@internal/plugin-emails-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakePopup,
  incomingServer,
  mockEmailsApi,
  oauthConsent,
  oauthServer,
  outgoingServer,
  postOAuthReply,
  renderWithApis,
} from '../__testUtils__';
import { EntityEmailServerCard } from './EntityEmailServerCard';
import { isEmailServerEntity } from './isEmailServerEntity';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'mail-it-support', annotations },
    spec: { type: 'email-server', owner: 'group:default/it-support' },
  };
}

describe('EntityEmailServerCard', () => {
  it('shows the incoming server the annotations name, with its health', async () => {
    const api = mockEmailsApi({
      getIncomingServer: async () =>
        incomingServer({
          health: {
            status: 'unreachable',
            inboundQueue: 2,
            consecutiveFailures: 3,
            lastError: 'Authentication failed',
          },
        }),
    });
    await renderWithApis(
      <EntityProvider
        entity={entity({
          'emails.backstage.io/server-id': 'in-1',
          'emails.backstage.io/direction': 'incoming',
        })}
      >
        <EntityEmailServerCard />
      </EntityProvider>,
      { api },
    );
    expect(await screen.findByText('IT Support')).toBeInTheDocument();
    expect(api.getIncomingServer).toHaveBeenCalledWith('in-1');
    expect(screen.getByText('Incoming Email Server')).toBeInTheDocument();
    expect(screen.getByText('imap.example.com:993')).toBeInTheDocument();
    expect(screen.getByText('SSL/TLS')).toBeInTheDocument();
    expect(screen.getByText('group:default/it-support')).toBeInTheDocument();
    expect(screen.getByText('Enabled')).toBeInTheDocument();
    expect(screen.getByText('Yes')).toBeInTheDocument();
    expect(screen.getByTestId('health-status')).toHaveTextContent(
      'Unreachable',
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Authentication failed',
    );
  });

  it('reads an outgoing server when the direction says so', async () => {
    const api = mockEmailsApi({
      getOutgoingServer: async () => outgoingServer(),
    });
    await renderWithApis(
      <EntityProvider
        entity={entity({
          'emails.backstage.io/server-id': 'out-1',
          'emails.backstage.io/direction': 'outgoing',
        })}
      >
        <EntityEmailServerCard />
      </EntityProvider>,
      { api },
    );
    expect(await screen.findByText('Relay')).toBeInTheDocument();
    expect(api.getOutgoingServer).toHaveBeenCalledWith('out-1');
    expect(screen.getByText('STARTTLS (TLS)')).toBeInTheDocument();
    expect(screen.queryByText('Technician Group')).not.toBeInTheDocument();
  });

  describe('with OAuth', () => {
    afterEach(() => jest.restoreAllMocks());
    const expired = oauthServer({
      oauthConsent: oauthConsent({
        status: 'expired',
        failure: 'The refresh token was revoked',
      }),
    });
    const renderOAuthCard = (
      api: ReturnType<typeof mockEmailsApi>,
      allow: string[],
    ) =>
      renderWithApis(
        <EntityProvider
          entity={entity({ 'emails.backstage.io/server-id': 'in-1' })}
        >
          <EntityEmailServerCard />
        </EntityProvider>,
        { api, allow },
      );

    it('says the sign-in expired, and signs in again for managers', async () => {
      const { popup } = fakePopup();
      const api = mockEmailsApi({ getIncomingServer: async () => expired });
      await renderOAuthCard(api, [
        emailsServerReadPermission.name,
        emailsServerManagePermission.name,
      ]);
      expect(
        await screen.findByText(
          'Sign-in expired: The refresh token was revoked',
        ),
      ).toBeInTheDocument();
      api.getIncomingServer.mockResolvedValue(oauthServer());
      await userEvent.click(
        screen.getByRole('button', { name: 'Sign in again' }),
      );
      await waitFor(() => expect(popup.location.href).not.toBe(''));
      await postOAuthReply({ ok: true });
      expect(
        await screen.findByText(/^Signed in as support@contoso.com by rita/),
      ).toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: 'Sign in again' }),
      ).not.toBeInTheDocument();
    });

    it('hides Sign in again from users who may not manage servers', async () => {
      const api = mockEmailsApi({ getIncomingServer: async () => expired });
      await renderOAuthCard(api, [emailsServerReadPermission.name]);
      expect(await screen.findByText(/^Sign-in expired/)).toBeInTheDocument();
      expect(screen.queryByRole('button')).not.toBeInTheDocument();
    });
  });

  it('shows others what the entity says, without settings, health or an error', async () => {
    const api = mockEmailsApi();
    await renderWithApis(
      <EntityProvider
        entity={{
          ...entity({
            'emails.backstage.io/server-id': 'in-1',
            'emails.backstage.io/protocol': 'imap',
          }),
          metadata: {
            name: 'incoming-in-1',
            title: 'IT Support',
            annotations: {
              'emails.backstage.io/server-id': 'in-1',
              'emails.backstage.io/protocol': 'imap',
            },
          },
        }}
      >
        <EntityEmailServerCard />
      </EntityProvider>,
      { api, allow: [] },
    );
    expect(await screen.findByText('IT Support')).toBeInTheDocument();
    expect(screen.getByText('IMAP')).toBeInTheDocument();
    expect(
      screen.getByText(/shown to the emails administrators/),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('health-status')).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(api.getIncomingServer).not.toHaveBeenCalled();
  });

  it('names the missing annotation', async () => {
    await renderWithApis(
      <EntityProvider entity={entity({})}>
        <EntityEmailServerCard />
      </EntityProvider>,
      { api: mockEmailsApi() },
    );
    expect(
      (await screen.findAllByText(/emails.backstage.io\/server-id/)).length,
    ).toBeGreaterThan(0);
  });
});

describe('isEmailServerEntity', () => {
  it('accepts Resources of type email-server only', () => {
    expect(isEmailServerEntity(entity({}))).toBe(true);
    expect(
      isEmailServerEntity({ ...entity({}), spec: { type: 'database' } }),
    ).toBe(false);
    expect(isEmailServerEntity({ ...entity({}), kind: 'Component' })).toBe(
      false,
    );
  });
});
