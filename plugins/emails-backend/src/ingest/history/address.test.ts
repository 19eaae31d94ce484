import { parseMailbox } from './address';

describe('parseMailbox', () => {
  it.each([
    [
      'Rita Requester <rita@example.com>',
      { address: 'rita@example.com', name: 'Rita Requester' },
    ],
    [
      '"Requester, Rita" <Rita@Example.com>',
      { address: 'rita@example.com', name: 'Requester, Rita' },
    ],
    [
      'Rita Requester [mailto:rita@example.com] ',
      { address: 'rita@example.com', name: 'Rita Requester' },
    ],
    [
      'Rita Requester (<rita@example.com>)',
      { address: 'rita@example.com', name: 'Rita Requester' },
    ],
    ['<rita@example.com>', { address: 'rita@example.com' }],
    ['rita@example.com', { address: 'rita@example.com' }],
    ['rita@example.com <rita@example.com>', { address: 'rita@example.com' }],
  ])('reads %p', (value, mailbox) => {
    expect(parseMailbox(value)).toEqual(mailbox);
  });

  it.each(['Rita Requester', '', `${'x'.repeat(1000)}@example.com`])(
    'finds no address in %p',
    value => {
      expect(parseMailbox(value)).toBeUndefined();
    },
  );
});
