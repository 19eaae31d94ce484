import { describeRoute } from './route';

const names: Record<string, string> = {
  'out-1': 'Relay',
  'out-eu': 'EU relay',
};
const name = (id: string) => names[id] ?? id;

describe('describeRoute', () => {
  it('names the server and how it was picked', () => {
    expect(
      describeRoute(
        {
          route: { serverId: 'out-eu', by: 'rule', ruleName: 'EU customers' },
          usedServerId: 'out-eu',
        },
        name,
      ),
    ).toBe('EU relay · rule “EU customers”');
    expect(
      describeRoute(
        { route: { serverId: 'out-1', by: 'mailbox' }, usedServerId: 'out-1' },
        name,
      ),
    ).toBe('Relay · mailbox link');
    expect(
      describeRoute(
        { route: { serverId: 'out-eu', by: 'chosen' }, usedServerId: 'out-eu' },
        name,
      ),
    ).toBe('EU relay · chosen');
    expect(
      describeRoute({ route: { by: 'primary' }, usedServerId: 'out-1' }, name),
    ).toBe('Relay · primary');
  });

  it('shows the picked server before the first attempt', () => {
    expect(
      describeRoute({ route: { serverId: 'out-1', by: 'mailbox' } }, name),
    ).toBe('Relay · mailbox link');
    expect(describeRoute({ route: { by: 'primary' } }, name)).toBe('primary');
  });

  it('says when the primary stood in for a failing server', () => {
    expect(
      describeRoute(
        {
          route: { serverId: 'out-eu', by: 'rule', ruleName: 'EU customers' },
          usedServerId: 'out-1',
        },
        name,
      ),
    ).toBe('Relay · primary fallback for EU relay (rule “EU customers”)');
  });

  it('shows the server alone for messages queued before routing was recorded', () => {
    expect(describeRoute({ usedServerId: 'out-1' }, name)).toBe('Relay');
    expect(describeRoute({}, name)).toBe('—');
  });
});
