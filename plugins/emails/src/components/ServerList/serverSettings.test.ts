import { incomingServer, outgoingServer } from '../__testUtils__';
import { enableToggleBody } from './serverSettings';

describe('enableToggleBody', () => {
  it('sends every non-secret setting with the flag flipped and the version', () => {
    const server = incomingServer({
      enabled: true,
      version: 4,
      proxyId: null as unknown as undefined,
      oauth: { clientId: 'app', scope: 's' },
    });
    const body = enableToggleBody(server, 'incoming');
    expect(body).toMatchObject({
      name: 'IT Support',
      email: 'support@example.com',
      protocol: 'imap',
      host: 'imap.example.com',
      port: 993,
      username: 'support',
      technicianGroup: 'group:default/it-support',
      folders: { inbox: 'INBOX' },
      oauth: { clientId: 'app', scope: 's' },
      enabled: false,
      version: 4,
    });
    for (const key of [
      'id',
      'health',
      'passwordSet',
      'clientSecretSet',
      'createdAt',
      'updatedAt',
      'password',
      'proxyId',
    ]) {
      expect(body).not.toHaveProperty(key);
    }
  });

  it('keeps the auth type and impersonation of an EWS server', () => {
    const server = incomingServer({
      protocol: 'ews',
      host: undefined,
      port: undefined,
      security: undefined,
      ewsUrl: 'https://mail.example.com/EWS/Exchange.asmx',
      authType: 'ntlm',
      ewsImpersonation: true,
    });
    expect(enableToggleBody(server, 'incoming')).toMatchObject({
      protocol: 'ews',
      authType: 'ntlm',
      ewsImpersonation: true,
      enabled: false,
    });
    expect(
      enableToggleBody(
        outgoingServer({ protocol: 'ews', ewsImpersonation: true }),
        'outgoing',
      ),
    ).toMatchObject({ ewsImpersonation: true, enabled: false });
  });

  it('keeps the outgoing fields and leaves incoming ones out', () => {
    const body = enableToggleBody(
      outgoingServer({ enabled: false, senderName: 'Help Desk' }),
      'outgoing',
    );
    expect(body).toMatchObject({
      enabled: true,
      senderName: 'Help Desk',
      authNeeded: true,
    });
    expect(body).not.toHaveProperty('folders');
  });
});
