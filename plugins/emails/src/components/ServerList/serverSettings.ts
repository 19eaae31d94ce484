import { MailDirection } from '@internal/plugin-emails-common';
import { IncomingServerDraft, OutgoingServerDraft } from '../../api/EmailsApi';
import { MailServer } from '../ServerDrawer';

const COMMON = [
  'name',
  'email',
  'provider',
  'protocol',
  'host',
  'port',
  'security',
  'authType',
  'username',
  'oauth',
  'proxyId',
  'enabled',
  'primary',
  'ewsUrl',
  'ewsImpersonation',
  'graphEndpoint',
];
const INCOMING = [
  ...COMMON,
  'aliases',
  'technicianGroup',
  'category',
  'company',
  'outgoingServerId',
  'realTime',
  'pollIntervalSeconds',
  'filter',
  'folders',
  'errorThreshold',
  'deleteAfterFetch',
  'importSince',
];
const OUTGOING = [...COMMON, 'senderName', 'authNeeded', 'replyTo'];

// The API refuses nulls and unknown keys; read-only fields (id, health, *Set) are not settings.
function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(
        ([key, v]) => v !== null && v !== undefined && key !== 'clientSecret',
      )
      .map(([key, v]) => [key, withoutEmpty(v)]);
    return Object.fromEntries(entries);
  }
  return value;
}

/**
 * Every non-secret setting of a server, as an update sends it: secrets are
 * left out so the backend keeps them; the version guards against lost updates.
 */
export function serverSettings(
  server: MailServer,
  direction: MailDirection,
): IncomingServerDraft | OutgoingServerDraft {
  const keys = direction === 'incoming' ? INCOMING : OUTGOING;
  const picked = Object.fromEntries(
    keys.map(key => [key, (server as unknown as Record<string, unknown>)[key]]),
  );
  return {
    ...(withoutEmpty(picked) as IncomingServerDraft | OutgoingServerDraft),
    version: server.version,
  };
}

/** The update that turns a server on or off and changes nothing else. */
export function enableToggleBody(server: MailServer, direction: MailDirection) {
  return { ...serverSettings(server, direction), enabled: !server.enabled };
}
