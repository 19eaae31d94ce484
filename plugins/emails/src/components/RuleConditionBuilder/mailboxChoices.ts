import { IncomingServer } from '@internal/plugin-emails-common';

/**
 * The mailboxes a condition can pick: every incoming server by name. A
 * saved value may be the server's id or its address; the choice keeps that
 * value so an untouched rule saves unchanged. Values that name no server
 * stay, labelled as such.
 */
export function mailboxChoices(
  servers: IncomingServer[],
  values: string[],
): { value: string; label: string }[] {
  const fold = (v: string) => v.toLocaleLowerCase('en-US');
  const used = new Set<string>();
  const choices = servers.map(server => {
    const value = values.find(v => fold(v) === fold(server.email)) ?? server.id;
    used.add(value);
    return { value, label: server.name };
  });
  const unknown = values
    .filter(v => !used.has(v))
    .map(v => ({ value: v, label: `${v} (no such incoming server)` }));
  return [...choices, ...unknown];
}
