import { SecretRedactor } from './SecretRedactor';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const USER = 'support@example.com';
const PASSWORD = 'hunter22-Secret';

describe('SecretRedactor', () => {
  const redactor = new SecretRedactor([PASSWORD], USER);

  const ODD = 'pa"ss\\word/ 9';
  it.each([
    ['the password', PASSWORD, PASSWORD],
    ['the username:password pair', PASSWORD, `${USER}:${PASSWORD}`],
    ['AUTH PLAIN', PASSWORD, b64(`\0${USER}\0${PASSWORD}`)],
    [
      'AUTH PLAIN with an authorization id',
      PASSWORD,
      b64(`${USER}\0${USER}\0${PASSWORD}`),
    ],
    ['AUTH LOGIN', PASSWORD, b64(PASSWORD)],
    ['HTTP Basic', PASSWORD, b64(`${USER}:${PASSWORD}`)],
    ['a JSON string', ODD, JSON.stringify(ODD).slice(1, -1)],
    ['a URL', ODD, encodeURIComponent(ODD)],
  ])('masks %s', (_what, password, form) => {
    const r = new SecretRedactor([password], USER);
    expect(r.redact(`535 5.7.8 refused: ${form} (try again)`)).toBe(
      '535 5.7.8 refused: *** (try again)',
    );
  });

  it('masks the password inside base64 of any text that carries it', () => {
    // OAUTHBEARER with another user, a proxy's Basic header: other alignments.
    for (const prefix of ['n,a=x,', 'ab', 'abc', 'other:']) {
      const encoded = b64(`${prefix}${PASSWORD}\x01\x01`);
      const masked = redactor.redact(`NO ${encoded}`);
      expect(masked).toContain('***');
      expect(decodeAll(masked)).not.toContain(PASSWORD.slice(2, -2));
    }
  });

  it('masks an access token and the XOAUTH2 payload it travels in', () => {
    const token = 'ya29.a0AfH6SMBx-token-value_42';
    const oauth = new SecretRedactor([], USER).learn(token);
    const payload = b64(`user=${USER}\x01auth=Bearer ${token}\x01\x01`);
    expect(oauth.redact(`Bearer ${token} / ${payload}`)).toBe(
      'Bearer *** / ***',
    );
  });

  it('masks the longest form first, so no part of it is left', () => {
    expect(redactor.redact(`${USER}:${PASSWORD}!`)).toBe('***!');
  });

  it('masks a short password only where it stands as a token', () => {
    for (const short of ['a', 'ab', 'Auth']) {
      const r = new SecretRedactor([short], 'rita');
      expect(r.redact('Authentication failed: a bad answer')).toBe(
        short === 'a'
          ? 'Authentication failed: *** bad answer'
          : 'Authentication failed: a bad answer',
      );
      expect(r.redact(`NO bad password ${short} for rita`)).toBe(
        'NO bad password *** for rita',
      );
      expect(r.redact(`"${short}"`)).toBe('"***"');
    }
  });

  it('masks before it cuts a reply line', () => {
    const long = 'L'.repeat(90) + 'x'.repeat(110);
    const r = new SecretRedactor([long], USER);
    const shown = r.line(
      `NO [AUTHENTICATIONFAILED] bad password ${long} for ${USER}`,
    );
    expect(shown).toBe(
      `NO [AUTHENTICATIONFAILED] bad password *** for ${USER}`,
    );
    expect(r.line(`x${'y'.repeat(200)}`)).toHaveLength(161);
  });

  it('masks every text an error carries, in place', () => {
    const cause = new Error(`socket said ${PASSWORD}`);
    const error = Object.assign(
      new Error(`Invalid login: ${PASSWORD}`, { cause }),
      {
        response: `535 ${b64(`\0${USER}\0${PASSWORD}`)}`,
        details: { lines: [`PASS ${PASSWORD}`], count: 3 },
        raw: Buffer.from(PASSWORD),
      },
    );
    expect(redactor.error(error)).toBe(error);
    expect(error.message).toBe('Invalid login: ***');
    expect(error.stack).not.toContain(PASSWORD);
    expect(error.response).toBe('535 ***');
    expect(error.details).toEqual({ lines: ['PASS ***'], count: 3 });
    expect(cause.message).toBe('socket said ***');
    // Bytes are data, not text: left alone.
    expect(error.raw.toString()).toBe(PASSWORD);
    expect(redactor.error(`thrown ${PASSWORD}`)).toBe('thrown ***');
  });

  it('survives errors it cannot change', () => {
    const frozen = Object.freeze(
      Object.assign(new Error('x'), { f: PASSWORD }),
    );
    expect(() => redactor.error(frozen)).not.toThrow();
    const loop: Record<string, unknown> = { text: PASSWORD };
    loop.self = loop;
    expect(
      redactor.error(Object.assign(new Error('y'), { loop })).loop,
    ).toEqual(expect.objectContaining({ text: '***' }));
  });

  it('knows the secrets of a stored server and those it learns later', () => {
    const r = SecretRedactor.forServer(
      { email: 'box@example.com', settings: { username: 'box' } },
      { password: 'pw-of-the-box', clientSecret: 'client-secret-77' },
      ['proxy-password-1'],
    );
    expect(
      r.redact('box:pw-of-the-box client-secret-77 proxy-password-1 token-9'),
    ).toBe('*** *** *** token-9');
    r.learn('token-9');
    expect(r.redact('token-9')).toBe('***');
    for (let i = 0; i < 20; i++) r.learn(`later-token-${i}`);
    expect(r.redact('token-9 later-token-19')).toBe('token-9 ***');
  });

  it('leaves text alone without secrets, and never masks the mask', () => {
    expect(SecretRedactor.forAuth({ type: 'none' }).redact('as is')).toBe(
      'as is',
    );
    expect(new SecretRedactor(['*', '', undefined]).redact('a * b')).toBe(
      'a * b',
    );
  });
});

/** Every base64 run of a text, decoded, to look for a secret inside. */
function decodeAll(text: string): string {
  return (text.match(/[A-Za-z0-9+/=]{4,}/g) ?? [])
    .map(run => Buffer.from(run, 'base64').toString('latin1'))
    .join(' ');
}
