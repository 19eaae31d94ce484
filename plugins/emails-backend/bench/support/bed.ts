import { startTestBed, TestBed, TestUser } from '@internal/emails-test-bed';
import { BenchImap } from './replica';

/** Test bed users for the bench: `name@localhost`, password derived from the name. */
export function benchUsers(names: string[]): TestUser[] {
  return names.map(name => ({
    user: `${name}@localhost`,
    password: `${name}-password`,
  }));
}

/** Starts the test bed (Dovecot on loopback) with these users; its IMAPS endpoint too. */
export async function startBenchBed(
  users: TestUser[],
): Promise<{ bed: TestBed; imap: BenchImap }> {
  const bed = await startTestBed({ users });
  const imap: BenchImap = {
    host: bed.host,
    port: bed.ports.imaps,
    caPem: bed.caPem,
    passwords: Object.fromEntries(users.map(u => [u.user, u.password])),
  };
  return { bed, imap };
}

/** Delivers `count` messages over LMTP, `parallel` connections at a time. */
export async function fillMailbox(
  bed: TestBed,
  user: string,
  count: number,
  make: (seq: number, to: string) => Buffer,
  parallel = 12,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const seq = next++;
      await bed.deliver(user, make(seq, user));
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
}
