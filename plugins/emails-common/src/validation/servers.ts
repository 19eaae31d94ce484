import { z } from 'zod';
import {
  DEFAULT_ERROR_THRESHOLD,
  DEFAULT_POLL_INTERVAL_SECONDS,
} from '../defaults';
import {
  domainName,
  emailAddress,
  FieldIssue,
  groupRef,
  hostName,
  httpUrl,
  line,
  port,
  requiredLine,
  toFieldIssues,
  Validated,
  wholeNumber,
} from './fields';

function isCalendarDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    !Number.isNaN(time) &&
    new Date(time).toISOString().startsWith(value)
  );
}

const oauthSettings = z
  .object({
    clientId: line(200).optional(),
    clientSecret: line(500).optional(),
    tenantId: line(100).optional(),
    authorizationUrl: httpUrl.optional(),
    tokenUrl: httpUrl.optional(),
    scope: line(500).optional(),
    // Read-only: the backend always shows its own callback URL.
    redirectUrl: httpUrl.optional(),
    grantType: z.enum(['authorization-code', 'client-credentials']).optional(),
    clientSecretExpiresAt: z
      .string()
      .refine(isCalendarDate, { message: 'must be a date like 2027-06-30' })
      .optional(),
  })
  .strict();

const connectionFields = {
  name: requiredLine(100),
  email: emailAddress,
  provider: z.enum(['microsoft', 'google', 'other']).default('other'),
  host: hostName.optional(),
  port: port.optional(),
  security: z.enum(['none', 'ssl', 'starttls']).optional(),
  authType: z
    .enum(['basic', 'ntlm', 'oauth'], {
      errorMap: () => ({ message: 'must be one of basic, ntlm, oauth' }),
    })
    .optional(),
  username: line(254).optional(),
  password: z.string().max(1000, 'must be at most 1000 characters').optional(),
  oauth: oauthSettings.optional(),
  proxyId: line(100).optional(),
  enabled: z
    .boolean({ invalid_type_error: 'must be true or false' })
    .default(true),
  primary: z
    .boolean({ invalid_type_error: 'must be true or false' })
    .default(false),
  version: z.number().int().optional(),
};

const filter = z
  .object({
    type: z.enum(['allow', 'ignore']),
    emails: z.array(emailAddress).max(1000).default([]),
    domains: z.array(domainName).max(1000).default([]),
    keywords: z.array(requiredLine(200)).max(1000).default([]),
  })
  .strict();

const folderName = requiredLine(200);

const incomingShape = z
  .object({
    ...connectionFields,
    protocol: z.enum(['imap', 'pop3', 'ews', 'graph', 'smtp-push'], {
      errorMap: () => ({
        message: 'must be one of imap, pop3, ews, graph, smtp-push',
      }),
    }),
    aliases: z.array(emailAddress).max(50).default([]),
    ewsUrl: httpUrl.optional(),
    ewsImpersonation: z
      .boolean({ invalid_type_error: 'must be true or false' })
      .default(false),
    graphEndpoint: httpUrl.optional(),
    technicianGroup: groupRef.optional(),
    category: line(100).optional(),
    company: line(100).optional(),
    outgoingServerId: line(100).optional(),
    realTime: z
      .boolean({ invalid_type_error: 'must be true or false' })
      .default(false),
    pollIntervalSeconds: wholeNumber(30, 86400).default(
      DEFAULT_POLL_INTERVAL_SECONDS,
    ),
    filter: filter.optional(),
    folders: z
      .object({
        inbox: folderName.default('INBOX'),
        success: folderName.optional(),
        fail: folderName.optional(),
        exclusion: folderName.optional(),
      })
      .strict()
      .default({ inbox: 'INBOX' }),
    errorThreshold: wholeNumber(1, 1000).default(DEFAULT_ERROR_THRESHOLD),
    deleteAfterFetch: z
      .boolean({ invalid_type_error: 'must be true or false' })
      .default(false),
    importSince: z
      .string()
      .datetime({ message: 'must be an ISO 8601 date-time' })
      .optional(),
  })
  .strict();

const outgoingShape = z
  .object({
    ...connectionFields,
    protocol: z.enum(['smtp', 'ews', 'graph'], {
      errorMap: () => ({ message: 'must be one of smtp, ews, graph' }),
    }),
    senderName: line(100).optional(),
    authNeeded: z
      .boolean({ invalid_type_error: 'must be true or false' })
      .default(true),
    replyTo: emailAddress.optional(),
    ewsUrl: httpUrl.optional(),
    ewsImpersonation: z
      .boolean({ invalid_type_error: 'must be true or false' })
      .default(false),
    graphEndpoint: httpUrl.optional(),
  })
  .strict();

/** An incoming server as a client writes it (secrets included when changed). */
export type IncomingServerInput = z.output<typeof incomingShape>;
/** An outgoing server as a client writes it (secrets included when changed). */
export type OutgoingServerInput = z.output<typeof outgoingShape>;

/** Which write-only fields already hold a value, so a PUT may leave them out. */
export interface StoredSecrets {
  password?: boolean;
  clientSecret?: boolean;
}

type Connection = z.output<z.ZodObject<typeof connectionFields>> & {
  protocol: string;
};

function connectionIssues(
  s: Connection,
  stored: StoredSecrets,
  needsAuth: boolean,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const need = (field: string, present: unknown, why: string) => {
    if (present === undefined || present === '') {
      issues.push({ field, message: `is required ${why}` });
    }
  };
  const mailProtocol = ['imap', 'pop3', 'smtp'].includes(s.protocol);
  if (s.provider === 'microsoft') {
    if (s.protocol === 'pop3') {
      issues.push({
        field: 'protocol',
        message:
          'must be imap, ews or graph with Sign in with Microsoft (POP3 supports Basic Auth only)',
      });
    }
    if (needsAuth && s.authType && s.authType !== 'oauth') {
      issues.push({
        field: 'authType',
        message: 'must be oauth: Microsoft does not accept Basic Auth',
      });
    }
  } else if (mailProtocol) {
    need('host', s.host, `for ${s.protocol.toUpperCase()}`);
    need('port', s.port, `for ${s.protocol.toUpperCase()}`);
    need('security', s.security, `for ${s.protocol.toUpperCase()}`);
  }
  if (
    s.oauth?.grantType === 'client-credentials' &&
    (s.provider !== 'microsoft' || !['ews', 'graph'].includes(s.protocol))
  ) {
    issues.push({
      field: 'oauth.grantType',
      message:
        'must be authorization-code: app-only access (client credentials) is for Microsoft Graph and EWS',
    });
  }
  if (s.protocol === 'graph' && needsAuth && s.authType !== 'oauth') {
    issues.push({
      field: 'authType',
      message: 'must be oauth: Microsoft Graph accepts OAuth only',
    });
  }
  if (!needsAuth || s.protocol === 'smtp-push') {
    return issues;
  }
  const authType =
    s.provider === 'microsoft' || s.protocol === 'graph' ? 'oauth' : s.authType;
  need('authType', authType, 'to sign in to the mailbox');
  if (authType === 'ntlm' && s.protocol !== 'ews') {
    issues.push({
      field: 'authType',
      message: 'ntlm is for EWS only; use basic or oauth',
    });
  }
  if (authType === 'basic' || authType === 'ntlm') {
    const how = authType === 'basic' ? 'Basic Auth' : 'NTLM';
    need('username', s.username, `for ${how}`);
    if (!stored.password) need('password', s.password, `for ${how}`);
  }
  if (authType === 'oauth') {
    const o = s.oauth ?? {};
    need('oauth.clientId', o.clientId, 'for OAuth');
    if (!stored.clientSecret)
      need('oauth.clientSecret', o.clientSecret, 'for OAuth');
    need('oauth.authorizationUrl', o.authorizationUrl, 'for OAuth');
    need('oauth.tokenUrl', o.tokenUrl, 'for OAuth');
    need('oauth.scope', o.scope, 'for OAuth');
  }
  return issues;
}

function check<T>(
  schema: z.ZodType<T, any, any>,
  body: unknown,
  more: (value: T) => FieldIssue[],
): Validated<T> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    return { ok: false, issues: toFieldIssues(parsed.error) };
  }
  const issues = more(parsed.data);
  return issues.length
    ? { ok: false, issues }
    : { ok: true, value: parsed.data };
}

/** Validates an incoming server; `stored` says which secrets a PUT may omit. */
export function validateIncomingServer(
  body: unknown,
  stored: StoredSecrets = {},
): Validated<IncomingServerInput> {
  return check(incomingShape, body, s => {
    const issues = connectionIssues(s, stored, true);
    if (s.protocol === 'ews' && s.provider !== 'microsoft' && !s.ewsUrl) {
      issues.push({
        field: 'ewsUrl',
        message: 'is required for EWS (https://<host>/EWS/Exchange.asmx)',
      });
    }
    if (s.ewsImpersonation && s.protocol !== 'ews') {
      issues.push({
        field: 'ewsImpersonation',
        message: 'applies to EWS only',
      });
    }
    if (s.deleteAfterFetch && s.protocol !== 'pop3') {
      issues.push({
        field: 'deleteAfterFetch',
        message: 'applies to POP3 only; IMAP uses the success folder',
      });
    }
    if (s.realTime && s.protocol === 'pop3') {
      issues.push({
        field: 'realTime',
        message: 'needs IMAP: POP3 has no real-time notification',
      });
    }
    return issues;
  });
}

/** Validates an outgoing server; `stored` says which secrets a PUT may omit. */
export function validateOutgoingServer(
  body: unknown,
  stored: StoredSecrets = {},
): Validated<OutgoingServerInput> {
  return check(outgoingShape, body, s => {
    const issues = connectionIssues(s, stored, s.authNeeded);
    if (s.protocol === 'ews' && s.provider !== 'microsoft' && !s.ewsUrl) {
      issues.push({
        field: 'ewsUrl',
        message: 'is required for EWS (https://<host>/EWS/Exchange.asmx)',
      });
    }
    if (s.ewsImpersonation && s.protocol !== 'ews') {
      issues.push({
        field: 'ewsImpersonation',
        message: 'applies to EWS only',
      });
    }
    return issues;
  });
}

const proxyShape = z
  .object({
    name: requiredLine(100),
    protocol: z.enum(['http', 'socks5'], {
      errorMap: () => ({ message: 'must be http or socks5' }),
    }),
    host: hostName,
    port,
    username: line(254).optional(),
    password: z.string().max(1000).optional(),
    version: z.number().int().optional(),
  })
  .strict();

/** A proxy server as a client writes it. */
export type ProxyInput = z.output<typeof proxyShape>;

/** Validates a proxy server. */
export function validateProxy(body: unknown): Validated<ProxyInput> {
  return check(proxyShape, body, () => []);
}
