import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakePopup,
  mockEmailsApi,
  oauthConsent,
  oauthServer,
  postOAuthReply,
  renderWithApis,
} from '../__testUtils__';
import { MailServer } from './draft';
import { ServerDrawer } from './ServerDrawer';

async function renderDrawer(
  options: { server?: MailServer; api?: ReturnType<typeof mockEmailsApi> } = {},
) {
  const api = options.api ?? mockEmailsApi();
  const onSaved = jest.fn();
  await renderWithApis(
    <ServerDrawer
      direction="incoming"
      server={options.server}
      onClose={jest.fn()}
      onSaved={onSaved}
    />,
    { api },
  );
  return { api, onSaved };
}

const field = (label: string | RegExp) => screen.queryByLabelText(label);
const select = (label: string, value: string) =>
  userEvent.selectOptions(screen.getByLabelText(label), value);
const button = (name: string) => screen.queryByRole('button', { name });
const APP_ONLY = 'App-only access (client credentials)';
const CALLBACK = 'https://backstage.example.com/api/emails/oauth/callback';

/** A new Microsoft Graph mailbox, filled in as far as a save needs. */
async function fillNewGraphServer() {
  await select('Email Provider', 'microsoft');
  await select('Protocol', 'graph');
  await userEvent.type(field(/^Name\W*$/)!, 'Support');
  await userEvent.type(field(/^Email\W*$/)!, 'support@contoso.com');
  await userEvent.type(field('OAuth Client ID')!, 'app-1');
  await userEvent.type(field('Client Secret')!, 's3cret');
}

describe('ServerDrawer OAuth', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['Sign in with Microsoft', 'microsoft', undefined],
    ['Sign in with Google', 'google', 'oauth'],
    ['Authorize', 'other', 'oauth'],
  ])('offers "%s" for provider %s', async (name, provider, auth) => {
    await renderDrawer();
    expect(button(name)).not.toBeInTheDocument();
    await select('Email Provider', provider);
    if (auth) await select('Email Auth Type', auth);
    expect(button(name)).toBeInTheDocument();
  });

  it('offers app-only access for Microsoft Graph only, and then no sign-in', async () => {
    const { api } = await renderDrawer({ server: oauthServer() });
    await userEvent.click(screen.getByRole('checkbox', { name: APP_ONLY }));
    expect(button('Sign in with Microsoft')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.updateIncomingServer).toHaveBeenCalled());
    expect(api.updateIncomingServer.mock.calls[0][1].oauth).toMatchObject({
      grantType: 'client-credentials',
    });
    await select('Protocol', 'imap');
    expect(field(APP_ONLY)).not.toBeInTheDocument();
    expect(button('Sign in with Microsoft')).toBeInTheDocument();
  });

  it('shows impersonation on and fixed for app-only access to EWS, and sends it', async () => {
    const IMPERSONATION = 'Use impersonation (ApplicationImpersonation role)';
    const server = oauthServer({
      protocol: 'ews',
      graphEndpoint: undefined,
      ewsUrl: 'https://outlook.office365.com/EWS/Exchange.asmx',
    });
    const { api } = await renderDrawer({ server });
    const impersonation = () =>
      screen.getByRole('checkbox', { name: IMPERSONATION });
    expect(impersonation()).not.toBeChecked();
    expect(impersonation()).toBeEnabled();
    await userEvent.click(screen.getByRole('checkbox', { name: APP_ONLY }));
    expect(impersonation()).toBeChecked();
    expect(impersonation()).toBeDisabled();
    expect(impersonation()).toHaveAccessibleDescription(
      'App-only access always impersonates the mailbox (its Email address)',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.updateIncomingServer).toHaveBeenCalled());
    expect(api.updateIncomingServer.mock.calls[0][1]).toMatchObject({
      protocol: 'ews',
      authType: 'oauth',
      ewsImpersonation: true,
      oauth: { grantType: 'client-credentials' },
    });
    await select('Protocol', 'graph');
    expect(field(IMPERSONATION)).not.toBeInTheDocument();
  });

  it('saves when the client secret expires, and never the Redirect URL', async () => {
    const { api } = await renderDrawer({ server: oauthServer() });
    await userEvent.type(field('Client secret expires')!, '2027-06-30');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.updateIncomingServer).toHaveBeenCalled());
    const oauth = api.updateIncomingServer.mock.calls[0][1].oauth;
    expect(oauth).toMatchObject({
      clientSecretExpiresAt: '2027-06-30',
      grantType: 'authorization-code',
    });
    expect(oauth).not.toHaveProperty('redirectUrl');
  });

  it("shows a new server the backend's Redirect URL, read-only, and copies it", async () => {
    const writeText = jest.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText },
      configurable: true,
    });
    const { api } = await renderDrawer();
    await select('Email Provider', 'microsoft');
    const redirect = field('Redirect URL')!;
    await waitFor(() => expect(redirect).toHaveValue(CALLBACK));
    expect(redirect).toHaveAttribute('readonly');
    expect(api.getOAuthRedirectUrl).toHaveBeenCalled();
    await userEvent.click(
      screen.getByRole('button', { name: 'Copy Redirect URL' }),
    );
    expect(writeText).toHaveBeenCalledWith(CALLBACK);
    expect(
      await screen.findByText('Copied to the clipboard'),
    ).toBeInTheDocument();
  });

  it("shows an existing server's own Redirect URL without asking the backend", async () => {
    const server = oauthServer({
      oauth: { clientId: 'app-1', redirectUrl: 'https://other.example/cb' },
    });
    const { api } = await renderDrawer({ server });
    await waitFor(() =>
      expect(field('Redirect URL')).toHaveValue('https://other.example/cb'),
    );
    expect(api.getOAuthRedirectUrl).not.toHaveBeenCalled();
  });

  it('shows who consented to an existing server', async () => {
    await renderDrawer({ server: oauthServer() });
    expect(
      screen.getByRole('group', { name: 'OAuth sign-in' }),
    ).toHaveTextContent('Signed in as support@contoso.com by rita');
  });

  it('saves a new server first, signs it in through the popup and keeps the drawer open', async () => {
    const { popup, open } = fakePopup();
    const api = mockEmailsApi({ getIncomingServer: async () => oauthServer() });
    const { onSaved } = await renderDrawer({ api });
    await fillNewGraphServer();
    await userEvent.click(button('Sign in with Microsoft')!);
    expect(open).toHaveBeenCalledWith(
      '',
      'emails-oauth',
      'width=600,height=700',
    );
    await waitFor(() =>
      expect(api.startOAuth).toHaveBeenCalledWith('incoming', 'in-1'),
    );
    expect(api.createIncomingServer).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Support', protocol: 'graph' }),
    );
    await waitFor(() =>
      expect(popup.location.href).toBe(
        'https://login.example.com/authorize?state=s1',
      ),
    );
    await postOAuthReply({ ok: true });
    expect(
      await screen.findByText('Signed in as support@contoso.com'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Edit Incoming Email Server' }),
    ).toBeInTheDocument();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('signs an unchanged server in without saving, a changed one after saving', async () => {
    const { popup } = fakePopup();
    const server = oauthServer({
      oauthConsent: oauthConsent({ status: 'none' }),
    });
    const api = mockEmailsApi({ getIncomingServer: async () => server });
    await renderDrawer({ server, api });
    await userEvent.click(button('Sign in with Microsoft')!);
    await waitFor(() => expect(popup.location.href).not.toBe(''));
    expect(api.startOAuth).toHaveBeenCalledTimes(1);
    expect(api.updateIncomingServer).not.toHaveBeenCalled();
    await postOAuthReply({ ok: false, message: 'AADSTS65004: declined' });
    expect(
      await screen.findByText('AADSTS65004: declined'),
    ).toBeInTheDocument();

    popup.location.href = '';
    await userEvent.type(field('Scope')!, ' Mail.Send');
    await userEvent.click(button('Sign in with Microsoft')!);
    await waitFor(() => expect(api.startOAuth).toHaveBeenCalledTimes(2));
    expect(api.updateIncomingServer).toHaveBeenCalledTimes(1);
  });

  it('closes the popup and shows the field errors when the server cannot be saved', async () => {
    const { popup } = fakePopup();
    const { api } = await renderDrawer();
    await select('Email Provider', 'microsoft');
    await userEvent.click(button('Sign in with Microsoft')!);
    const form = screen.getByRole('form', { name: 'Incoming Email Server' });
    expect(
      await within(form).findByText('Name is required'),
    ).toBeInTheDocument();
    expect(popup.close).toHaveBeenCalled();
    expect(api.startOAuth).not.toHaveBeenCalled();
  });
});
