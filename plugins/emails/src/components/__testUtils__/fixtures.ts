import {
  IncomingServer,
  OutgoingServer,
  ServerHealth,
} from '@internal/plugin-emails-common';
import { EmailsApi } from '../../api';
import { inboundMessage, messageDetail, outboundMessage } from './messages';
import { ticketDetail, ticketEntry } from './tickets';

/** Health of a mailbox that answers. */
export const reachable: ServerHealth = {
  status: 'reachable',
  lastSyncAt: '2024-05-01T10:00:00Z',
  inboundQueue: 3,
  consecutiveFailures: 0,
};

/** An IMAP incoming server as the API returns it. */
export function incomingServer(
  overrides: Partial<IncomingServer> = {},
): IncomingServer {
  return {
    id: 'in-1',
    name: 'IT Support',
    email: 'support@example.com',
    aliases: [],
    provider: 'other',
    protocol: 'imap',
    host: 'imap.example.com',
    port: 993,
    security: 'ssl',
    authType: 'basic',
    username: 'support',
    enabled: true,
    primary: true,
    version: 3,
    passwordSet: true,
    clientSecretSet: false,
    createdAt: '2024-04-01T00:00:00Z',
    updatedAt: '2024-04-02T00:00:00Z',
    health: reachable,
    technicianGroup: 'group:default/it-support',
    realTime: false,
    pollIntervalSeconds: 120,
    folders: { inbox: 'INBOX' },
    errorThreshold: 5,
    deleteAfterFetch: false,
    ewsImpersonation: false,
    ...overrides,
  };
}

/** An SMTP outgoing server as the API returns it. */
export function outgoingServer(
  overrides: Partial<OutgoingServer> = {},
): OutgoingServer {
  return {
    id: 'out-1',
    name: 'Relay',
    email: 'noreply@example.com',
    provider: 'other',
    protocol: 'smtp',
    host: 'smtp.example.com',
    port: 587,
    security: 'starttls',
    authNeeded: true,
    authType: 'basic',
    username: 'relay',
    enabled: true,
    primary: false,
    version: 1,
    passwordSet: true,
    clientSecretSet: false,
    createdAt: '2024-04-01T00:00:00Z',
    updatedAt: '2024-04-02T00:00:00Z',
    health: { ...reachable, inboundQueue: 0 },
    ewsImpersonation: false,
    ...overrides,
  };
}

/** An EmailsApi whose every method is a jest mock; `impl` overrides some. */
export function mockEmailsApi(
  impl: Partial<EmailsApi> = {},
): jest.Mocked<EmailsApi> {
  const api: EmailsApi = {
    listIncomingServers: async () => [],
    getIncomingServer: async id => incomingServer({ id }),
    createIncomingServer: async draft => incomingServer(draft as any),
    updateIncomingServer: async (id, draft) =>
      incomingServer({ ...(draft as any), id }),
    deleteIncomingServer: async () => undefined,
    listOutgoingServers: async () => [],
    getOutgoingServer: async id => outgoingServer({ id }),
    createOutgoingServer: async draft => outgoingServer(draft as any),
    updateOutgoingServer: async (id, draft) =>
      outgoingServer({ ...(draft as any), id }),
    deleteOutgoingServer: async () => undefined,
    testServer: async () => ({ ok: true, stages: [] }),
    fetchSample: async () => ({
      found: false,
      to: [],
      cc: [],
      attachments: [],
    }),
    startOAuth: async () => ({
      authorizationUrl: 'https://login.example.com/authorize?state=s1',
    }),
    getOAuthRedirectUrl: async () =>
      'https://backstage.example.com/api/emails/oauth/callback',
    listProxies: async () => [],
    createProxy: async () => {
      throw new Error('not mocked');
    },
    updateProxy: async () => {
      throw new Error('not mocked');
    },
    deleteProxy: async () => undefined,
    getPreferences: async () => {
      throw new Error('not mocked');
    },
    updatePreferences: async p => p,
    listConfigAudit: async () => [],
    getOutgoingRules: async () => ({ rules: [], version: 0 }),
    saveOutgoingRules: async list => ({
      rules: list.rules.map((r, i) => ({ ...r, id: r.id ?? `rule-${i + 1}` })),
      version: list.version + 1,
    }),
    getIncomingRules: async () => ({ rules: [], version: 0 }),
    saveIncomingRules: async list => ({
      rules: list.rules.map((r, i) => ({ ...r, id: r.id ?? `rule-${i + 1}` })),
      version: list.version + 1,
    }),
    simulateRules: async () => ({
      trace: [],
      rules: [],
      outcome: { status: 'ticketed' },
    }),
    syncServer: async () => undefined,
    resumeServer: async () => undefined,
    getServerActivity: async id => ({ serverId: id, hours: [] }),
    listMessages: async () => ({ items: [] }),
    getMessage: async id => messageDetail({ id }),
    getMessageRaw: async () => new Blob(['Subject: hi\r\n\r\nhi']),
    replayMessage: async id => inboundMessage({ id }),
    listOutbound: async () => ({ items: [] }),
    retryOutbound: async id => outboundMessage({ id, status: 'queued' }),
    listTickets: async () => ({ items: [] }),
    getTicket: async id => ticketDetail({ id }),
    getAttachment: async () => new Blob(['bytes']),
    replyToTicket: async () => ({ entryId: 'e-new', outboundId: 'ob-1' }),
    closeTicket: async () => ({
      status: 'closed',
      closedAt: '2024-05-02T09:00:00Z',
      notification: {
        queued: true,
        outboundId: 'ob-2',
        to: 'jane@example.com',
      },
    }),
    reopenTicket: async () => ({ status: 'open' }),
    reviewOutsideReply: async (_ticketId, entryId, decision) =>
      ticketEntry({
        id: entryId,
        kind: decision === 'publish' ? 'reply' : 'note',
        outsideConversation: {
          status: decision === 'publish' ? 'published' : 'dismissed',
        },
      }),
    ...impl,
  };
  const mocked = {} as Record<string, jest.Mock>;
  for (const [name, fn] of Object.entries(api)) {
    mocked[name] = jest.fn(fn as (...args: any[]) => any);
  }
  return mocked as unknown as jest.Mocked<EmailsApi>;
}

/** A ResponseError-like error as the EmailsClient throws it. */
export function responseError(statusCode: number, message: string) {
  return Object.assign(new Error(`Request failed with ${statusCode}`), {
    name: 'ResponseError',
    statusCode,
    body: { error: { name: 'Error', message }, response: { statusCode } },
  });
}

/** Mock handlers for every action of a ServerCard. */
export const serverCardHandlers = () => ({
  onTest: jest.fn(),
  onEdit: jest.fn(),
  onToggleEnabled: jest.fn(),
  onDelete: jest.fn(),
  onFetchSample: jest.fn(),
  onSync: jest.fn(),
  onResume: jest.fn(),
  onSignedIn: jest.fn(),
});
