import { MailProtocol, MailSecurity } from '../types';

/** Why a Test Connection stage failed; each kind has one message and one hint. */
export type FailureKind =
  | 'dns-failed'
  | 'port-refused'
  | 'port-filtered'
  | 'network-unreachable'
  | 'no-answer'
  | 'ssl-on-plain-port'
  | 'tls-expected'
  | 'starttls-unsupported'
  | 'certificate-untrusted'
  | 'certificate-hostname'
  | 'certificate-expired'
  | 'tls-failed'
  | 'wrong-protocol'
  | 'service-refused'
  | 'auth-required'
  | 'auth-unsupported'
  | 'bad-credentials'
  | 'oauth-rejected'
  | 'protocol-disabled'
  | 'mailbox-unavailable'
  | 'sender-refused'
  | 'recipient-refused'
  | 'send-failed'
  | 'connection-lost'
  | 'timeout'
  | 'unexpected-reply';

/** What a hint may mention about the configuration tested. */
export interface HintContext {
  protocol: MailProtocol;
  security: MailSecurity;
  port: number;
}

interface FailureText {
  summary: (c: HintContext) => string;
  hint: (c: HintContext) => string;
}

const NAMES: Record<MailProtocol, string> = {
  imap: 'IMAP',
  pop3: 'POP3',
  smtp: 'SMTP',
};

/** The usual ports: the one that starts in plain text, and the SSL one. */
const USUAL_PORTS: Record<MailProtocol, { plain: number; ssl: number }> = {
  imap: { plain: 143, ssl: 993 },
  pop3: { plain: 110, ssl: 995 },
  smtp: { plain: 587, ssl: 465 },
};

const name = (c: HintContext) => NAMES[c.protocol];
const ports = (c: HintContext) =>
  `${name(c)} uses ${USUAL_PORTS[c.protocol].plain} for None/STARTTLS and ${
    USUAL_PORTS[c.protocol].ssl
  } for SSL`;
const fixed = (text: string) => () => text;

/*
 * One row per failure. The groups follow the troubleshooting table of the
 * Test Connection docs: reachability, port, security handshake,
 * credentials, protocol availability; then what the protocol stage checks.
 */
const TABLE: Record<FailureKind, FailureText> = {
  // Server hostname or IP reachability
  'dns-failed': {
    summary: fixed('The server name could not be resolved'),
    hint: fixed(
      'Check the Server field for typos (e.g. imap.gmail.com, outlook.office365.com). If the name is right, check the DNS settings of the Backstage backend or select the Proxy Server your network requires.',
    ),
  },
  'network-unreachable': {
    summary: fixed("The server's network cannot be reached"),
    hint: fixed(
      'There is no route to this address: check the server address, then the network and firewall settings, or select a Proxy Server.',
    ),
  },
  // Port accessibility
  'port-refused': {
    summary: c => `Nothing accepts connections on port ${c.port}`,
    hint: c =>
      `Check the port number (${ports(
        c,
      )}) and that the mail server is running.`,
  },
  'port-filtered': {
    summary: c => `No answer to the connection attempt on port ${c.port}`,
    hint: c =>
      `A firewall is probably dropping connections to this port: check the port number (${ports(
        c,
      )}), ask your network administrator to allow outgoing connections to the server, or select a Proxy Server.`,
  },
  'no-answer': {
    summary: fixed('The server accepted the connection but never answered'),
    hint: c =>
      `The port is open but nothing on it speaks ${name(
        c,
      )}: check the port number (${ports(
        c,
      )}). A firewall or proxy that intercepts connections can also cause this.`,
  },
  // Security type handshake
  'ssl-on-plain-port': {
    summary: fixed('This port does not speak SSL/TLS from the first byte'),
    hint: c =>
      `This port speaks plain text: choose STARTTLS or None as the Security Type, or keep SSL and use the SSL port ${
        USUAL_PORTS[c.protocol].ssl
      }.`,
  },
  'tls-expected': {
    summary: fixed('This port expects SSL/TLS from the first byte'),
    hint: c =>
      `Choose SSL as the Security Type, or keep ${
        c.security === 'starttls' ? 'STARTTLS' : 'None'
      } and use port ${USUAL_PORTS[c.protocol].plain}.`,
  },
  'starttls-unsupported': {
    summary: fixed('The server does not offer STARTTLS'),
    hint: c =>
      `Choose SSL with port ${
        USUAL_PORTS[c.protocol].ssl
      }, or ask the mail administrator to enable STARTTLS. Choose None only on a network you trust: the password then travels unencrypted.`,
  },
  'certificate-untrusted': {
    summary: fixed("The server's certificate is not trusted"),
    hint: fixed(
      'The certificate is self-signed or issued by a private CA: add the issuing CA certificate to emails.tls.trustedCertificates in app-config, or have the mail server use a certificate from a public CA.',
    ),
  },
  'certificate-hostname': {
    summary: fixed("The server's certificate does not match the server name"),
    hint: fixed(
      'Correct the Server field to a name the certificate lists (see the message), or have the mail server use a certificate for this name.',
    ),
  },
  'certificate-expired': {
    summary: fixed("The server's certificate has expired or is not valid yet"),
    hint: fixed(
      'Ask the mail administrator to renew the certificate, and check that the clock of the Backstage backend is right.',
    ),
  },
  'tls-failed': {
    summary: fixed('The SSL/TLS handshake failed'),
    hint: c =>
      `Check the Security Type and the port (${ports(
        c,
      )}). The server may also require a TLS version or cipher that is not supported here.`,
  },
  // Protocol availability
  'wrong-protocol': {
    summary: c => `The server on this port does not speak ${name(c)}`,
    hint: c =>
      `Check the port number (${ports(c)}) and that ${name(
        c,
      )} is enabled on the mail server and the account.`,
  },
  'protocol-disabled': {
    summary: c => `${name(c)} access is disabled for this account`,
    hint: c =>
      `${
        c.protocol === 'smtp'
          ? "Enable authenticated SMTP (SMTP AUTH) for the mailbox (Microsoft 365: the mailbox's Email apps, or the tenant setting)"
          : `Enable ${name(
              c,
            )} on the email account (Gmail: Settings > Forwarding and POP/IMAP; Microsoft 365: the mailbox's Email apps)`
      }, then test again. If it is enabled, check that the port belongs to ${name(
        c,
      )}.`,
  },
  'service-refused': {
    summary: fixed('The server refused the session'),
    hint: fixed(
      'The server turned the connection away, e.g. too many connections or a blocked address: try again later or ask the mail administrator.',
    ),
  },
  // Authentication credentials
  'auth-required': {
    summary: fixed('The server requires a sign-in'),
    hint: c =>
      c.protocol === 'smtp'
        ? 'This outgoing server only accepts mail after authentication: turn on Authentication and enter the credentials.'
        : `${name(
            c,
          )} mailboxes always need credentials: choose Basic Auth or OAuth as the Email Auth Type.`,
  },
  'auth-unsupported': {
    summary: fixed('The server does not accept this sign-in method'),
    hint: fixed(
      'Choose the other Email Auth Type. Many servers accept a password only over an encrypted connection: choose SSL or STARTTLS.',
    ),
  },
  'bad-credentials': {
    summary: fixed('The username or password was not accepted'),
    hint: fixed(
      'Check the username (usually the full email address) and the password. Accounts with two-step verification (Gmail, Yahoo, Zoho) need an App Password, which stops working when it is revoked. Microsoft 365 does not accept Basic Auth: use OAuth.',
    ),
  },
  'oauth-rejected': {
    summary: fixed('The OAuth access token was not accepted'),
    hint: fixed(
      'The token has expired or was revoked, or lacks the scope for this protocol: re-authorize the account (sign in again), and check the Scope and that admin consent was granted.',
    ),
  },
  // What the protocol stage checks
  'mailbox-unavailable': {
    summary: fixed('Signed in, but the mailbox could not be opened'),
    hint: fixed(
      'Check that the account has an INBOX it may read, and that no other client holds the mailbox locked; then try again.',
    ),
  },
  'sender-refused': {
    summary: fixed('The server refused the sender address'),
    hint: fixed(
      'The sender must be the signed-in account or an address it may send as: check the Email field of the server.',
    ),
  },
  'recipient-refused': {
    summary: fixed('The server refused the recipient'),
    hint: fixed(
      'Check the recipient address. A server that refuses to relay needs authentication, or allows only some recipients.',
    ),
  },
  'send-failed': {
    summary: fixed('The server did not accept the test message'),
    hint: fixed(
      "Check the server's sending limits (size, rate, content filters) and its logs for the reason.",
    ),
  },
  // Anywhere
  'connection-lost': {
    summary: fixed('The server closed the connection unexpectedly'),
    hint: c =>
      `Check the Security Type and the port (${ports(
        c,
      )}). The server may also limit connections per account: try again.`,
  },
  timeout: {
    summary: fixed('The test ran out of time'),
    hint: fixed(
      'The server answers too slowly or the network stalls: try again, and check the firewall or proxy between the Backstage backend and the mail server.',
    ),
  },
  'unexpected-reply': {
    summary: fixed('The server sent an answer the test did not understand'),
    hint: c =>
      `Check that the port belongs to ${name(c)} (${ports(
        c,
      )}); the message shows what the server said.`,
  },
};

/** The message summary of a failure kind. */
export function failureSummary(kind: FailureKind, c: HintContext): string {
  return TABLE[kind].summary(c);
}

/** The hint shown with a failure kind: what to check or change. */
export function failureHint(kind: FailureKind, c: HintContext): string {
  return TABLE[kind].hint(c);
}

/** The protocol's name as users know it. */
export function protocolName(protocol: MailProtocol): string {
  return NAMES[protocol];
}
