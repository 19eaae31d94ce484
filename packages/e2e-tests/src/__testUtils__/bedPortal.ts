// The setup most browser files share: a Dovecot test bed, the local portal
// trusting the bed's CA and taking a static token from scripts, and Chromium
// trusting the bed's HTTPS authorization server.
import { startTestBed } from '@internal/emails-test-bed';
import type { TestBed, TestUser } from '@internal/emails-test-bed';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import {
  ScriptAnswer,
  ScriptCall,
  scriptCaller,
  ScriptRequest,
  scriptRequester,
} from './journeyApi';
import { spkiHash } from './oauthSteps';
import { Portal, startPortal } from './portal';

/** A test bed, the portal and a browser, with the static token's callers. */
export interface BedPortal {
  bed: TestBed;
  portal: Portal;
  browser: Browser;
  /** The API with the static token, throwing on an error status. */
  asScript: ScriptCall;
  /** The API with the static token, answering any status. */
  request(path: string, request?: ScriptRequest): Promise<ScriptAnswer>;
  stop(): Promise<void>;
}

/**
 * Starts the bed (with `users` when given), then the portal with `env` on
 * top of the bed's CA and the static token, then the browser.
 */
export async function startBedPortal(options: {
  token: string;
  env?: Record<string, string>;
  users?: TestUser[];
}): Promise<BedPortal> {
  const bed = await startTestBed({ users: options.users });
  let portal: Portal | undefined;
  try {
    portal = await startPortal({
      env: {
        // The backend trusts the test bed's CA, as an organisation would
        // trust its internal CA (emails.tls.trustedCertificates).
        APP_CONFIG_emails_tls_trustedCertificates: JSON.stringify([bed.caPem]),
        // Scripts call the API with this static token (README).
        BACKEND_STATIC_TOKEN: options.token,
        ...options.env,
      },
    });
    // Chromium trusts the bed's HTTPS authorization server by its key only.
    const browser = await launchBrowser({
      trustedSpki: [spkiHash(bed.certificates.certPem)],
    });
    const started = portal;
    return {
      bed,
      portal,
      browser,
      asScript: scriptCaller(portal.backendUrl, options.token),
      request: scriptRequester(portal.backendUrl, options.token),
      stop: async () => {
        await browser.close();
        await started.stop();
        await bed.stop();
      },
    };
  } catch (error) {
    await portal?.stop();
    await bed.stop();
    throw error;
  }
}
