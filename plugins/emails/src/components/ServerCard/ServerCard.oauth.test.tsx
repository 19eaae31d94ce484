import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakePopup,
  mockEmailsApi,
  oauthConsent,
  oauthServer,
  postOAuthReply,
  reachable,
  renderWithApis,
  serverCardHandlers as handlers,
} from '../__testUtils__';
import { formatTime } from '../common/formatting';
import { MailServer } from '../ServerDrawer';
import { ServerCard } from './ServerCard';

async function renderCard(
  server: MailServer,
  canManage: boolean,
  api = mockEmailsApi(),
) {
  const h = handlers();
  await renderWithApis(
    <ServerCard
      server={server}
      direction="incoming"
      canManage={canManage}
      {...h}
    />,
    { api },
  );
  return { card: screen.getByRole('article', { name: server.name }), h, api };
}

const day = (iso: string) => new Date(iso).toLocaleDateString();
const signInButton = (card: HTMLElement, name: string) =>
  within(card).queryByRole('button', { name });

describe('ServerCard OAuth sign-in', () => {
  afterEach(() => jest.restoreAllMocks());

  it('says who signed in to which account, when, and when the access token expires', async () => {
    const { card } = await renderCard(oauthServer(), true);
    const facts = within(card).getByRole('group', { name: 'OAuth sign-in' });
    expect(facts).toHaveTextContent(
      `Signed in as support@contoso.com by rita on ${day(
        '2024-05-01T09:00:00Z',
      )}`,
    );
    expect(facts).toHaveTextContent(
      `Access token expires: ${formatTime('2024-05-01T10:00:00Z')}`,
    );
    expect(card).not.toHaveTextContent('Token expires');
    expect(signInButton(card, 'Sign in again')).not.toBeInTheDocument();
    expect(card).not.toHaveTextContent('Client secret');
  });

  it('offers Sign in to managers while nobody has signed in', async () => {
    const server = oauthServer({
      oauthConsent: oauthConsent({
        status: 'none',
        account: undefined,
        accessTokenExpiresAt: undefined,
      }),
    });
    const { card } = await renderCard(server, true);
    expect(card).toHaveTextContent('Not signed in yet');
    expect(signInButton(card, 'Sign in')).toBeInTheDocument();
  });

  it('says why the sign-in expired and offers Sign in again', async () => {
    const server = oauthServer({
      oauthConsent: oauthConsent({
        status: 'expired',
        failure: 'The refresh token was revoked',
      }),
    });
    const { card } = await renderCard(server, true);
    expect(card).toHaveTextContent(
      'Sign-in expired: The refresh token was revoked',
    );
    expect(signInButton(card, 'Sign in again')).toBeInTheDocument();
  });

  it('offers Sign in again when the mailbox refuses the token', async () => {
    const health = { ...reachable, status: 'auth-expired' as const };
    const { card } = await renderCard(oauthServer({ health }), true);
    expect(signInButton(card, 'Sign in again')).toBeInTheDocument();
  });

  it('hides Sign in again from users who may not manage servers', async () => {
    const server = oauthServer({
      oauthConsent: oauthConsent({ status: 'expired' }),
    });
    const { card } = await renderCard(server, false);
    expect(card).toHaveTextContent('Sign-in expired');
    expect(within(card).queryByRole('button')).not.toBeInTheDocument();
  });

  it('warns that the client secret expires, with its date', async () => {
    const server = oauthServer({
      oauth: { clientId: 'app-1', clientSecretExpiresAt: '2999-06-30' },
      oauthConsent: oauthConsent({ clientSecretExpiresSoon: true }),
    });
    const { card } = await renderCard(server, false);
    expect(card).toHaveTextContent(
      `Client secret expires on ${new Date(2999, 5, 30).toLocaleDateString()}`,
    );
  });

  it('says when the client secret expired', async () => {
    const server = oauthServer({
      oauth: { clientId: 'app-1', clientSecretExpiresAt: '2020-01-31' },
      oauthConsent: oauthConsent({ clientSecretExpiresSoon: true }),
    });
    const { card } = await renderCard(server, false);
    expect(card).toHaveTextContent('Client secret expired on');
  });

  it('shows app-only access and offers no sign-in for it', async () => {
    const server = oauthServer({
      oauth: { clientId: 'app-1', grantType: 'client-credentials' },
      oauthConsent: oauthConsent({ status: 'none', account: undefined }),
    });
    const { card } = await renderCard(server, true);
    expect(card).toHaveTextContent('App-only access');
    expect(card).not.toHaveTextContent('Signed in as');
    expect(signInButton(card, 'Sign in')).not.toBeInTheDocument();
  });

  it('signs in again through the popup and hands over the server read afterwards', async () => {
    const { popup } = fakePopup();
    const server = oauthServer({
      oauthConsent: oauthConsent({ status: 'expired', consentedAt: undefined }),
    });
    const { card, h, api } = await renderCard(server, true);
    await userEvent.click(signInButton(card, 'Sign in again')!);
    await waitFor(() => expect(popup.location.href).not.toBe(''));
    expect(api.startOAuth).toHaveBeenCalledWith('incoming', 'in-1');
    await postOAuthReply({ ok: true });
    await waitFor(() =>
      expect(h.onSignedIn).toHaveBeenCalledWith(
        expect.objectContaining({ id: 'in-1' }),
      ),
    );
  });

  it('says why a sign-in from the card failed', async () => {
    const { popup } = fakePopup();
    const server = oauthServer({
      oauthConsent: oauthConsent({ status: 'expired' }),
    });
    const { card, h } = await renderCard(server, true);
    await userEvent.click(signInButton(card, 'Sign in again')!);
    await waitFor(() => expect(popup.location.href).not.toBe(''));
    await postOAuthReply({ ok: false, message: 'AADSTS65004: declined' });
    expect(
      await within(card).findByText('AADSTS65004: declined'),
    ).toBeInTheDocument();
    expect(h.onSignedIn).not.toHaveBeenCalled();
  });
});
