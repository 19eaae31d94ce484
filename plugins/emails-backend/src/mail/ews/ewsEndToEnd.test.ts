// An Exchange mailbox end to end through the REST API, against the test
// bed's local HTTPS stand-in for Exchange Web Services (documented SOAP
// shapes; not Microsoft's server): an admin adds an NTLM mailbox that
// impersonates a shared mailbox, tests it, a mail becomes a ticket, and
// the technician's reply leaves through an EWS outgoing server with a copy
// in Sent Items, threaded to the requester's mail.
import {
  EwsPeer,
  startBedEwsPeer,
  startTestBed,
  TestBed,
} from '@internal/emails-test-bed';
import { simpleParser } from 'mailparser';
import { startEmailsBackend } from '../../__testUtils__/testBackend';
import { waitFor } from '../../__testUtils__/waitFor';

jest.setTimeout(120_000);

const ACCOUNT = 'LOCALHOST\\support@localhost';
const PASSWORD = 'support-password';
const SHARED = 'servicedesk@localhost';

describe('an EWS mailbox through the API', () => {
  let bed: TestBed;
  let ews: EwsPeer;
  let backend: Awaited<ReturnType<typeof startEmailsBackend>>;

  beforeAll(async () => {
    bed = await startTestBed();
    ews = await startBedEwsPeer(bed);
    backend = await startEmailsBackend({
      admins: ['group:default/it-support'],
      tls: { trustedCertificates: [bed.caPem] },
    });
  });
  afterAll(async () => {
    await ews?.stop();
    await bed?.stop();
  });

  const exchange = {
    email: SHARED,
    protocol: 'ews',
    provider: 'other',
    authType: 'ntlm',
    username: ACCOUNT,
    password: PASSWORD,
    ewsImpersonation: true,
  };

  it('refuses settings that do not fit EWS, naming the field', async () => {
    const ntlmImap = await backend.call('admin', 'post', '/servers/incoming', {
      ...exchange,
      name: 'Wrong',
      protocol: 'imap',
      host: bed.host,
      port: bed.ports.imaps,
      security: 'ssl',
    });
    expect(ntlmImap.status).toBe(400);
    expect(ntlmImap.body.error.message).toContain(
      'authType ntlm is for EWS only',
    );
    expect(ntlmImap.body.error.message).toContain(
      'ewsImpersonation applies to EWS only',
    );
    const noUrl = await backend.call('admin', 'post', '/servers/incoming', {
      ...exchange,
      name: 'No URL',
    });
    expect(noUrl.status).toBe(400);
    expect(noUrl.body.error.message).toContain('ewsUrl is required for EWS');
  });

  it('tests, fetches into a ticket and replies through EWS with a copy in Sent Items', async () => {
    ews.grantImpersonation('support@localhost');
    const created = await backend.call('admin', 'post', '/servers/incoming', {
      ...exchange,
      name: 'Service desk (Exchange)',
      ewsUrl: ews.url,
      folders: { inbox: 'INBOX', success: 'Ticketed' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      authType: 'ntlm',
      ewsImpersonation: true,
      passwordSet: true,
    });
    expect(JSON.stringify(created.body)).not.toContain(PASSWORD);
    const id = created.body.id;

    const tested = await backend.call(
      'admin',
      'post',
      `/servers/incoming/${id}/test`,
    );
    expect(tested.body.stages.map((s: any) => [s.stage, s.ok])).toEqual([
      ['dns', true],
      ['tcp', true],
      ['tls', true],
      ['auth', true],
      ['protocol', true],
    ]);
    expect(tested.body.stages[4].message).toContain(
      `Opened the Inbox of ${SHARED}`,
    );

    ews
      .mailbox(SHARED)
      .deliver(
        Buffer.from(
          `From: Rita <rita@example.com>\r\nTo: ${SHARED}\r\nSubject: Laptop will not boot\r\nMessage-ID: <boot-1@example.com>\r\n\r\nIt shows a black screen.\r\n`,
        ),
      );
    const sync = await backend.call(
      'admin',
      'post',
      `/servers/incoming/${id}/sync`,
    );
    expect(sync.status).toBe(202);
    const ticketed = await waitFor(async () => {
      const res = await backend.call(
        'admin',
        'get',
        `/messages?serverId=${id}`,
      );
      return res.body.items?.find((m: any) => m.status === 'ticketed');
    }, 'the EWS message to become a ticket');
    expect(ticketed.subject).toBe('Laptop will not boot');
    // Filed into the success folder of the shared mailbox.
    expect(ews.mailbox(SHARED).messages('Ticketed')).toHaveLength(1);
    expect(ews.mailbox(SHARED).messages('Inbox')).toHaveLength(0);
    expect(
      ews.requestLog
        .filter(r => r.operation === 'SyncFolderItems')
        .every(r => r.scheme === 'NTLM' && r.impersonated === SHARED),
    ).toBe(true);

    const outgoing = await backend.call('admin', 'post', '/servers/outgoing', {
      ...exchange,
      name: 'Service desk sender (Exchange)',
      ewsUrl: ews.url,
      authNeeded: true,
      primary: true,
    });
    expect(outgoing.status).toBe(201);
    const reply = await backend.call(
      'admin',
      'post',
      `/tickets/${ticketed.ticketId}/replies`,
      { body: 'Hold the power button for ten seconds.' },
    );
    expect(reply.status).toBe(201);
    const sent = await waitFor(
      async () =>
        ews.sent.find(m => m.raw.toString().includes('Hold the power button')),
      'the reply to be sent through EWS',
    );
    expect(sent.mailbox).toBe(SHARED);
    const parsed = await simpleParser(sent.raw);
    expect(parsed.inReplyTo).toBe('<boot-1@example.com>');
    expect((parsed.to as any).text).toContain('rita@example.com');
    expect(
      ews
        .mailbox(SHARED)
        .messages('Sent Items')
        .some(m => m.raw.toString().includes('Hold the power button')),
    ).toBe(true);
    expect(backend.everythingSaid()).not.toContain(PASSWORD);
  });
});
