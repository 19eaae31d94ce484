import { parseBounce } from './bounce';
import { fixture, humanMail, parse, rawMail } from './__testUtils__/messages';

async function bounceOf(raw: Buffer) {
  return parseBounce(await parse(raw), raw);
}

describe('parseBounce', () => {
  it('reads a Postfix DSN: both failed recipients and the returned message', async () => {
    expect(await bounceOf(fixture('postfix-dsn.eml'))).toEqual({
      failedRecipients: [
        {
          address: 'jane.doe@customer.example',
          status: '5.1.1',
          diagnostic:
            '550 5.1.1 <jane.doe@customer.example>: Recipient address rejected: User unknown in virtual mailbox table',
        },
        {
          address: 'ops-team@customer.example',
          status: '5.2.2',
          diagnostic: '552 5.2.2 <ops-team@customer.example>: Mailbox full',
        },
      ],
      originalMessageId: '<t-1042.r-7f3a9c@tickets.acme.example>',
      originalReferences: [
        '<CAF=abc123@mail.customer.example>',
        '<t-1042.a-11@tickets.acme.example>',
      ],
    });
  });

  it('reads an Exchange Online NDR with only the returned headers (text/rfc822-headers)', async () => {
    expect(await bounceOf(fixture('exchange-online-ndr.eml'))).toEqual({
      failedRecipients: [
        {
          address: 'nobody@fabrikam.example',
          status: '5.1.10',
          diagnostic:
            '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
        },
      ],
      originalMessageId: '<t-2210.r-0c9d1e@tickets.acme.example>',
      originalReferences: [
        '<CY4PR1501MB2150.namprd15.prod.outlook.com@fabrikam.example>',
      ],
    });
  });

  it('reads a Gmail DSN nested in multipart/related and multipart/alternative', async () => {
    const bounce = await bounceOf(fixture('gmail-dsn.eml'));
    expect(bounce?.failedRecipients).toEqual([
      {
        address: 'missing.person@gmail.com',
        status: '5.1.1',
        diagnostic: expect.stringMatching(
          /^550-5\.1\.1 The email account that you tried to reach does not exist\. .* - gsmtp$/,
        ),
      },
    ]);
    expect(bounce?.originalMessageId).toBe(
      '<t-3301.r-5e6f7a@tickets.acme.example>',
    );
  });

  it('reads a plain-text Exim bounce and the message copy below it', async () => {
    expect(await bounceOf(fixture('exim-plain.eml'))).toEqual({
      failedRecipients: [
        {
          address: 'bob@old-domain.example',
          status: '5.1.1',
          diagnostic:
            '550 5.1.1 <bob@old-domain.example>: Recipient address rejected: User unknown in local recipient table',
        },
      ],
      originalMessageId: '<t-4410.r-aa01bb@tickets.acme.example>',
      originalReferences: ['<t-4410.a-1@tickets.acme.example>'],
    });
  });

  it('gives no failed recipient for a delay warning, but the message it is about', async () => {
    const raw = dsn(
      [
        'Final-Recipient: rfc822; slow@customer.example',
        'Action: delayed',
        'Status: 4.4.1',
        'Will-Retry-Until: Fri, 15 Nov 2024 09:15:02 +0100',
      ],
      [
        'Content-Type: text/rfc822-headers',
        '',
        'Message-ID: <t-8.r-1@tickets.acme.example>',
      ],
    );
    expect(await bounceOf(raw)).toEqual({
      failedRecipients: [],
      originalMessageId: '<t-8.r-1@tickets.acme.example>',
    });
  });

  it('prefers the Original-Recipient (the address we wrote to) over the Final-Recipient', async () => {
    const raw = dsn([
      'Original-Recipient: rfc822;Info@Customer.example',
      'Final-Recipient: rfc822;<frank.internal@mailhost.customer.example>',
      'Action: failed',
      'Status: 5.2.1',
    ]);
    const bounce = await bounceOf(raw);
    expect(bounce?.failedRecipients).toEqual([
      { address: 'info@customer.example', status: '5.2.1' },
    ]);
  });

  it('counts a recipient without an Action field by its 5.x.x status', async () => {
    const raw = dsn([
      'Final-Recipient: rfc822; a@customer.example',
      'Status: 5.0.0',
      '',
      'Final-Recipient: rfc822; b@customer.example',
      'Status: 4.0.0',
    ]);
    const bounce = await bounceOf(raw);
    expect(bounce?.failedRecipients.map(r => r.address)).toEqual([
      'a@customer.example',
    ]);
  });

  it("takes the bounced message's id from Gmail's X-Original-Message-ID when nothing is returned", async () => {
    const raw = dsn(
      [
        'Final-Recipient: rfc822; x@gmail.com',
        'Action: failed',
        'Status: 5.1.1',
      ],
      undefined,
      'X-Original-Message-ID: <t-9.r-2@tickets.acme.example>',
    );
    expect((await bounceOf(raw))?.originalMessageId).toBe(
      '<t-9.r-2@tickets.acme.example>',
    );
  });

  it('decodes a base64 delivery-status part', async () => {
    const report = Buffer.from(
      'Reporting-MTA: dns; mx.example\r\n\r\nFinal-Recipient: rfc822; g@customer.example\r\nAction: failed\r\nStatus: 5.1.1\r\n',
    ).toString('base64');
    const raw = rawMail(
      {
        From: 'MAILER-DAEMON@mx.example',
        'Content-Type':
          'multipart/report; report-type=delivery-status; boundary="r"',
      },
      [
        '--r',
        'Content-Type: message/delivery-status',
        'Content-Transfer-Encoding: base64',
        '',
        report,
        '--r--',
        '',
      ],
    );
    expect((await bounceOf(raw))?.failedRecipients).toEqual([
      { address: 'g@customer.example', status: '5.1.1' },
    ]);
  });

  it('is undefined for a message a person wrote', async () => {
    expect(await bounceOf(humanMail())).toBeUndefined();
  });
});

function dsn(
  recipients: string[],
  original?: string[],
  perMessage = 'Reporting-MTA: dns; mail.acme.example',
): Buffer {
  return rawMail(
    {
      'Return-Path': '<>',
      From: 'MAILER-DAEMON@mail.acme.example',
      Subject: 'Delivery Status Notification',
      'Content-Type':
        'multipart/report; report-type=delivery-status; boundary="dsn"',
    },
    [
      '--dsn',
      'Content-Type: text/plain',
      '',
      'See the report.',
      '--dsn',
      'Content-Type: message/delivery-status',
      '',
      perMessage,
      '',
      ...recipients,
      '',
      ...(original ? ['--dsn', ...original, ''] : []),
      '--dsn--',
      '',
    ],
  );
}
