// The OAuth sign-in journey, at 1400 x 900 and again at 1024 x 768: an admin
// signs a mailbox in from the drawer, Test Connection passes over XOAUTH2,
// a revoked consent shows Sign in again on the card and signing in again
// restores the mailbox. After every page: no console errors and no table
// cell narrower than a word.
import { signInAsGuest } from './__testUtils__/browser';
import { BedPortal, startBedPortal } from './__testUtils__/bedPortal';
import { journeySession, VIEWPORTS } from './__testUtils__/journeySession';
import {
  fillOAuthImapServer,
  signInThroughPopup,
} from './__testUtils__/oauthSteps';
import {
  waitForEveryStagePassed,
  waitForStage,
} from './__testUtils__/serverSteps';

const STATIC_TOKEN = 'e2e-oauth-token-2a9c44';

jest.setTimeout(300_000);

let setup: BedPortal;

beforeAll(async () => {
  setup = await startBedPortal({ token: STATIC_TOKEN });
});

afterAll(async () => {
  await setup?.stop();
});

describe.each(VIEWPORTS)('at $width x $height', viewport => {
  const { width } = viewport;
  const name = `OAuth IMAP ${width}`;
  const session = journeySession(() => setup.browser, viewport, 'oauth');
  const { steps, check, field } = session;
  const card = () => session.page.getByRole('article', { name });

  // The next width starts from a page without this mailbox, whose card
  // would answer its questions ("Signed in as", "consent was revoked").
  afterAll(async () => {
    const servers = await setup.asScript('/servers/incoming');
    const mine = servers.find((s: any) => s.name === name);
    if (mine)
      await setup.asScript(`/servers/incoming/${mine.id}`, undefined, 'DELETE');
  });

  test(
    'an admin signs in with OAuth from the drawer and Test Connection passes over XOAUTH2',
    steps('sign-in', async () => {
      const { page } = session;
      const { bed, portal } = setup;
      // Short-lived tokens: each connection after the sign-in refreshes first.
      bed.oauthServer.setAccessTokenLifetime(2);
      bed.oauthServer.setAuthorizedUser('alice@localhost');
      await signInAsGuest(page, portal.appUrl);
      await page.goto(`${portal.appUrl}/emails`);
      await page
        .getByRole('button', { name: /Add Incoming Email Server/ })
        .waitFor();
      await check('Incoming Email Servers');
      await page
        .getByRole('button', { name: /Add Incoming Email Server/ })
        .click();
      await fillOAuthImapServer(page, bed, { name, email: 'alice@localhost' });
      expect(await field('Redirect URL').inputValue()).toBe(
        `${portal.backendUrl}/api/emails/oauth/callback`,
      );
      await check('the drawer of an OAuth mailbox');
      // Saves the new server first, then the popup consents and closes.
      await signInThroughPopup(page, 'Authorize');
      await page.getByText('Signed in as alice@localhost').first().waitFor();
      await check('the drawer after the sign-in');
      await page.getByRole('button', { name: 'Close' }).click();

      await card()
        .getByRole('group', { name: 'OAuth sign-in' })
        .getByText(/Signed in as alice@localhost/)
        .waitFor();
      await card().getByRole('button', { name: 'Test Connection' }).click();
      await waitForEveryStagePassed(page);
      await check('Test Connection over XOAUTH2');
      await page.getByRole('button', { name: 'Close' }).click();
    }),
  );

  test(
    'a revoked consent shows Sign in again on the card, and signing in again restores the mailbox',
    steps('sign-in-again', async () => {
      const { page } = session;
      setup.bed.oauthServer.revokeConsent();
      await new Promise(r => setTimeout(r, 2_500));
      await card().getByRole('button', { name: 'Test Connection' }).click();
      await waitForStage(page, 'auth', 'failed');
      await page
        .getByText(/consent was revoked/)
        .first()
        .waitFor();
      await check('Test Connection after the consent was revoked');
      await page.getByRole('button', { name: 'Close' }).click();
      await page.reload();
      const signInAgain = card().getByRole('button', { name: 'Sign in again' });
      await signInAgain.waitFor();
      await check('the card asking to sign in again');

      const opened = page.waitForEvent('popup', { timeout: 30_000 });
      await signInAgain.click();
      await (await opened).waitForEvent('close', { timeout: 60_000 });
      await card()
        .getByRole('group', { name: 'OAuth sign-in' })
        .getByText(/Signed in as alice@localhost/)
        .waitFor();
      expect(await signInAgain.count()).toBe(0);
      await check('the card signed in again');
    }),
  );
});
