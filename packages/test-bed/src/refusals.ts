import { promises as fs } from 'node:fs';
import type { TestUser } from './dovecotConfig';

/** Dovecot services whose password logins a test user can have refused. */
export type RefusableProtocol = 'imap' | 'pop3' | 'submission';

/** Every service a refusal passwd-file is written for. */
export const REFUSABLE_PROTOCOLS: readonly RefusableProtocol[] = [
  'imap',
  'pop3',
  'submission',
];

interface Refusal {
  user: string;
  password: string;
  protocol: RefusableProtocol;
  reason: string;
  envName: string;
}

function listRefusals(users: readonly TestUser[]): Refusal[] {
  const refusals: Refusal[] = [];
  for (const { user, password, refusedProtocols = {} } of users) {
    for (const [protocol, reason] of Object.entries(refusedProtocols)) {
      if (!REFUSABLE_PROTOCOLS.includes(protocol as RefusableProtocol)) {
        throw new Error(`test-bed: cannot refuse protocol ${protocol}`);
      }
      if (!reason || /[\r\n\0]/.test(reason)) {
        throw new Error(
          `test-bed: refusal reason of ${user} for ${protocol} must be one non-empty line`,
        );
      }
      refusals.push({
        user,
        password,
        protocol: protocol as RefusableProtocol,
        reason,
        envName: `EMAILS_TEST_BED_REFUSAL_${refusals.length}`,
      });
    }
  }
  return refusals;
}

/** Whether any test user has a protocol refused (the extra passdb is only configured then). */
export function hasRefusals(users: readonly TestUser[]): boolean {
  return listRefusals(users).length > 0;
}

/**
 * Environment variables holding the refusal reasons. passwd-file splits
 * extra fields at spaces, so a reason with spaces reaches Dovecot as
 * `reason=%{env:NAME}` instead.
 */
export function refusalEnvironment(
  users: readonly TestUser[],
): Record<string, string> {
  return Object.fromEntries(
    listRefusals(users).map(r => [r.envName, r.reason]),
  );
}

/**
 * Renders the passwd-file of one service: users listed there log in with
 * their password checked, and are then refused with the reason (`nologin`).
 */
export function renderRefusedPasswdFile(
  users: readonly TestUser[],
  protocol: RefusableProtocol,
): string {
  return listRefusals(users)
    .filter(r => r.protocol === protocol)
    .map(
      r =>
        `${r.user}:{PLAIN}${r.password}::::::nologin=y reason=%{env:${r.envName}}\n`,
    )
    .join('');
}

/**
 * The passdb that goes before the others: a user it does not list, or a
 * wrong password, falls through to the regular passdbs as before.
 */
export function renderRefusalPassdb(
  users: readonly TestUser[],
  refusedPasswdPrefix: string,
): string {
  if (!hasRefusals(users)) return '';
  const names = Object.keys(refusalEnvironment(users)).join(' ');
  return `
import_environment = $import_environment ${names}
passdb {
  driver = passwd-file
  # OAuth logins are never refused: only the password mechanisms look here.
  mechanisms = plain login
  args = scheme=PLAIN username_format=%Lu ${refusedPasswdPrefix}%s.passwd
}`;
}

/** Writes one refusal passwd-file per service when any user has a refusal. */
export async function writeRefusalFiles(
  users: readonly TestUser[],
  refusedPasswdPrefix: string,
): Promise<void> {
  if (!hasRefusals(users)) return;
  for (const protocol of REFUSABLE_PROTOCOLS) {
    // Every service needs its file, even an empty one: a missing file is an
    // internal error for every login of that service.
    await fs.writeFile(
      `${refusedPasswdPrefix}${protocol}.passwd`,
      renderRefusedPasswdFile(users, protocol),
      { mode: 0o644 },
    );
  }
}
