import { useApi } from '@backstage/core-plugin-api';
import { MailDirection } from '@internal/plugin-emails-common';
import useAsync from 'react-use/esm/useAsync';
import { emailsApiRef } from '../../api';
import { Choice } from './options';

/** Choices of a select, keeping a current value the list does not (or no longer) hold. */
export function withCurrent(
  choices: Choice<string>[],
  current: string,
): Choice<string>[] {
  if (!current || choices.some(c => c.value === current)) return choices;
  return [...choices, { value: current, label: current }];
}

/** The Proxy Server and Outgoing Email Server choices of the drawer. */
export function useDrawerOptions(direction: MailDirection) {
  const api = useApi(emailsApiRef);
  // A list that fails to load leaves only the blank choice; saving still works.
  const proxies = useAsync(() => api.listProxies().catch(() => []), [api]);
  const outgoing = useAsync(
    async () =>
      direction === 'incoming' ? api.listOutgoingServers().catch(() => []) : [],
    [api, direction],
  );
  return {
    proxies: [
      { value: '', label: 'None (direct connection)' },
      ...(proxies.value ?? []).map(p => ({
        value: p.id,
        label: `${p.name} (${p.host}:${p.port})`,
      })),
    ],
    outgoingServers: [
      { value: '', label: 'The primary outgoing server' },
      ...(outgoing.value ?? []).map(s => ({
        value: s.id,
        label: `${s.name} <${s.email}>`,
      })),
    ],
  };
}
