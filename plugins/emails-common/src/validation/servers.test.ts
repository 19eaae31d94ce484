import { describeIssues, parseIssues } from './fields';
import {
  validateIncomingServer,
  validateOutgoingServer,
  validateProxy,
} from './servers';

const imap = {
  name: 'Support',
  email: 'support@example.com',
  protocol: 'imap',
  host: 'imap.example.com',
  port: 993,
  security: 'ssl',
  authType: 'basic',
  username: 'support',
  password: 'secret',
};

const oauth = {
  clientId: 'client',
  clientSecret: 'shh',
  authorizationUrl: 'https://login.example.com/authorize',
  tokenUrl: 'https://login.example.com/token',
  scope: 'https://mail.google.com/',
};

function issuesOf(result: ReturnType<typeof validateIncomingServer>) {
  return result.ok ? [] : result.issues.map(i => `${i.field} ${i.message}`);
}

describe('validateIncomingServer', () => {
  it('accepts a complete IMAP server and fills the defaults', () => {
    const result = validateIncomingServer(imap);
    expect(result.ok).toBe(true);
    expect(result.ok && result.value).toMatchObject({
      provider: 'other',
      enabled: true,
      primary: false,
      realTime: false,
      pollIntervalSeconds: 120,
      errorThreshold: 5,
      folders: { inbox: 'INBOX' },
    });
  });

  it.each([
    [{ port: 0 }, 'port must be a whole number from 1 to 65535'],
    [{ port: 65536 }, 'port must be a whole number from 1 to 65535'],
    [{ port: 99.5 }, 'port must be a whole number from 1 to 65535'],
    [{ port: '993' }, 'port must be a number'],
    [
      { email: 'not-an-address' },
      'email must be a valid email address like name@example.com',
    ],
    [
      { email: 'a@b.com\r\nBcc: x@y.com' },
      'email must be a valid email address like name@example.com',
    ],
    [{ name: 'Support\r\nX-Injected: 1' }, 'name must not contain line breaks'],
    [{ name: '   ' }, 'name is required'],
    [
      { host: 'imaps://imap.example.com:993' },
      'host must be a host name or IP address such as imap.example.com, without scheme or port',
    ],
    [
      { protocol: 'nntp' },
      'protocol must be one of imap, pop3, ews, graph, smtp-push',
    ],
    [{ security: 'tls13' }, expect.stringContaining('security')],
    [{ bogus: 1 }, 'body has unknown fields: bogus'],
    [
      { technicianGroup: 'not a ref!' },
      'technicianGroup must be a group reference such as group:default/it-support',
    ],
  ])('refuses %p naming the field', (change, message) => {
    expect(issuesOf(validateIncomingServer({ ...imap, ...change }))).toEqual([
      message,
    ]);
  });

  it('requires host, port and security for IMAP and POP3 of other providers', () => {
    const { host, port, security, ...rest } = imap;
    expect(issuesOf(validateIncomingServer(rest))).toEqual([
      'host is required for IMAP',
      'port is required for IMAP',
      'security is required for IMAP',
    ]);
  });

  it('allows POP3 with Basic Auth or OAuth (SASL XOAUTH2)', () => {
    const pop = { ...imap, protocol: 'pop3', port: 995 };
    expect(validateIncomingServer(pop).ok).toBe(true);
    expect(
      validateIncomingServer({ ...pop, authType: 'oauth', oauth }).ok,
    ).toBe(true);
    expect(
      issuesOf(validateIncomingServer({ ...pop, realTime: true })),
    ).toEqual(['realTime needs IMAP: POP3 has no real-time notification']);
  });

  it('takes a client-secret expiry date and app-only access for Microsoft Graph only', () => {
    const withOauth = { ...imap, authType: 'oauth', password: undefined };
    expect(
      issuesOf(
        validateIncomingServer({
          ...withOauth,
          oauth: { ...oauth, clientSecretExpiresAt: '2027-02-30' },
        }),
      ),
    ).toEqual(['oauth.clientSecretExpiresAt must be a date like 2027-06-30']);
    expect(
      validateIncomingServer({
        ...withOauth,
        oauth: { ...oauth, clientSecretExpiresAt: '2027-06-30' },
      }).ok,
    ).toBe(true);
    expect(
      issuesOf(
        validateIncomingServer({
          ...withOauth,
          oauth: { ...oauth, grantType: 'client-credentials' },
        }),
      ),
    ).toEqual([
      'oauth.grantType must be authorization-code: app-only access (client credentials) is for Microsoft Graph and EWS',
    ]);
  });

  it('needs every OAuth field, and the secret only when none is stored', () => {
    const withOauth = {
      ...imap,
      authType: 'oauth',
      password: undefined,
      oauth: { clientId: 'c' },
    };
    expect(issuesOf(validateIncomingServer(withOauth))).toEqual([
      'oauth.clientSecret is required for OAuth',
      'oauth.authorizationUrl is required for OAuth',
      'oauth.tokenUrl is required for OAuth',
      'oauth.scope is required for OAuth',
    ]);
    const { clientSecret, ...noSecret } = oauth;
    expect(
      validateIncomingServer(
        { ...withOauth, oauth: noSecret },
        { clientSecret: true },
      ).ok,
    ).toBe(true);
    expect(
      issuesOf(
        validateIncomingServer({
          ...withOauth,
          oauth: { ...oauth, tokenUrl: 'ftp://x' },
        }),
      ),
    ).toEqual(['oauth.tokenUrl must be an http or https URL']);
  });

  it('keeps a stored password when a PUT leaves it out', () => {
    const { password, ...noPassword } = imap;
    expect(issuesOf(validateIncomingServer(noPassword))).toEqual([
      'password is required for Basic Auth',
    ]);
    expect(validateIncomingServer(noPassword, { password: true }).ok).toBe(
      true,
    );
  });

  it('needs no host, port or security for the Microsoft provider, but OAuth', () => {
    const microsoft = {
      name: 'M365',
      email: 'help@contoso.com',
      provider: 'microsoft',
      protocol: 'imap',
      oauth,
    };
    expect(validateIncomingServer(microsoft).ok).toBe(true);
    expect(
      issuesOf(validateIncomingServer({ ...microsoft, protocol: 'pop3' })),
    ).toContain(
      'protocol must be imap, ews or graph with Sign in with Microsoft (POP3 supports Basic Auth only)',
    );
    expect(
      issuesOf(validateIncomingServer({ ...microsoft, authType: 'basic' })),
    ).toContain('authType must be oauth: Microsoft does not accept Basic Auth');
  });

  it('checks the filter lists entry by entry', () => {
    const result = validateIncomingServer({
      ...imap,
      filter: {
        type: 'ignore',
        emails: ['ok@example.com', 'bad'],
        domains: ['@yahoo.com'],
        keywords: ['Out of Office'],
      },
    });
    expect(issuesOf(result)).toEqual([
      'filter.emails.1 must be a valid email address like name@example.com',
      'filter.domains.0 must be a domain name like example.com, without @',
    ]);
  });

  it('normalises the technician group to a full entity ref', () => {
    const result = validateIncomingServer({
      ...imap,
      technicianGroup: 'IT-Support',
    });
    expect(result.ok && result.value.technicianGroup).toBe(
      'group:default/it-support',
    );
  });
});

describe('validateOutgoingServer', () => {
  const smtp = {
    name: 'Relay',
    email: 'noreply@example.com',
    protocol: 'smtp',
    host: 'smtp.example.com',
    port: 587,
    security: 'starttls',
    authType: 'basic',
    username: 'u',
    password: 'p',
  };

  it('accepts SMTP with and without authentication', () => {
    expect(validateOutgoingServer(smtp).ok).toBe(true);
    const { authType, username, password, ...open } = smtp;
    expect(validateOutgoingServer({ ...open, authNeeded: false }).ok).toBe(
      true,
    );
    expect(issuesOf(validateOutgoingServer(open) as any)).toEqual([
      'authType is required to sign in to the mailbox',
    ]);
  });

  it('refuses header tricks in the sender name and reply-to', () => {
    expect(
      issuesOf(
        validateOutgoingServer({
          ...smtp,
          senderName: 'Help\nBcc: all@example.com',
        }) as any,
      ),
    ).toEqual(['senderName must not contain line breaks']);
    expect(
      issuesOf(
        validateOutgoingServer({ ...smtp, replyTo: 'a@b.com, c@d.com' }) as any,
      ),
    ).toEqual(['replyTo must be a valid email address like name@example.com']);
  });
});

describe('validateProxy', () => {
  it('names the bad port', () => {
    const result = validateProxy({
      name: 'p',
      protocol: 'http',
      host: '127.0.0.1',
      port: 70000,
    });
    expect(result.ok ? [] : result.issues).toEqual([
      { field: 'port', message: 'must be a whole number from 1 to 65535' },
    ]);
  });
});

describe('describeIssues and parseIssues', () => {
  it('round-trip field issues through an API error message', () => {
    const issues = [
      { field: 'port', message: 'must be a whole number from 1 to 65535' },
      { field: 'oauth.tokenUrl', message: 'is required for OAuth' },
    ];
    const message = describeIssues('incoming server', issues);
    expect(message).toBe(
      'Invalid incoming server: port must be a whole number from 1 to 65535; oauth.tokenUrl is required for OAuth',
    );
    expect(parseIssues(message)).toEqual(issues);
  });
});
