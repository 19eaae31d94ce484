import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DovecotAccounts, DovecotPaths } from './dovecotConfig';

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 10_000 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout.trim()),
    );
  });
}

async function idOf(
  name: string,
): Promise<{ uid: number; gid: number; group: string }> {
  const [uid, gid, group] = await Promise.all([
    run('id', ['-u', name]),
    run('id', ['-g', name]),
    run('id', ['-gn', name]),
  ]);
  return { uid: Number(uid), gid: Number(gid), group };
}

/**
 * Root runs services as the Debian `dovecot`/`dovenull` users and stores mail
 * as `nobody`, because Dovecot refuses mail access as uid 0. Anyone else runs
 * everything as themselves (Dovecot's rootless mode).
 */
export async function resolveAccounts(): Promise<DovecotAccounts> {
  if (process.getuid?.() !== 0) {
    const me = os.userInfo();
    const group = await run('id', ['-gn']);
    return {
      internalUser: me.username,
      internalGroup: group,
      loginUser: me.username,
      mailUid: me.uid,
      mailGid: me.gid,
    };
  }
  const [internal, mail] = await Promise.all([idOf('dovecot'), idOf('nobody')]);
  await idOf('dovenull');
  return {
    internalUser: 'dovecot',
    internalGroup: internal.group,
    loginUser: 'dovenull',
    mailUid: mail.uid,
    mailGid: mail.gid,
  };
}

function findBinary(name: string): string | undefined {
  const dirs = [
    ...(process.env.PATH ?? '').split(':'),
    '/usr/sbin',
    '/usr/local/sbin',
    '/sbin',
  ];
  return dirs
    .filter(Boolean)
    .map(d => path.join(d, name))
    .find(p => existsSync(p));
}

/** Path of the dovecot binary; throws naming the Debian packages when missing. */
export function findDovecot(): string {
  const found = findBinary('dovecot');
  if (!found) {
    throw new Error(
      'test-bed: dovecot not found; install the Debian packages dovecot-imapd dovecot-pop3d dovecot-submissiond dovecot-lmtpd',
    );
  }
  return found;
}

/**
 * A root Dovecot records every instance in /var/lib/dovecot/instances; drop
 * ours so repeated test runs do not grow that system file. Synchronous so
 * that it also works in a process 'exit' handler.
 */
export function forgetInstance(paths: DovecotPaths): void {
  const doveadm = findBinary('doveadm');
  if (process.getuid?.() !== 0 || !doveadm) return;
  // /dev/null: the list lives in a compiled-in path, and our config file
  // may already be deleted when this runs at process exit.
  const args = ['-c', '/dev/null', 'instance', 'remove', paths.baseDir];
  try {
    execFileSync(doveadm, args, { timeout: 5_000, stdio: 'ignore' });
  } catch {
    // Not fatal: the entry only names a directory that no longer exists.
  }
}
