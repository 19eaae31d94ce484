import { incomingServer, outgoingServer } from '../__testUtils__';
import { draftFromServer, emptyDraft, FieldKey, ServerDraft } from './draft';
import { changeField } from './fieldRules';
import { toRequestBody } from './requestBody';
import { draftIssues } from './saveServer';

function change(draft: ServerDraft, ...steps: [FieldKey, any][]) {
  return steps.reduce((d, [key, value]) => changeField(d, key, value), draft);
}

describe('toRequestBody', () => {
  it('builds a new IMAP server with numbers, lists and the filter', () => {
    const draft = change(
      emptyDraft('incoming'),
      ['name', ' Support '],
      ['email', 'support@example.com'],
      ['aliases', 'help@example.com,\n it@example.com'],
      ['host', 'imap.example.com'],
      ['username', 'support'],
      ['password', 'secret'],
      ['filter.type', 'ignore'],
      ['filter.keywords', 'Out of Office\nAuto Reply'],
    );
    const body = toRequestBody(draft);
    expect(body).toEqual({
      name: 'Support',
      email: 'support@example.com',
      aliases: ['help@example.com', 'it@example.com'],
      provider: 'other',
      protocol: 'imap',
      host: 'imap.example.com',
      port: 993,
      security: 'ssl',
      authType: 'basic',
      username: 'support',
      password: 'secret',
      enabled: true,
      primary: false,
      realTime: false,
      pollIntervalSeconds: 120,
      errorThreshold: 5,
      filter: {
        type: 'ignore',
        emails: [],
        domains: [],
        keywords: ['Out of Office', 'Auto Reply'],
      },
      folders: { inbox: 'INBOX' },
    });
    expect(draftIssues(draft)).toEqual([]);
  });

  it('leaves an untouched secret out, so the backend keeps it, and sends the version', () => {
    const loaded = incomingServer({ version: 7, passwordSet: true });
    const draft = draftFromServer(loaded, 'incoming');
    expect(draft.password).toBe('');
    const body = toRequestBody(draft, loaded);
    expect(body).not.toHaveProperty('password');
    expect(body.version).toBe(7);
    expect(draftIssues(draft, loaded)).toEqual([]);
    const replaced = toRequestBody(change(draft, ['password', 'new']), loaded);
    expect(replaced.password).toBe('new');
  });

  it('leaves an untouched client secret out of the OAuth settings', () => {
    const loaded = incomingServer({
      provider: 'microsoft',
      authType: 'oauth',
      clientSecretSet: true,
      passwordSet: false,
      oauth: {
        clientId: 'app',
        authorizationUrl: 'https://login.example.com/a',
        tokenUrl: 'https://login.example.com/t',
        scope: 'offline_access',
      },
    });
    const body = toRequestBody(draftFromServer(loaded, 'incoming'), loaded);
    expect(body.oauth).toEqual({
      clientId: 'app',
      authorizationUrl: 'https://login.example.com/a',
      tokenUrl: 'https://login.example.com/t',
      scope: 'offline_access',
    });
    expect(body).not.toHaveProperty('host');
    expect(body).not.toHaveProperty('port');
    expect(body).not.toHaveProperty('password');
    expect(body.authType).toBe('oauth');
  });

  it('sends no credentials for an outgoing server without authentication', () => {
    const loaded = outgoingServer();
    const draft = change(draftFromServer(loaded, 'outgoing'), [
      'authNeeded',
      false,
    ]);
    const body = toRequestBody(draft, loaded);
    expect(body).toMatchObject({ authNeeded: false });
    expect(body).not.toHaveProperty('authType');
    expect(body).not.toHaveProperty('username');
    expect(body).not.toHaveProperty('technicianGroup');
    expect(draftIssues(draft, loaded)).toEqual([]);
  });

  it('implies Basic Auth for POP3 and leaves IMAP-only fields out', () => {
    const draft = change(
      draftFromServer(incomingServer({ realTime: true }), 'incoming'),
      ['protocol', 'pop3'],
      ['deleteAfterFetch', true],
    );
    const body = toRequestBody(draft);
    expect(body).toMatchObject({
      protocol: 'pop3',
      port: 995,
      authType: 'basic',
      deleteAfterFetch: true,
    });
    expect(body).not.toHaveProperty('realTime');
    expect(body).not.toHaveProperty('folders');
  });

  it('sends NTLM and impersonation for an EWS server', () => {
    const draft = change(
      emptyDraft('incoming'),
      ['name', 'Exchange'],
      ['email', 'support@example.com'],
      ['protocol', 'ews'],
      ['ewsUrl', 'https://mail.example.com/EWS/Exchange.asmx'],
      ['authType', 'ntlm'],
      ['username', 'CORP\\svc-helpdesk'],
      ['password', 'secret'],
      ['ewsImpersonation', true],
      ['realTime', true],
    );
    const body = toRequestBody(draft);
    expect(body).toMatchObject({
      protocol: 'ews',
      ewsUrl: 'https://mail.example.com/EWS/Exchange.asmx',
      authType: 'ntlm',
      username: 'CORP\\svc-helpdesk',
      password: 'secret',
      ewsImpersonation: true,
      realTime: true,
    });
    expect(body).not.toHaveProperty('host');
    expect(draftIssues(draft)).toEqual([]);
    const delegate = toRequestBody(change(draft, ['ewsImpersonation', false]));
    expect(delegate.ewsImpersonation).toBe(false);
  });

  it('sends NTLM and impersonation for an outgoing EWS server', () => {
    const draft = change(
      emptyDraft('outgoing'),
      ['name', 'Exchange'],
      ['email', 'noreply@example.com'],
      ['protocol', 'ews'],
      ['ewsUrl', 'https://mail.example.com/EWS/Exchange.asmx'],
      ['authType', 'ntlm'],
      ['username', 'CORP\\svc-helpdesk'],
      ['password', 'secret'],
      ['ewsImpersonation', true],
    );
    const body = toRequestBody(draft);
    expect(body).toMatchObject({
      protocol: 'ews',
      authNeeded: true,
      authType: 'ntlm',
      ewsImpersonation: true,
    });
    expect(draftIssues(draft)).toEqual([]);
  });

  it('sends no impersonation and Basic Auth once an EWS server becomes IMAP', () => {
    const loaded = incomingServer({
      protocol: 'ews',
      host: undefined,
      port: undefined,
      security: undefined,
      ewsUrl: 'https://mail.example.com/EWS/Exchange.asmx',
      authType: 'ntlm',
      ewsImpersonation: true,
    });
    const draft = change(
      draftFromServer(loaded, 'incoming'),
      ['protocol', 'imap'],
      ['host', 'imap.example.com'],
    );
    const body = toRequestBody(draft, loaded);
    expect(body).toMatchObject({ protocol: 'imap', authType: 'basic' });
    expect(body).not.toHaveProperty('ewsImpersonation');
    expect(body).not.toHaveProperty('ewsUrl');
    expect(draftIssues(draft, loaded)).toEqual([]);
    const imap = toRequestBody(emptyDraft('incoming'));
    expect(imap).not.toHaveProperty('ewsImpersonation');
  });

  it('always impersonates with app-only access to EWS', () => {
    const draft = change(
      emptyDraft('incoming'),
      ['name', 'Exchange Online'],
      ['email', 'support@contoso.com'],
      ['provider', 'microsoft'],
      ['protocol', 'ews'],
      ['oauth.clientId', 'app-1'],
      ['oauth.clientSecret', 's3cret'],
      ['oauth.grantType', 'client-credentials'],
    );
    expect(draft.ewsImpersonation).toBe(false);
    const body = toRequestBody(draft);
    expect(body).toMatchObject({
      authType: 'oauth',
      ewsImpersonation: true,
      oauth: { grantType: 'client-credentials' },
    });
    expect(draftIssues(draft)).toEqual([]);
  });

  it('names the fields the shared validation refuses', () => {
    const draft = change(emptyDraft('incoming'), ['port', '0']);
    expect(draftIssues(draft).map(i => i.field)).toEqual(
      expect.arrayContaining(['name', 'email', 'port']),
    );
  });
});
