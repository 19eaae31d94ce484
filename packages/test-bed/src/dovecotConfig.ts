import { LOOPBACK } from './ports';
import { RefusableProtocol, renderRefusalPassdb } from './refusals';

/** Listener ports of the throwaway Dovecot. */
export interface DovecotPorts {
  imap: number;
  imaps: number;
  pop3: number;
  pop3s: number;
  submission: number;
  lmtp: number;
}

/** Where the throwaway Dovecot keeps its files. */
export interface DovecotPaths {
  configPath: string;
  baseDir: string;
  logPath: string;
  mailRoot: string;
  passwdPath: string;
  /** `<prefix><service>.passwd` lists the users whose logins that service refuses. */
  refusedPasswdPrefix: string;
  oauthConfigPath: string;
  certPath: string;
  keyPath: string;
}

/** System accounts Dovecot runs its services and mail processes as. */
export interface DovecotAccounts {
  internalUser: string;
  internalGroup: string;
  loginUser: string;
  mailUid: number;
  mailGid: number;
}

/** Everything needed to render a dovecot.conf. */
export interface DovecotConfigInput {
  instanceName: string;
  paths: DovecotPaths;
  ports: DovecotPorts;
  accounts: DovecotAccounts;
  relay: { host: string; port: number };
  introspectionUrl: string;
  authDebug: boolean;
  /** Needed only for users with `refusedProtocols`. */
  users?: readonly TestUser[];
}

/** A mailbox login and its password. */
export interface TestUser {
  user: string;
  password: string;
  /**
   * Services that check this user's password and then refuse the login with
   * the given reason, like a mailbox with IMAP or POP3 switched off
   * (e.g. `{ imap: 'IMAP access is disabled for this account' }`).
   * OAuth logins are not affected.
   */
  refusedProtocols?: Partial<Record<RefusableProtocol, string>>;
}

function assertConfigSafe(value: string, what: string): void {
  // Dovecot's config syntax has no escaping we could rely on for these.
  if (!/^[\w@.+\-/:]+$/.test(value)) {
    throw new Error(
      `test-bed: unsupported characters in ${what}: ${JSON.stringify(value)}`,
    );
  }
}

/** Renders the passwd-file shared by the passwd-file passdb and userdb. */
export function renderPasswdFile(users: readonly TestUser[]): string {
  return users
    .map(({ user, password }) => {
      assertConfigSafe(user, 'user name');
      if (/[:\r\n]/.test(password)) {
        throw new Error(
          `test-bed: password of ${user} must not contain ':' or newlines`,
        );
      }
      return `${user}:{PLAIN}${password}::::::\n`;
    })
    .join('');
}

/** Renders the args file of the oauth2 passdb (token introspection). */
export function renderOAuth2Config(
  introspectionUrl: string,
  debug: boolean,
  caCertPath?: string,
): string {
  if (caCertPath) assertConfigSafe(caCertPath, 'CA certificate path');
  return [
    'introspection_mode = post',
    `introspection_url = ${introspectionUrl}`,
    // The OAuth server speaks HTTPS with a certificate of the test CA,
    // which is in no system trust store.
    ...(caCertPath ? [`tls_ca_cert_file = ${caCertPath}`] : []),
    // Without this Dovecot may trust a token's own claims instead of asking.
    'force_introspection = yes',
    'username_attribute = username',
    'active_attribute = active',
    'active_value = true',
    'timeout_msecs = 10000',
    `debug = ${debug ? 'yes' : 'no'}`,
    '',
  ].join('\n');
}

function listener(name: string, port: number, ssl = false): string {
  return [
    `  inet_listener ${name} {`,
    `    address = ${LOOPBACK}`,
    `    port = ${port}`,
    ...(ssl ? ['    ssl = yes'] : []),
    '  }',
  ].join('\n');
}

function service(name: string, body: string[]): string {
  return [`service ${name} {`, ...body, '}'].join('\n');
}

function serviceSection(ports: DovecotPorts): string {
  // chroot is cleared because it only works as root, and the test bed must
  // behave the same for root and non-root users.
  return [
    // A login process per TLS session holds it for its lifetime: the default
    // of 100 would refuse the bench's 200 mailboxes in IDLE.
    service('imap-login', [
      '  chroot =',
      '  process_limit = 512',
      listener('imap', ports.imap),
      listener('imaps', ports.imaps, true),
    ]),
    service('pop3-login', [
      '  chroot =',
      listener('pop3', ports.pop3),
      listener('pop3s', ports.pop3s, true),
    ]),
    service('submission-login', [
      '  chroot =',
      listener('submission', ports.submission),
    ]),
    service('imap', ['  process_limit = 512']),
    service('lmtp', [listener('lmtp', ports.lmtp)]),
    // Without this, every failed login slows the next ones from 127.0.0.1
    // by up to 15 s, and tests that check refusals would time out.
    service('anvil', [
      '  chroot =',
      '  unix_listener anvil-auth-penalty {',
      '    mode = 0',
      '  }',
    ]),
  ].join('\n');
}

function authSection(paths: DovecotPaths, users: readonly TestUser[]): string {
  return `${renderRefusalPassdb(users, paths.refusedPasswdPrefix)}
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = ${paths.oauthConfigPath}
}
passdb {
  driver = passwd-file
  # Keeps bearer tokens from ever being compared with passwords.
  mechanisms = plain login
  args = scheme=PLAIN username_format=%Lu ${paths.passwdPath}
}
userdb {
  driver = passwd-file
  args = username_format=%Lu ${paths.passwdPath}
  default_fields = home=${paths.mailRoot}/%Lu
}`;
}

const MAILBOXES = `
namespace inbox {
  inbox = yes
  mailbox Drafts {
    auto = subscribe
    special_use = \\Drafts
  }
  mailbox Sent {
    auto = subscribe
    special_use = \\Sent
  }
  mailbox Junk {
    auto = subscribe
    special_use = \\Junk
  }
  mailbox Trash {
    auto = subscribe
    special_use = \\Trash
  }
}
protocol imap {
  mail_max_userip_connections = 200
}
protocol pop3 {
  mail_max_userip_connections = 200
}`;

function globalSection(input: DovecotConfigInput): string {
  const { paths, accounts } = input;
  return `
instance_name = ${input.instanceName}
base_dir = ${paths.baseDir}
log_path = ${paths.logPath}
listen = ${LOOPBACK}
protocols = imap pop3 submission lmtp
hostname = localhost
ssl = yes
ssl_cert = <${paths.certPath}
ssl_key = <${paths.keyPath}
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2 oauthbearer
auth_failure_delay = 0
auth_verbose = yes
auth_debug = ${input.authDebug ? 'yes' : 'no'}
default_internal_user = ${accounts.internalUser}
default_internal_group = ${accounts.internalGroup}
default_login_user = ${accounts.loginUser}
mail_uid = ${accounts.mailUid}
mail_gid = ${accounts.mailGid}
first_valid_uid = ${accounts.mailUid}
last_valid_uid = 0
first_valid_gid = ${accounts.mailGid}
last_valid_gid = 0
mail_location = maildir:~/Maildir
submission_relay_host = ${input.relay.host}
submission_relay_port = ${input.relay.port}
submission_relay_ssl = no
submission_relay_connect_timeout = 10 secs`;
}

/** Renders a complete dovecot.conf that reads no file outside the test bed. */
export function renderDovecotConfig(input: DovecotConfigInput): string {
  const { paths, accounts } = input;
  for (const [what, value] of Object.entries(paths))
    assertConfigSafe(value, what);
  for (const name of [
    accounts.internalUser,
    accounts.internalGroup,
    accounts.loginUser,
  ]) {
    assertConfigSafe(name, 'account name');
  }
  assertConfigSafe(input.instanceName, 'instance name');
  return [
    '# Generated by @internal/emails-test-bed; deleted when the test bed stops.',
    globalSection(input),
    authSection(paths, input.users ?? []),
    MAILBOXES,
    serviceSection(input.ports),
    '',
  ].join('\n');
}
