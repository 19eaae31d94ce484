import {
  DEFAULT_TEST_USERS,
  LineSocket,
  pop3Command,
  startTestBed,
  TestBed,
} from './index';

jest.setTimeout(60_000);

const BLOCKED = 'blocked@localhost';
const IMAP_REASON = 'IMAP access is disabled for this account';
const POP3_REASON = 'POP3 access is disabled for this account';
let bed: TestBed;

beforeAll(async () => {
  bed = await startTestBed({
    users: [
      ...DEFAULT_TEST_USERS,
      {
        user: BLOCKED,
        password: 'blocked-password',
        refusedProtocols: { imap: IMAP_REASON, pop3: POP3_REASON },
      },
    ],
  });
}, 120_000);

afterAll(async () => {
  await bed?.stop();
});

async function imapLoginReply(user: string, password: string) {
  const socket = await LineSocket.connect({
    host: bed.host,
    port: bed.ports.imap,
  });
  try {
    await socket.readLine();
    socket.write(`a1 LOGIN "${user}" "${password}"\r\n`);
    let line = await socket.readLine();
    while (!line.startsWith('a1 ')) line = await socket.readLine();
    return line;
  } finally {
    socket.close();
  }
}

describe('refusedProtocols', () => {
  it('refuses the IMAP login of a blocked user with the reason', async () => {
    expect(await imapLoginReply(BLOCKED, 'blocked-password')).toMatch(
      new RegExp(`^a1 NO .*${IMAP_REASON}$`),
    );
  });

  it('still reports a wrong password of a blocked user as such', async () => {
    expect(await imapLoginReply(BLOCKED, 'wrong')).toMatch(
      /^a1 NO \[AUTHENTICATIONFAILED\]/,
    );
  });

  it('refuses the POP3 login of a blocked user with the reason', async () => {
    const [user, pass] = await pop3Command(
      { host: bed.host, port: bed.ports.pop3 },
      [`USER ${BLOCKED}`, 'PASS blocked-password'],
    );
    expect(user.ok).toBe(true);
    expect(pass.status).toContain(POP3_REASON);
  });

  it('leaves other users alone', async () => {
    const support = DEFAULT_TEST_USERS[0];
    expect(await imapLoginReply(support.user, support.password)).toMatch(
      /^a1 OK/,
    );
  });
});
