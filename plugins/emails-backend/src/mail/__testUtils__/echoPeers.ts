// Mail servers that repeat the credentials they were given in their
// refusals, as some do: the password, the pair, the base64 of AUTH PLAIN and
// LOGIN, the XOAUTH2 payload and its token. Tests prove none of it leaks.
import {
  ScriptedServer,
  ScriptedSession,
  startScriptedServer,
} from './scriptedServer';

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

/** What a SASL payload carries: PLAIN's user and password or XOAUTH2's user and token. */
function saslSecret(b64: string): { user: string; secret: string } {
  const text = decode(b64);
  if (text.startsWith('user=')) {
    const [user, auth = ''] = text.split('\x01');
    return { user: user.slice(5), secret: auth.replace(/^auth=Bearer /, '') };
  }
  const [, user = '', secret = ''] = text.split('\0');
  return { user, secret };
}

/** IMAP astrings of a command line: quoted strings unescaped, atoms as they are. */
function imapArgs(rest: string): string[] {
  const args: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = pattern.exec(rest); m; m = pattern.exec(rest)) {
    args.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]);
  }
  return args;
}

/** Options of {@link startImapEchoPeer}. */
export interface ImapEchoOptions {
  /** Sign-in mechanisms announced besides LOGIN, e.g. PLAIN or XOAUTH2. */
  mechanisms?: string[];
  /** Connections (counted from 1) whose sign-in is accepted; later ones are refused. */
  acceptedConnections?: number;
  /** Sent during IDLE, then the connection is closed (an untagged BYE). */
  byeDuringIdle?: (session: ScriptedSession) => string;
}

const MAILBOX = (tag: string) =>
  `* 0 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 1] ok\r\n${tag} OK [READ-WRITE] selected\r\n`;

function imapSignIn(
  tag: string,
  user: string,
  secret: string,
  echo: string,
  session: ScriptedSession,
  options: ImapEchoOptions,
): string {
  session.state.user = user;
  session.state.secret = secret;
  if (session.index <= (options.acceptedConnections ?? 0)) {
    return `${tag} OK signed in\r\n`;
  }
  const refusal = `Authentication failed: bad password ${secret} for ${user}`;
  return `${tag} NO [AUTHENTICATIONFAILED] ${`${refusal} ${echo}`.trim()}\r\n`;
}

/** An IMAP server enough for imapflow and Test Connection that echoes every credential it refuses. */
export function startImapEchoPeer(
  options: ImapEchoOptions = {},
): Promise<ScriptedServer> {
  const auth = (options.mechanisms ?? []).map(m => `AUTH=${m}`).join(' ');
  const capabilities = `IMAP4rev1 SASL-IR IDLE ${auth}`.trim();
  return startScriptedServer(`* OK echo ready\r\n`, (line, session) => {
    const pending = session.state.pending as string | undefined;
    if (pending) {
      session.state.pending = undefined;
      const { user, secret } = saslSecret(line);
      return imapSignIn(pending, user, secret, `(${line})`, session, options);
    }
    const [tag, verb = '', ...rest] = line.split(' ');
    switch (verb.toUpperCase()) {
      case 'CAPABILITY':
        return `* CAPABILITY ${capabilities}\r\n${tag} OK done\r\n`;
      case 'LOGIN': {
        const [user, secret] = imapArgs(rest.join(' '));
        return imapSignIn(tag, user, secret, '', session, options);
      }
      case 'AUTHENTICATE': {
        if (!rest[1]) {
          session.state.pending = tag;
          return '+ \r\n';
        }
        const { user, secret } = saslSecret(rest[1]);
        return imapSignIn(tag, user, secret, `(${rest[1]})`, session, options);
      }
      case 'LIST':
        return `* LIST (\\Noselect) "/" ""\r\n${tag} OK done\r\n`;
      case 'SELECT':
      case 'EXAMINE':
        return MAILBOX(tag);
      case 'IDLE':
        if (options.byeDuringIdle) {
          const bye = options.byeDuringIdle(session);
          setTimeout(() => session.socket.end(`* BYE ${bye}\r\n`), 50);
        }
        return '+ idling\r\n';
      case 'LOGOUT':
        return `* BYE bye\r\n${tag} OK done\r\n`;
      default:
        return `${tag} OK done\r\n`;
    }
  });
}

function smtpRefusal(user: string, secret: string, echo: string): string {
  return `535 5.7.8 ${user} ${secret} rejected ${echo}\r\n`;
}

/** An SMTP submission server that offers `mechanisms` and echoes every credential it refuses. */
export function startSmtpEchoPeer(
  mechanisms: string[] = ['PLAIN', 'LOGIN', 'XOAUTH2'],
): Promise<ScriptedServer> {
  return startScriptedServer('220 echo ESMTP\r\n', (line, { state }) => {
    if (state.step === 'plain') {
      state.step = undefined;
      const { user, secret } = saslSecret(line);
      return smtpRefusal(user, secret, line);
    }
    if (state.step === 'login-user') {
      state.step = 'login-pass';
      state.user = line;
      return '334 UGFzc3dvcmQ6\r\n';
    }
    if (state.step === 'login-pass') {
      state.step = undefined;
      const user = decode(state.user as string);
      return smtpRefusal(user, decode(line), `(${state.user} ${line})`);
    }
    const [verb = '', mechanism = '', payload] = line.split(' ');
    switch (verb.toUpperCase()) {
      case 'EHLO':
        return `250-echo\r\n250-AUTH ${mechanisms.join(
          ' ',
        )}\r\n250 8BITMIME\r\n`;
      case 'AUTH':
        if (mechanism.toUpperCase() === 'LOGIN') {
          state.step = 'login-user';
          return '334 VXNlcm5hbWU6\r\n';
        }
        if (!payload) {
          state.step = 'plain';
          return '334 \r\n';
        }
        return smtpRefusal(
          saslSecret(payload).user,
          saslSecret(payload).secret,
          payload,
        );
      case 'QUIT':
        return '221 bye\r\n';
      default:
        return '250 ok\r\n';
    }
  });
}

/** A POP3 server that echoes USER/PASS and XOAUTH2 credentials when it refuses them. */
export function startPop3EchoPeer(): Promise<ScriptedServer> {
  return startScriptedServer('+OK echo ready\r\n', (line, { state }) => {
    const [verb = '', ...rest] = line.split(' ');
    switch (verb.toUpperCase()) {
      case 'CAPA':
        return '+OK\r\nUSER\r\nSASL PLAIN XOAUTH2\r\n.\r\n';
      case 'USER':
        state.user = rest.join(' ');
        return '+OK send PASS\r\n';
      case 'PASS':
        return `-ERR [AUTH] ${state.user} ${rest.join(' ')} rejected\r\n`;
      case 'AUTH': {
        const { user, secret } = saslSecret(rest[1] ?? '');
        return `-ERR [AUTH] ${user} ${secret} rejected (${rest[1]})\r\n`;
      }
      case 'QUIT':
        return '+OK bye\r\n';
      default:
        return '-ERR unknown command\r\n';
    }
  });
}
