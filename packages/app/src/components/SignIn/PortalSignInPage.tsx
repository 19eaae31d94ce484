import { SignInPage } from '@backstage/core-components';
import {
  configApiRef,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';
import { Box, Paper, Typography } from '@material-ui/core';
import { useEffect, useState } from 'react';

/**
 * Why the browser cannot reach the backend from this origin, or undefined
 * while it can (or has not been asked yet). A fetch that fails without an
 * HTTP answer is a network or CORS refusal: the backend is down, or it does
 * not accept requests from the origin the portal was opened at.
 */
export function useBackendReach(
  backendUrl: string,
  origin: string,
  fetcher: typeof fetch = fetch,
): string | undefined {
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    let live = true;
    fetcher(`${backendUrl}/api/emails/health`).then(
      () => undefined,
      () => {
        if (!live) return;
        setProblem(
          `The portal at ${origin} cannot reach its backend at ${backendUrl}: ` +
            `either the backend is not running, or it does not accept requests from ${origin} ` +
            `(backend.cors.origin). Sign-in needs the backend, so it fails until then.`,
        );
      },
    );
    return () => {
      live = false;
    };
  }, [backendUrl, origin, fetcher]);
  return problem;
}

/**
 * The guest sign-in page, with the cause named when the backend cannot be
 * reached from this origin: Backstage's own error then only says the guest
 * sign-in failed, which sends people looking at the guest settings.
 */
export function PortalSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  const problem = useBackendReach(
    config.getString('backend.baseUrl'),
    window.location.origin,
  );
  return (
    <>
      {problem && (
        <Box position="fixed" top={16} left={16} right={16} zIndex={1400}>
          <Paper role="alert" elevation={3}>
            <Box p={2}>
              <Typography color="error">{problem}</Typography>
            </Box>
          </Paper>
        </Box>
      )}
      <SignInPage {...props} providers={['guest']} />
    </>
  );
}
