import { OutboundMessage, OutboundRoute } from '@internal/plugin-emails-common';

function reason(route: OutboundRoute): string {
  switch (route.by) {
    case 'rule':
      return `rule “${route.ruleName ?? 'unnamed'}”`;
    case 'mailbox':
      return 'mailbox link';
    case 'chosen':
      return 'chosen';
    default:
      return 'primary';
  }
}

/**
 * The Server cell of the Outgoing queue: the server of the last attempt and
 * how it was picked, e.g. `EU relay · rule “EU customers”`. When the picked
 * server failed and the primary stood in, says so and names the picked one.
 */
export function describeRoute(
  message: Pick<OutboundMessage, 'route' | 'usedServerId'>,
  serverName: (id: string) => string,
): string {
  const { route, usedServerId } = message;
  if (!route) return usedServerId ? serverName(usedServerId) : '—';
  const why = reason(route);
  if (usedServerId && route.serverId && usedServerId !== route.serverId) {
    const picked = serverName(route.serverId);
    return `${serverName(
      usedServerId,
    )} · primary fallback for ${picked} (${why})`;
  }
  const server = usedServerId ?? route.serverId;
  return server ? `${serverName(server)} · ${why}` : why;
}
