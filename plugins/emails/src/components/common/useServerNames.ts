import { useApi } from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { emailsApiRef } from '../../api';
import { DetailValueNamer } from './DetailList';

/**
 * The names of the incoming and outgoing servers by id, so pages show
 * "IT Support" where records hold a server's UUID; undefined for an id not
 * (or not yet) known.
 */
export function useServerNames(): (id: string) => string | undefined {
  const api = useApi(emailsApiRef);
  const servers = useAsync(async () => {
    // A reader without server permission still sees the rest of the page.
    const [incoming, outgoing] = await Promise.all([
      api.listIncomingServers().catch(() => []),
      api.listOutgoingServers().catch(() => []),
    ]);
    return new Map([...incoming, ...outgoing].map(s => [s.id, s.name]));
  }, [api]);
  const names = servers.value;
  return useMemo(() => (id: string) => names?.get(id), [names]);
}

/** A detail namer that shows values of keys ending in "serverId" as server names. */
export function serverIdNamer(
  serverName: (id: string) => string | undefined,
): DetailValueNamer {
  return (key, value) =>
    /serverid$/i.test(key) ? serverName(value) : undefined;
}
