import { EmailRule } from '@internal/plugin-emails-common';
import { outgoingServer } from './__testUtils__/localSmtp';
import { routeMessage } from './routing';

const rule = (
  name: string,
  serverId: string,
  over: Partial<EmailRule> = {},
): EmailRule => ({
  id: name,
  name,
  enabled: true,
  match: 'all',
  conditions: [
    {
      field: 'technicianGroup',
      operator: 'is',
      values: ['group:default/network'],
    },
  ],
  actions: [{ type: 'useOutgoingServer', serverId }],
  stopProcessing: false,
  ...over,
});

describe('routeMessage', () => {
  const outgoing = [
    outgoingServer('primary', {}, { primary: true }),
    outgoingServer('net', {}),
    outgoingServer('off', {}, { enabled: false }),
    outgoingServer('linked', {}),
  ];
  const incoming = [
    {
      ...outgoingServer('box', {}),
      email: 'Help@Example.com',
      outgoingServerId: 'linked',
    },
  ];
  const routing = {
    mailboxId: 'box',
    technicianGroup: 'group:default/network',
  };

  it('takes the server the technician chose over every rule', () => {
    expect(
      routeMessage(
        { preferredServerId: 'primary', routing },
        { rules: [rule('net', 'net')], incoming, outgoing },
      ),
    ).toEqual({ serverId: 'primary', by: 'chosen' });
  });

  it('passes over a rule whose server is disabled to the next matching rule', () => {
    expect(
      routeMessage(
        { routing },
        {
          rules: [rule('first', 'off'), rule('second', 'net')],
          incoming,
          outgoing,
        },
      ),
    ).toEqual({ serverId: 'net', by: 'rule', ruleName: 'second' });
  });

  it('goes to the mailbox link when a stopping rule cannot send, and matches the mailbox by address', () => {
    const stop = rule('stop', 'off', {
      stopProcessing: true,
      conditions: [
        { field: 'mailbox', operator: 'is', values: ['help@example.com'] },
      ],
    });
    expect(
      routeMessage(
        { routing },
        { rules: [stop, rule('later', 'net')], incoming, outgoing },
      ),
    ).toEqual({ serverId: 'linked', by: 'mailbox' });
  });

  it('falls to the primary when nothing else applies', () => {
    expect(
      routeMessage(
        { routing: { requesterEmail: 'a@b.example' } },
        { rules: [rule('net', 'net')], incoming, outgoing },
      ),
    ).toEqual({ by: 'primary' });
  });
});
