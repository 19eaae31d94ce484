import { parseBounce } from './bounce';
import { parse, rawMail } from './__testUtils__/messages';

async function bounceOf(raw: Buffer) {
  return parseBounce(await parse(raw), raw);
}

describe('parseBounce of bounces without a delivery-status report', () => {
  it('reads a plain-text qmail bounce', async () => {
    const raw = rawMail(
      {
        'Return-Path': '<>',
        From: 'MAILER-DAEMON@mail.example.net',
        To: 'support@acme.example',
        Subject: 'failure notice',
      },
      [
        'Hi. This is the qmail-send program at mail.example.net.',
        "I'm afraid I wasn't able to deliver your message to the following addresses.",
        "This is a permanent error; I've given up. Sorry it didn't work out.",
        '',
        '<carl@example.net>:',
        'Sorry, no mailbox here by that name. (#5.1.1)',
        '',
        '--- Below this line is a copy of the message.',
        '',
        'Return-Path: <support@acme.example>',
        'Message-ID: <t-5120.r-01@tickets.acme.example>',
        'From: Acme Support <support@acme.example>',
        'To: carl@example.net',
        'Subject: [#5120] Your request was received',
        '',
        'We have your request.',
      ],
    );
    expect(await bounceOf(raw)).toEqual({
      failedRecipients: [{ address: 'carl@example.net', status: '5.1.1' }],
      originalMessageId: '<t-5120.r-01@tickets.acme.example>',
    });
  });

  it('reads a sendmail bounce ("permanent fatal errors") with the original attached', async () => {
    const raw = rawMail(
      {
        From: 'Mail Delivery Subsystem <MAILER-DAEMON@gw.partner.example>',
        To: 'support@acme.example',
        Subject: 'Returned mail: see transcript for details',
        'Content-Type': 'multipart/mixed; boundary="sm1"',
      },
      [
        '--sm1',
        'Content-Type: text/plain',
        '',
        '   ----- The following addresses had permanent fatal errors -----',
        '<dana@partner.example>',
        '    (reason: 550 5.1.1 <dana@partner.example>... User unknown)',
        '',
        '   ----- Transcript of session follows -----',
        '--sm1',
        'Content-Type: message/rfc822',
        '',
        'Message-ID: <t-6001.r-9@tickets.acme.example>',
        'Subject: [#6001] Re: access',
        '',
        'body',
        '--sm1--',
        '',
      ],
    );
    expect(await bounceOf(raw)).toEqual({
      failedRecipients: [
        {
          address: 'dana@partner.example',
          status: '5.1.1',
          diagnostic: '550 5.1.1 <dana@partner.example>... User unknown)',
        },
      ],
      originalMessageId: '<t-6001.r-9@tickets.acme.example>',
    });
  });

  it('reads an old Exchange NDR in plain text', async () => {
    const raw = rawMail(
      {
        From: 'System Administrator <postmaster@corp.example>',
        To: 'support@acme.example',
        Subject: 'Undeliverable: [#7007] Access granted',
      },
      [
        'Your message did not reach some or all of the intended recipients.',
        '',
        '      Subject:\t[#7007] Access granted',
        '      Sent:\t11/12/2024 9:40 AM',
        '',
        'Delivery has failed to these recipients or groups:',
        '',
        'eve@corp.example',
        "The e-mail address you entered couldn't be found. #550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##",
        '',
        'Original message headers:',
        '',
        'Message-ID: <t-7007.r-3@tickets.acme.example>',
        'Subject: [#7007] Access granted',
      ],
    );
    expect(await bounceOf(raw)).toEqual({
      failedRecipients: [
        {
          address: 'eve@corp.example',
          status: '5.1.1',
          diagnostic: '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##',
        },
      ],
      originalMessageId: '<t-7007.r-3@tickets.acme.example>',
    });
  });
});
