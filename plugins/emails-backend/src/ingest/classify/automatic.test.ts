import {
  AutomaticOptions,
  autoRepliesSuppressed,
  classifyAutomatic,
} from './automatic';
import { fixture, humanMail, parse, rawMail } from './__testUtils__/messages';

const options: AutomaticOptions = {
  keywords: [],
  ownAddresses: new Set(['support@acme.example', 'help@acme.example']),
  ownMessageIdDomain: 'tickets.acme.example',
  loopHeaderValue: 'support@acme.example',
};

async function classify(raw: Buffer, extra: Partial<AutomaticOptions> = {}) {
  return classifyAutomatic(await parse(raw), { ...options, ...extra });
}

describe('classifyAutomatic', () => {
  it('leaves a message a person wrote as human', async () => {
    expect(await classify(humanMail())).toEqual({ kind: 'human' });
  });

  it('keeps Outlook mail with X-Auto-Response-Suppress: All human, and says not to auto-reply', async () => {
    // Outlook and Exchange put this on ordinary mail; it is a request, not a sign.
    const raw = humanMail({
      'X-Auto-Response-Suppress': 'All',
      'Thread-Index': 'AdsE2Zk1m0P3u4xQR0y8aQ==',
      'X-MS-Has-Attach': '',
    });
    expect(await classify(raw)).toEqual({ kind: 'human' });
    expect(autoRepliesSuppressed(await parse(raw))).toBe(true);
  });

  it.each([
    ['DR, NDR', false],
    ['OOF, AutoReply', true],
    ['all', true],
  ])(
    'reads X-Auto-Response-Suppress: %s as suppressing auto-replies: %p',
    async (value, suppressed) => {
      const mail = await parse(
        humanMail({ 'X-Auto-Response-Suppress': value }),
      );
      expect(autoRepliesSuppressed(mail)).toBe(suppressed);
    },
  );

  describe('RFC 3834 Auto-Submitted', () => {
    it.each([
      ['auto-replied', 'auto-reply'],
      ['auto-replied (vacation)', 'auto-reply'],
      ['Auto-Generated', 'bulk'],
      ['auto-notified', 'bulk'],
      ['auto-something-new', 'bulk'],
    ])('reads Auto-Submitted: %s as %s', async (value, kind) => {
      expect(await classify(humanMail({ 'Auto-Submitted': value }))).toEqual({
        kind,
        reason: `Auto-Submitted: ${value}`,
      });
    });

    it('reads auto-generated mail that answers a message as a reply', async () => {
      const raw = humanMail({
        'Auto-Submitted': 'auto-generated',
        'In-Reply-To': '<t-1.r-1@tickets.acme.example>',
      });
      expect(await classify(raw)).toMatchObject({ kind: 'auto-reply' });
    });

    it('leaves Auto-Submitted: no human', async () => {
      expect(await classify(humanMail({ 'Auto-Submitted': 'no' }))).toEqual({
        kind: 'human',
      });
    });
  });

  it.each([
    ['bulk', 'bulk'],
    ['junk', 'bulk'],
    ['list', 'list'],
    ['auto_reply', 'auto-reply'],
    ['BULK', 'bulk'],
  ])('reads Precedence: %s as %s', async (value, kind) => {
    expect(await classify(humanMail({ Precedence: value }))).toMatchObject({
      kind,
      reason: `Precedence: ${value.toLowerCase()}`,
    });
  });

  it('leaves Precedence: first-class human', async () => {
    expect(await classify(humanMail({ Precedence: 'first-class' }))).toEqual({
      kind: 'human',
    });
  });

  it.each([
    ['X-Autoreply', 'yes'],
    ['X-Autorespond', 'Vacation message'],
    ['X-Autorespond', ''],
  ])('reads %s: %p as an auto-reply', async (name, value) => {
    expect(await classify(humanMail({ [name]: value }))).toEqual({
      kind: 'auto-reply',
      reason: `${name}: ${value}`,
    });
  });

  describe('lists', () => {
    const listMail = humanMail({
      'List-Id': 'Acme Announcements <announce.lists.acme.example>',
      'List-Unsubscribe': '<mailto:leave-announce@lists.acme.example>',
      Precedence: 'list',
      'Return-Path': '<bounce-announce@lists.acme.example>',
    });

    it('reads List-Id as list mail', async () => {
      const raw = humanMail({ 'List-Id': '<dev.lists.example.org>' });
      expect(await classify(raw)).toEqual({
        kind: 'list',
        reason: 'List-Id: <dev.lists.example.org>',
      });
    });

    it('reads List-Unsubscribe without a List-Id as bulk (a newsletter)', async () => {
      const raw = humanMail({
        'List-Unsubscribe':
          '<https://news.vendor.example/u?id=42>, <mailto:u@news.vendor.example>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      });
      expect(await classify(raw)).toEqual({
        kind: 'bulk',
        reason: 'List-Unsubscribe header',
      });
    });

    it('reads a foreign list as list mail', async () => {
      expect(await classify(listMail)).toMatchObject({ kind: 'list' });
    });

    it('leaves mail through our own group (a Google Group in front of support@) human', async () => {
      const raw = humanMail({
        'List-Id': '<support.acme.example>',
        'List-Unsubscribe':
          '<mailto:googlegroups-manage+1+unsubscribe@googlegroups.com>',
        Precedence: 'list',
        'Mailing-list':
          'list support@acme.example; contact support+owners@acme.example',
      });
      expect(
        await classify(raw, { ownListIds: ['Support.Acme.Example'] }),
      ).toEqual({ kind: 'human' });
      expect(await classify(raw)).toMatchObject({ kind: 'list' });
    });
  });

  describe('own loop', () => {
    it('reads our X-Loop as our own mail coming back', async () => {
      const raw = humanMail({ 'X-Loop': 'Support@Acme.example' });
      expect(await classify(raw)).toEqual({
        kind: 'own-loop',
        reason: 'X-Loop: support@acme.example',
      });
    });

    it('ignores the X-Loop of another system', async () => {
      const raw = humanMail({ 'X-Loop': 'tickets@vendor.example' });
      expect(await classify(raw)).toEqual({ kind: 'human' });
    });

    it('reads mail from one of our addresses as our own', async () => {
      const raw = humanMail({ From: 'Acme Help <HELP@acme.example>' });
      expect(await classify(raw)).toEqual({
        kind: 'own-loop',
        reason: 'From is our own address help@acme.example',
      });
    });

    it('reads a Message-ID in our domain as our own', async () => {
      const raw = humanMail({
        'Message-ID': '<t-1042.r-7f3a9c@Tickets.Acme.Example>',
      });
      expect(await classify(raw)).toMatchObject({ kind: 'own-loop' });
    });

    it('leaves a reply to our mail (In-Reply-To in our domain) human', async () => {
      const raw = humanMail({
        'In-Reply-To': '<t-1042.r-7f3a9c@tickets.acme.example>',
        References: '<t-1042.r-7f3a9c@tickets.acme.example>',
      });
      expect(await classify(raw)).toEqual({ kind: 'human' });
    });

    it('drops our own auto-reply coming back rather than noting it (own loop before Auto-Submitted)', async () => {
      const raw = humanMail({
        From: 'support@acme.example',
        'Auto-Submitted': 'auto-replied',
      });
      expect(await classify(raw)).toMatchObject({ kind: 'own-loop' });
    });
  });

  describe('bounces', () => {
    it.each([
      'MAILER-DAEMON@mx.customer.example',
      'postmaster@customer.example',
    ])('reads mail from %s as a bounce', async from => {
      const raw = humanMail({ From: from, Subject: 'failure notice' });
      expect(await classify(raw)).toEqual({
        kind: 'bounce',
        reason: `From ${from.toLowerCase()}`,
      });
    });

    it('reads multipart/report; report-type=delivery-status as a bounce', async () => {
      const raw = rawMail(
        {
          From: 'Mail Gateway <gateway@customer.example>',
          Subject: 'Returned mail',
          'Content-Type':
            'multipart/report; report-type="delivery-status"; boundary="b"',
        },
        ['--b', 'Content-Type: text/plain', '', 'It failed.', '--b--', ''],
      );
      expect(await classify(raw)).toEqual({
        kind: 'bounce',
        reason: 'Content-Type: multipart/report; report-type=delivery-status',
      });
    });

    it('reads a read receipt (disposition-notification) as an auto-reply', async () => {
      const raw = rawMail(
        {
          From: 'rita@customer.example',
          Subject: 'Read: [#1042] VPN access',
          'Content-Type':
            'multipart/report; report-type=disposition-notification; boundary="b"',
        },
        [
          '--b',
          'Content-Type: text/plain',
          '',
          'Your message was read.',
          '--b--',
          '',
        ],
      );
      expect(await classify(raw)).toMatchObject({ kind: 'auto-reply' });
    });

    it.each([
      'postfix-dsn.eml',
      'exchange-online-ndr.eml',
      'gmail-dsn.eml',
      'exim-plain.eml',
    ])(
      'reads the fixture %s as a bounce, before its Auto-Submitted',
      async name => {
        expect(await classify(fixture(name))).toMatchObject({ kind: 'bounce' });
      },
    );

    it('reads an empty Return-Path with a delivery failure subject as a bounce', async () => {
      const raw = humanMail({
        'Return-Path': '<>',
        From: 'Mail Gateway <gateway@customer.example>',
        Subject: 'Undeliverable: [#1042] VPN access',
      });
      expect(await classify(raw)).toEqual({
        kind: 'bounce',
        reason: 'Return-Path: <> and a delivery failure subject',
      });
    });

    it('reads an empty Return-Path alone as an auto-reply (RFC 3834 responders use it too)', async () => {
      const raw = humanMail({
        'Return-Path': '<>',
        Subject: 'Thanks for your mail',
      });
      expect(await classify(raw)).toEqual({
        kind: 'auto-reply',
        reason: 'Return-Path: <>',
      });
    });
  });

  it('prefers a header over the subject: Auto-Submitted decides before the keywords', async () => {
    const raw = humanMail({
      'Auto-Submitted': 'auto-generated',
      Subject: 'Automatic reply: x',
    });
    expect(await classify(raw)).toEqual({
      kind: 'bulk',
      reason: 'Auto-Submitted: auto-generated',
    });
  });
});
