import { timingSafeEqual } from 'node:crypto';
import { safeEqual, ThreadTokens } from './tokens';

// Wraps the real comparison so the test can see that MACs go through it.
jest.mock('node:crypto', () => {
  const actual = jest.requireActual('node:crypto');
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

const key = Buffer.alloc(32, 1);
const otherKey = Buffer.alloc(32, 2);
const fields = { ticketId: '42', entryId: '17' };

/** RFC 5322 msg-id with a dot-atom left side and a dot-atom domain. */
const MSG_ID =
  /^<[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*>$/;

function tokenOf(messageId: string): string {
  return messageId.slice(1, messageId.indexOf('@'));
}

describe('ThreadTokens', () => {
  const tokens = new ThreadTokens(key);

  it('round-trips the ticket and conversation entry through a Message-ID', () => {
    const id = tokens.messageId({ ...fields, domain: 'support.example.com' });
    expect(id).toMatch(
      /^<t\.42\.17\.[a-z2-7]{16}\.[a-z2-7]{24}@support\.example\.com>$/,
    );
    expect(tokens.verify(id)).toEqual([fields]);
  });

  it('makes RFC 5322 msg-ids: no spaces, exactly one @, unique per send', () => {
    const ids = [1, 2, 3].map(() =>
      tokens.messageId({
        ticketId: 'INC-0001_a',
        entryId: 'e9',
        domain: 'mail.example.org.',
      }),
    );
    for (const id of ids) {
      expect(id).toMatch(MSG_ID);
      expect(id).not.toMatch(/\s/);
      expect(id.split('@')).toHaveLength(2);
    }
    expect(new Set(ids).size).toBe(3);
  });

  it('refuses ids and domains that would break the header', () => {
    const bad = [
      { ticketId: '4.2', entryId: '1' },
      { ticketId: '42', entryId: 'a b' },
      { ticketId: '', entryId: '1' },
      { ticketId: '42>\r\nBcc: x@evil.test', entryId: '1' },
      { ticketId: 'x'.repeat(65), entryId: '1' },
    ];
    for (const f of bad) {
      expect(() => tokens.messageId({ ...f, domain: 'example.com' })).toThrow(
        /thread token/,
      );
    }
    for (const domain of [
      'exa mple.com',
      'a@b',
      'example.com>',
      '-x.com',
      '',
    ]) {
      expect(() => tokens.messageId({ ...fields, domain })).toThrow(
        /Not a domain/,
      );
    }
  });

  it('rejects a token with any field changed', () => {
    const token = tokenOf(
      tokens.messageId({ ...fields, domain: 'example.com' }),
    );
    const [t, ticketId, entryId, nonce, mac] = token.split('.');
    const flip = (s: string) => (s[0] === 'a' ? 'b' : 'a') + s.slice(1);
    const tampered = [
      [t, '43', entryId, nonce, mac],
      [t, ticketId, '18', nonce, mac],
      [t, ticketId, entryId, flip(nonce), mac],
      [t, ticketId, entryId, nonce, flip(mac)],
      [
        t,
        ticketId,
        entryId,
        nonce,
        `${mac.slice(0, -1)}${mac.endsWith('a') ? 'b' : 'a'}`,
      ],
    ];
    for (const parts of tampered) {
      expect(tokens.verify(`<${parts.join('.')}@example.com>`)).toEqual([]);
    }
  });

  it('rejects tokens signed with a key it does not hold', () => {
    const foreign = new ThreadTokens(otherKey).messageId({
      ...fields,
      domain: 'example.com',
    });
    expect(tokens.verify(foreign)).toEqual([]);
  });

  it('keeps verifying tokens of an older key after rotation', () => {
    const old = new ThreadTokens(otherKey).messageId({
      ...fields,
      domain: 'example.com',
    });
    const rotated = new ThreadTokens(key, [otherKey]);
    expect(rotated.verify(old)).toEqual([fields]);
    // New tokens are signed with the new key only.
    const fresh = rotated.messageId({ ...fields, domain: 'example.com' });
    expect(new ThreadTokens(otherKey).verify(fresh)).toEqual([]);
    expect(new ThreadTokens(key).verify(fresh)).toEqual([fields]);
  });

  it('refuses short keys', () => {
    expect(() => new ThreadTokens(Buffer.alloc(16))).toThrow(/32 bytes/);
    expect(() => new ThreadTokens(key, [Buffer.alloc(8)])).toThrow(/32 bytes/);
  });

  it('compares MACs in constant time, for every key', () => {
    const compare = jest.mocked(timingSafeEqual);
    compare.mockClear();
    const rotated = new ThreadTokens(key, [otherKey]);
    // Matches the first key, yet the second is checked too: timing does not reveal which key.
    expect(
      rotated.verify(tokens.messageId({ ...fields, domain: 'example.com' })),
    ).toEqual([fields]);
    expect(compare).toHaveBeenCalledTimes(2);
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });

  it('still verifies a token whose nonce and MAC were upper-cased by a mail system', () => {
    const id = tokens.messageId({ ...fields, domain: 'example.com' });
    const [t, ticketId, entryId, nonce, mac] = tokenOf(id).split('.');
    const shouted = [
      t,
      ticketId,
      entryId,
      nonce.toUpperCase(),
      mac.toUpperCase(),
    ].join('.');
    expect(tokens.verify(`<${shouted}@EXAMPLE.COM>`)).toEqual([fields]);
  });

  it('finds every valid token in a text once and ignores look-alikes', () => {
    const a = tokens.messageId({ ...fields, domain: 'example.com' });
    const b = tokens.bodyMarker({ ticketId: '7', entryId: '1' }).text;
    const again = tokens.messageId({ ...fields, domain: 'example.com' });
    const text = `${a} junk t.1.2.${'a'.repeat(16)}.${'b'.repeat(
      24,
    )} ${b} ${again}`;
    expect(tokens.verify(text)).toEqual([
      fields,
      { ticketId: '7', entryId: '1' },
    ]);
    expect(tokens.verify(undefined)).toEqual([]);
  });

  it('stops checking after a bounded number of look-alikes', () => {
    const fake = `t.1.2.${'a'.repeat(16)}.${'b'.repeat(24)} `.repeat(1000);
    const real = tokens.messageId({ ...fields, domain: 'example.com' });
    expect(tokens.verify(fake + real)).toEqual([]);
    expect(tokens.verify(real + fake)).toEqual([fields]);
  });

  describe('bodyMarker', () => {
    it('is a short bracketed line for text and a hidden element for HTML', () => {
      const marker = tokens.bodyMarker(fields);
      expect(marker.text).toMatch(
        /^\[ref:t\.42\.17\.[a-z2-7]{16}\.[a-z2-7]{24}\]$/,
      );
      expect(marker.text.length).toBeLessThan(70);
      expect(marker.html).toMatch(
        /^<div style="display:none[^"]*mso-hide:all[^"]*" aria-hidden="true">\[ref:t\.42\.17\./,
      );
      expect(tokens.verify(marker.html)).toEqual([fields]);
    });

    it('survives being quoted by a reply', () => {
      const marker = tokens.bodyMarker(fields);
      const reply = `Thanks!\n\nOn Mon, Support wrote:\n> Your answer\n>\n> ${marker.text}\n`;
      expect(tokens.verify(reply)).toEqual([fields]);
      const html = `<p>Thanks!</p><blockquote><p>Your answer</p>${marker.html}</blockquote>`;
      expect(tokens.verify(html)).toEqual([fields]);
    });
  });
});
