import { TestDatabases } from '@backstage/backend-test-utils';
import { emailsTestDatabaseIds } from '../../__testUtils__/testDatabases';
import { mail, startPipeline } from '../__testUtils__/pipeline';

jest.setTimeout(60_000);

const ALTERNATIVE = 'multipart/alternative; boundary="alt"';

// A mail with a text and an HTML body, as Gmail sends it.
const alternative = (text: string, html: string) =>
  `--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n--alt--\r\n`;

describe('history trimming through the pipeline', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'shows the note of a new ticket that quotes an earlier conversation on %p',
    async id => {
      const { stores, deliver } = await startPipeline(databases, id);
      const { outcome } = await deliver(
        mail(
          {
            From: 'Rita <rita@example.com>',
            To: 'support@example.com',
            Subject: 'Printer still jams',
          },
          'Still broken after last week.\r\n\r\nSent from my iPhone\r\n\r\nOn 3 Nov 2026, at 10:02, Bob <bob@example.org> wrote:\r\n> I reset the printer.\r\n',
        ),
      );
      expect(outcome.status).toBe('ticketed');
      const [description] = await stores.tickets.entries(outcome.ticketId!);
      expect(description.kind).toBe('description');
      expect(description.text).toBe('Still broken after last week.');
      expect(description.quotedText).toMatch(
        /^Sent from my iPhone[^]*> I reset the printer\.$/,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'shows the note of a forwarded mail and collapses the forward on %p',
    async id => {
      const { stores, deliver } = await startPipeline(databases, id);
      const forward =
        '---------- Forwarded message ---------\r\nFrom: Build Server <ci@example.org>\r\nDate: Tue, 3 Nov 2026 at 10:02\r\nSubject: Build failed\r\nTo: Rita <rita@example.com>\r\n\r\nDisk full on agent-7.';
      const { outcome } = await deliver(
        mail(
          {
            From: 'Rita <rita@example.com>',
            To: 'support@example.com',
            Subject: 'Fwd: Build failed',
            'Content-Type': ALTERNATIVE,
          },
          alternative(
            `Please look at this.\r\n\r\n${forward}`,
            '<div dir="ltr">Please look at this.<br><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>From: Build Server &lt;ci@example.org&gt;<br></div><br>Disk full on agent-7.</div></div>',
          ),
        ),
      );
      const [description] = await stores.tickets.entries(outcome.ticketId!);
      expect(description.text).toBe('Please look at this.');
      expect(description.quotedText).toContain('Disk full on agent-7.');
      expect(description.html).toContain('Please look at this.');
      expect(description.html).not.toContain('agent-7');
      expect(description.quotedHtml).toContain('Disk full on agent-7.');
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps a new ticket without history whole on %p',
    async id => {
      const { stores, deliver } = await startPipeline(databases, id);
      const { outcome } = await deliver(
        mail(
          { From: 'rita@example.com', Subject: 'Monitor' },
          'My monitor flickers.\r\n',
        ),
      );
      const [description] = await stores.tickets.entries(outcome.ticketId!);
      expect(description.text).toBe('My monitor flickers.\n');
      expect(description.quotedText).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'appends only the answers of a reply written between quotes on %p',
    async id => {
      const { stores, deliver } = await startPipeline(databases, id);
      const { outcome } = await deliver(
        mail({ From: 'rita@example.com', Subject: 'Printer' }, 'It jams.'),
      );
      const reply = await deliver(
        mail(
          {
            From: 'rita@example.com',
            Subject: `Re: [REQ-${outcome.ticketId}] Printer`,
          },
          'Am Di., 3. Nov. 2026 um 10:02 Uhr schrieb Bob <bob@example.org>:\r\n> Which floor?\r\nFloor 3.\r\n> Which model?\r\nThe HP one.\r\n',
        ),
      );
      expect(reply.outcome.status).toBe('appended');
      const [, entry] = await stores.tickets.entries(outcome.ticketId!);
      expect(entry.text).toBe('Floor 3.\nThe HP one.');
      expect(entry.quotedText).toContain('> Which model?');
    },
  );

  it.each(databases.eachSupportedId())(
    'appends a reply that is nothing but quotes with an empty body on %p',
    async id => {
      const { stores, deliver } = await startPipeline(databases, id);
      const { outcome } = await deliver(
        mail({ From: 'rita@example.com', Subject: 'Printer' }, 'It jams.'),
      );
      await deliver(
        mail(
          {
            From: 'rita@example.com',
            Subject: `Re: [REQ-${outcome.ticketId}] Printer`,
          },
          'On 3 Nov 2026, at 10:02, Bob <bob@example.org> wrote:\r\n> Which floor?\r\n',
        ),
      );
      const [, entry] = await stores.tickets.entries(outcome.ticketId!);
      expect(entry.text ?? '').toBe('');
      expect(entry.quotedText).toContain('> Which floor?');
    },
  );
});
