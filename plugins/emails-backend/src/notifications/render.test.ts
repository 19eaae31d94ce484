import { DEFAULT_NOTIFICATION_TEMPLATES } from '@internal/plugin-emails-common';
import { renderNotification } from './render';

describe('renderNotification', () => {
  it('keeps the subject on one line and escapes values in the HTML only', () => {
    const rendered = renderNotification(
      DEFAULT_NOTIFICATION_TEMPLATES.acknowledgement,
      {
        reference: '[REQ-7]',
        title: 'Broken <b>printer</b>\r\nBcc: evil@example.com',
        requesterName: 'Rita & Co',
        mailboxName: 'IT Support',
      },
    );
    expect(rendered.subject).toBe(
      'Re: [REQ-7] Broken <b>printer</b> Bcc: evil@example.com',
    );
    expect(rendered.text).toContain('Hello Rita & Co,');
    expect(rendered.html).toContain('Hello Rita &amp; Co,');
    expect(rendered.html).toContain('Broken &lt;b&gt;printer&lt;/b&gt;');
    expect(rendered.html).not.toContain('<b>printer');
  });

  it('makes the HTML from the text when the template has none', () => {
    const rendered = renderNotification(
      { subject: '{{reference}}', text: 'Line one\nline two\n\n{{title}}' },
      { reference: 'R-1', title: '<x>' },
    );
    expect(rendered.html).toBe('<p>Line one<br>line two</p>\n<p>&lt;x&gt;</p>');
  });
});
