import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakePopup,
  mockEmailsApi,
  oauthConsent,
  oauthServer,
  postOAuthReply,
  renderWithApis,
  responseError,
} from '../__testUtils__';
import { OAuthSignInButton } from './OAuthSignInButton';

const AUTHORIZATION_URL = 'https://login.example.com/authorize?state=s1';

async function renderButton(api = mockEmailsApi()) {
  const onOutcome = jest.fn();
  const before = oauthServer({
    oauthConsent: oauthConsent({ status: 'none' }),
  });
  await renderWithApis(
    <OAuthSignInButton
      direction="incoming"
      label="Sign in with Microsoft"
      prepare={async () => before}
      onOutcome={onOutcome}
    />,
    { api },
  );
  return { api, onOutcome };
}

const button = () =>
  screen.getByRole('button', { name: 'Sign in with Microsoft' });

describe('OAuthSignInButton', () => {
  afterEach(() => jest.restoreAllMocks());

  it('opens the popup in the click, sends it to the provider and reports the reply', async () => {
    const { popup, open } = fakePopup();
    const api = mockEmailsApi({ getIncomingServer: async () => oauthServer() });
    const { onOutcome } = await renderButton(api);
    await userEvent.click(button());
    expect(open).toHaveBeenCalledWith(
      '',
      'emails-oauth',
      'width=600,height=700',
    );
    expect(api.startOAuth).toHaveBeenCalledWith('incoming', 'in-1');
    await waitFor(() => expect(popup.location.href).toBe(AUTHORIZATION_URL));
    expect(button()).toBeDisabled();

    await postOAuthReply({ ok: true });
    await waitFor(() =>
      expect(onOutcome).toHaveBeenCalledWith(
        expect.objectContaining({
          ok: true,
          message: 'Signed in as support@contoso.com',
        }),
      ),
    );
    expect(api.getIncomingServer).toHaveBeenCalledWith('in-1');
    expect(button()).toBeEnabled();
  });

  it('ignores messages from other origins and re-reads the server once the popup is closed', async () => {
    const { popup } = fakePopup();
    const { api, onOutcome } = await renderButton();
    await userEvent.click(button());
    await waitFor(() => expect(popup.location.href).toBe(AUTHORIZATION_URL));
    await postOAuthReply({ ok: true }, 'https://evil.example');
    popup.closed = true;
    await waitFor(
      () =>
        expect(onOutcome).toHaveBeenCalledWith(
          expect.objectContaining({
            ok: false,
            message: 'The sign-in window was closed before sign-in finished.',
          }),
        ),
      { timeout: 3000 },
    );
    expect(api.getIncomingServer).toHaveBeenCalledWith('in-1');
  });

  it("passes on the callback's failure", async () => {
    const { popup } = fakePopup();
    const { onOutcome } = await renderButton();
    await userEvent.click(button());
    await waitFor(() => expect(popup.location.href).toBe(AUTHORIZATION_URL));
    await postOAuthReply({ ok: false, message: 'AADSTS50020: wrong tenant' });
    await waitFor(() =>
      expect(onOutcome).toHaveBeenCalledWith(
        expect.objectContaining({
          ok: false,
          message: 'AADSTS50020: wrong tenant',
        }),
      ),
    );
  });

  it('closes the popup and says why when the backend refuses to start', async () => {
    const { popup } = fakePopup();
    const api = mockEmailsApi({
      startOAuth: async () => {
        throw responseError(
          400,
          'Invalid OAuth start: oauth.grantType is client-credentials',
        );
      },
    });
    const { onOutcome } = await renderButton(api);
    await userEvent.click(button());
    await waitFor(() =>
      expect(onOutcome).toHaveBeenCalledWith({
        ok: false,
        message: 'Invalid OAuth start: oauth.grantType is client-credentials',
      }),
    );
    expect(popup.close).toHaveBeenCalled();
  });

  it('asks to allow pop-ups when the browser blocked the popup', async () => {
    jest.spyOn(window, 'open').mockReturnValue(null);
    const { api, onOutcome } = await renderButton();
    await userEvent.click(button());
    await waitFor(() =>
      expect(onOutcome).toHaveBeenCalledWith({
        ok: false,
        message:
          'The sign-in window was blocked: allow pop-ups for this site and try again.',
      }),
    );
    expect(api.startOAuth).not.toHaveBeenCalled();
  });
});
