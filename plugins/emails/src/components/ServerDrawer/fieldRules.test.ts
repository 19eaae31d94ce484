import { DEFAULT_GRAPH_ENDPOINT } from '@internal/plugin-emails-common';
import { incomingServer, outgoingServer } from '../__testUtils__';
import { draftFromServer, emptyDraft, FieldKey, ServerDraft } from './draft';
import {
  changeField,
  effectiveAuthType,
  ewsImpersonationInForce,
  signsInWithConsent,
  visibleFields,
} from './fieldRules';
import { authTypeChoices } from './options';

function change(draft: ServerDraft, ...steps: [FieldKey, any][]) {
  return steps.reduce((d, [key, value]) => changeField(d, key, value), draft);
}

function shows(draft: ServerDraft, ...fields: FieldKey[]) {
  const shown = visibleFields(draft);
  return fields.filter(f => shown.has(f));
}

const AUTH: FieldKey[] = ['username', 'password', 'oauth.clientId'];

describe('visibleFields', () => {
  it('shows Server, Port, Security Type and Basic Auth for a new IMAP server', () => {
    const draft = emptyDraft('incoming');
    expect(shows(draft, 'host', 'port', 'security', 'authType')).toEqual([
      'host',
      'port',
      'security',
      'authType',
    ]);
    expect(shows(draft, ...AUTH)).toEqual(['username', 'password']);
    expect(shows(draft, 'realTime', 'deleteAfterFetch')).toEqual(['realTime']);
  });

  it('offers app-only access for Microsoft Graph and EWS only, where nobody then signs in', () => {
    const microsoft = change(emptyDraft('incoming'), ['provider', 'microsoft']);
    expect(shows(microsoft, 'oauth.grantType')).toEqual([]);
    expect(shows(microsoft, 'oauth.clientSecretExpiresAt')).toEqual([
      'oauth.clientSecretExpiresAt',
    ]);
    for (const protocol of ['graph', 'ews']) {
      const draft = change(microsoft, ['protocol', protocol]);
      expect(shows(draft, 'oauth.grantType')).toEqual(['oauth.grantType']);
      expect(signsInWithConsent(draft)).toBe(true);
      const appOnly = change(draft, ['oauth.grantType', 'client-credentials']);
      expect(signsInWithConsent(appOnly)).toBe(false);
    }
    const otherGraph = change(emptyDraft('incoming'), ['protocol', 'graph']);
    expect(shows(otherGraph, 'oauth.grantType')).toEqual([]);
    expect(signsInWithConsent(emptyDraft('incoming'))).toBe(false);
  });

  it('hides Server, Port, Security Type and Email Auth Type for Sign in with Microsoft, and shows OAuth', () => {
    const draft = change(emptyDraft('incoming'), ['provider', 'microsoft']);
    expect(shows(draft, 'host', 'port', 'security', 'authType')).toEqual([]);
    expect(effectiveAuthType(draft)).toBe('oauth');
    expect(shows(draft, ...AUTH, 'oauth.tenantId', 'oauth.tokenUrl')).toEqual([
      'username',
      'oauth.clientId',
      'oauth.tenantId',
      'oauth.tokenUrl',
    ]);
  });

  it('offers POP3 with Basic Auth or OAuth, with Delete after fetch instead of Real Time Scanning and folders', () => {
    const draft = change(
      emptyDraft('incoming'),
      ['authType', 'oauth'],
      ['protocol', 'pop3'],
    );
    expect(effectiveAuthType(draft)).toBe('oauth');
    expect(shows(draft, 'authType', 'password', 'oauth.clientId')).toEqual([
      'authType',
      'oauth.clientId',
    ]);
    expect(
      shows(draft, 'realTime', 'deleteAfterFetch', 'folders.inbox'),
    ).toEqual(['deleteAfterFetch']);
  });

  it('swaps Password for the OAuth fields when the auth type is OAuth', () => {
    const draft = change(emptyDraft('incoming'), ['authType', 'oauth']);
    expect(shows(draft, ...AUTH, 'oauth.scope')).toEqual([
      'username',
      'oauth.clientId',
      'oauth.scope',
    ]);
  });

  it('shows the EWS Connect URL for MAPI (EWS) and the Graph Endpoint for Graph', () => {
    const ews = change(emptyDraft('incoming'), ['protocol', 'ews']);
    expect(shows(ews, 'ewsUrl', 'graphEndpoint', 'host', 'authType')).toEqual([
      'ewsUrl',
      'authType',
    ]);
    const graph = change(emptyDraft('incoming'), ['protocol', 'graph']);
    expect(shows(graph, 'ewsUrl', 'graphEndpoint', 'authType')).toEqual([
      'graphEndpoint',
    ]);
    expect(effectiveAuthType(graph)).toBe('oauth');
    expect(graph.graphEndpoint).toBe(DEFAULT_GRAPH_ENDPOINT);
  });

  it('offers NTLM for EWS only, with Username and Password like Basic Auth', () => {
    const values = (protocol: any) =>
      authTypeChoices(protocol).map(c => c.value);
    expect(values('ews')).toEqual(['basic', 'ntlm', 'oauth']);
    for (const protocol of ['imap', 'pop3', 'smtp', 'graph']) {
      expect(values(protocol)).toEqual(['basic', 'oauth']);
    }
    for (const direction of ['incoming', 'outgoing'] as const) {
      const draft = change(
        emptyDraft(direction),
        ['protocol', 'ews'],
        ['authType', 'ntlm'],
      );
      expect(effectiveAuthType(draft)).toBe('ntlm');
      expect(shows(draft, 'authType', ...AUTH)).toEqual([
        'authType',
        'username',
        'password',
      ]);
    }
  });

  it('shows the impersonation switch for EWS only', () => {
    for (const direction of ['incoming', 'outgoing'] as const) {
      const draft = emptyDraft(direction);
      expect(shows(draft, 'ewsImpersonation')).toEqual([]);
      const ews = change(draft, ['protocol', 'ews']);
      expect(shows(ews, 'ewsImpersonation')).toEqual(['ewsImpersonation']);
      expect(ewsImpersonationInForce(ews)).toBe(false);
      const on = change(ews, ['ewsImpersonation', true]);
      expect(ewsImpersonationInForce(on)).toBe(true);
      const graph = change(on, ['protocol', 'graph']);
      expect(shows(graph, 'ewsImpersonation')).toEqual([]);
      expect(ewsImpersonationInForce(graph)).toBe(false);
    }
  });

  it('always impersonates with app-only access to EWS, whatever the switch says', () => {
    const draft = change(
      emptyDraft('incoming'),
      ['provider', 'microsoft'],
      ['protocol', 'ews'],
    );
    expect(draft.ewsImpersonation).toBe(false);
    expect(ewsImpersonationInForce(draft)).toBe(false);
    const appOnly = change(draft, ['oauth.grantType', 'client-credentials']);
    expect(shows(appOnly, 'ewsImpersonation')).toEqual(['ewsImpersonation']);
    expect(ewsImpersonationInForce(appOnly)).toBe(true);
  });

  it('offers Real Time Scanning for IMAP, EWS and Graph, but not POP3', () => {
    for (const protocol of ['imap', 'ews', 'graph']) {
      const draft = change(emptyDraft('incoming'), ['protocol', protocol]);
      expect(shows(draft, 'realTime')).toEqual(['realTime']);
    }
    const pop3 = change(emptyDraft('incoming'), ['protocol', 'pop3']);
    expect(shows(pop3, 'realTime')).toEqual([]);
  });

  it('shows the filter lists only with a Filter Type', () => {
    const draft = emptyDraft('incoming');
    expect(shows(draft, 'filter.emails')).toEqual([]);
    const allow = change(draft, ['filter.type', 'allow']);
    expect(
      shows(allow, 'filter.emails', 'filter.domains', 'filter.keywords'),
    ).toHaveLength(3);
  });

  it('hides every auth field of an outgoing server when Authentication Needed is off', () => {
    const draft = emptyDraft('outgoing');
    expect(shows(draft, 'authNeeded', 'authType', 'senderName')).toEqual([
      'authNeeded',
      'authType',
      'senderName',
    ]);
    const open = change(draft, ['authNeeded', false]);
    expect(shows(open, 'authType', ...AUTH)).toEqual([]);
    expect(shows(open, 'technicianGroup', 'outgoingServerId')).toEqual([]);
  });
});

describe('changeField', () => {
  it('fills the port from protocol and security: IMAP+SSL 993, STARTTLS 143', () => {
    let draft = emptyDraft('incoming');
    expect(draft.port).toBe('993');
    draft = change(draft, ['security', 'starttls']);
    expect(draft.port).toBe('143');
    draft = change(draft, ['protocol', 'pop3'], ['security', 'ssl']);
    expect(draft.port).toBe('995');
  });

  it('keeps a port typed by hand, and resumes filling when it is cleared', () => {
    let draft = change(emptyDraft('incoming'), ['port', '1993']);
    draft = change(draft, ['security', 'starttls'], ['protocol', 'pop3']);
    expect(draft.port).toBe('1993');
    draft = change(draft, ['port', ''], ['security', 'ssl']);
    expect(draft.port).toBe('995');
  });

  it('keeps the non-default port of a loaded server but follows a default one', () => {
    const custom = draftFromServer(incomingServer({ port: 10993 }), 'incoming');
    expect(change(custom, ['security', 'starttls']).port).toBe('10993');
    const standard = draftFromServer(incomingServer(), 'incoming');
    expect(change(standard, ['security', 'starttls']).port).toBe('143');
  });

  it('pre-fills the Microsoft endpoints with the tenant, common when blank', () => {
    let draft = change(emptyDraft('incoming'), ['provider', 'microsoft']);
    expect(draft['oauth.authorizationUrl']).toBe(
      'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    );
    draft = change(draft, ['oauth.tenantId', 'contoso.onmicrosoft.com']);
    expect(draft['oauth.tokenUrl']).toBe(
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
    );
  });

  it('moves the scope with the protocol while it holds the default, not after an edit', () => {
    let draft = change(emptyDraft('incoming'), ['provider', 'microsoft']);
    expect(draft['oauth.scope']).toBe(
      'offline_access https://outlook.office365.com/IMAP.AccessAsUser.All',
    );
    draft = change(draft, ['protocol', 'graph']);
    expect(draft['oauth.scope']).toBe('Mail.ReadWrite offline_access');
    draft = change(draft, ['oauth.scope', 'Mail.Read'], ['protocol', 'ews']);
    expect(draft['oauth.scope']).toBe('Mail.Read');
  });

  it('uses the outgoing Graph scope for outgoing servers', () => {
    const draft = change(
      emptyDraft('outgoing'),
      ['provider', 'microsoft'],
      ['protocol', 'graph'],
    );
    expect(draft['oauth.scope']).toBe('Mail.Send offline_access');
  });

  it('falls back from NTLM to Basic Auth when the protocol leaves EWS', () => {
    const incoming = change(
      emptyDraft('incoming'),
      ['protocol', 'ews'],
      ['authType', 'ntlm'],
      ['protocol', 'imap'],
    );
    expect(incoming.authType).toBe('basic');
    expect(effectiveAuthType(incoming)).toBe('basic');
    const outgoing = change(
      emptyDraft('outgoing'),
      ['protocol', 'ews'],
      ['authType', 'ntlm'],
      ['protocol', 'smtp'],
    );
    expect(outgoing.authType).toBe('basic');
    const stays = change(
      emptyDraft('incoming'),
      ['protocol', 'ews'],
      ['authType', 'ntlm'],
      ['ewsUrl', 'https://mail.example.com/EWS/Exchange.asmx'],
    );
    expect(stays.authType).toBe('ntlm');
  });

  it('reads an EWS server with NTLM and impersonation', () => {
    const draft = draftFromServer(
      incomingServer({
        protocol: 'ews',
        host: undefined,
        port: undefined,
        security: undefined,
        ewsUrl: 'https://mail.example.com/EWS/Exchange.asmx',
        authType: 'ntlm',
        username: 'CORP\\support',
        ewsImpersonation: true,
      }),
      'incoming',
    );
    expect(draft).toMatchObject({
      authType: 'ntlm',
      username: 'CORP\\support',
      ewsImpersonation: true,
    });
    expect(effectiveAuthType(draft)).toBe('ntlm');
    expect(ewsImpersonationInForce(draft)).toBe(true);
  });

  it('leaves POP3 when the provider becomes Microsoft', () => {
    const draft = change(
      emptyDraft('incoming'),
      ['protocol', 'pop3'],
      ['provider', 'microsoft'],
    );
    expect(draft.protocol).toBe('imap');
  });

  it('reads an outgoing server without Authentication Needed', () => {
    const draft = draftFromServer(
      outgoingServer({ authNeeded: false, port: 25, security: 'none' }),
      'outgoing',
    );
    expect(draft.authNeeded).toBe(false);
    expect(draft.portTouched).toBe(false);
    expect(effectiveAuthType(draft)).toBeUndefined();
  });
});
