import { emailsTicketReplyPermission } from '@internal/plugin-emails-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockEmailsApi,
  outgoingServer,
  renderWithApis,
  responseError,
} from '../__testUtils__';
import { ReplyComposer } from './ReplyComposer';

const REPLY = [emailsTicketReplyPermission.name];

function preferences(allowUserToSelectOutgoing: boolean) {
  return async () => ({ allowUserToSelectOutgoing, version: 1 } as any);
}

async function renderComposer(
  options: {
    api?: ReturnType<typeof mockEmailsApi>;
    allow?: string[];
  } = {},
) {
  const api = options.api ?? mockEmailsApi();
  const onSent = jest.fn();
  await renderWithApis(<ReplyComposer ticketId="t-1" onSent={onSent} />, {
    api,
    allow: options.allow ?? REPLY,
  });
  return { api, onSent };
}

describe('ReplyComposer', () => {
  it('is hidden without the reply permission', async () => {
    await renderComposer({ allow: [] });
    expect(
      screen.queryByRole('region', { name: 'Reply' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Message')).not.toBeInTheDocument();
  });

  it('sends the message, CC and attachments, then clears and reports it sent', async () => {
    const { api, onSent } = await renderComposer();
    await userEvent.type(await screen.findByLabelText('Message'), 'On it.');
    // Pasted: typing long text keystroke by keystroke is slow under load.
    await userEvent.click(screen.getByLabelText('CC'));
    await userEvent.paste('boss@example.com, rita@example.com');
    await userEvent.upload(screen.getByLabelText('Attachments'), [
      new File(['hello'], 'notes.txt', { type: 'text/plain' }),
      new File(['%PDF'], 'scan.pdf', { type: 'application/pdf' }),
    ]);
    const files = await screen.findByRole('list', { name: 'Attached files' });
    expect(files).toHaveTextContent('notes.txt');
    expect(files).toHaveTextContent('scan.pdf');
    await userEvent.click(
      within(files).getByRole('button', { name: 'Remove scan.pdf' }),
    );
    expect(files).not.toHaveTextContent('scan.pdf');

    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(onSent).toHaveBeenCalled());
    expect(api.replyToTicket).toHaveBeenCalledWith('t-1', {
      body: 'On it.',
      cc: ['boss@example.com', 'rita@example.com'],
      attachments: [
        {
          filename: 'notes.txt',
          contentType: 'text/plain',
          contentBase64: btoa('hello'),
        },
      ],
    });
    expect(screen.getByLabelText('Message')).toHaveValue('');
    expect(screen.getByLabelText('CC')).toHaveValue('');
    expect(
      screen.queryByRole('list', { name: 'Attached files' }),
    ).not.toBeInTheDocument();
  });

  it('formats the selection from the toolbar and sends the text', async () => {
    const { api } = await renderComposer();
    const message = (await screen.findByLabelText(
      'Message',
    )) as HTMLTextAreaElement;
    await userEvent.type(message, 'Please restart it');
    message.setSelectionRange(7, 14);
    const toolbar = screen.getByRole('toolbar', { name: 'Formatting' });
    await userEvent.click(
      within(toolbar).getByRole('button', { name: 'Bold' }),
    );
    expect(message).toHaveValue('Please **restart** it');
    expect(message).toHaveFocus();
    expect([message.selectionStart, message.selectionEnd]).toEqual([9, 16]);

    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() =>
      expect(api.replyToTicket).toHaveBeenCalledWith('t-1', {
        body: 'Please **restart** it',
        cc: [],
        attachments: [],
      }),
    );
  });

  it('prefixes the selected lines with the list syntax', async () => {
    await renderComposer();
    const message = (await screen.findByLabelText(
      'Message',
    )) as HTMLTextAreaElement;
    await userEvent.click(message);
    await userEvent.paste('Steps:\nrestart\nlog in');
    message.setSelectionRange(8, 20);
    await userEvent.click(
      screen.getByRole('button', { name: 'Numbered list' }),
    );
    expect(message).toHaveValue('Steps:\n\n1. restart\n2. log in');
  });

  it('previews the formatted text as the HTML the requester gets', async () => {
    await renderComposer();
    await userEvent.click(await screen.findByLabelText('Message'));
    await userEvent.paste('Please **restart** it\n\n- <b>not</b> markup');
    const toggle = screen.getByRole('button', { name: 'Preview' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(
      screen.queryByRole('region', { name: 'Preview' }),
    ).not.toBeInTheDocument();
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const preview = screen.getByRole('region', { name: 'Preview' });
    const frame = within(preview).getByTitle('Preview');
    expect(frame).toHaveAttribute(
      'sandbox',
      'allow-popups allow-popups-to-escape-sandbox',
    );
    const doc = frame.getAttribute('srcdoc') ?? '';
    expect(doc).toContain('<strong>restart</strong>');
    expect(doc).toContain('<li>&lt;b&gt;not&lt;/b&gt; markup</li>');
    await userEvent.click(toggle);
    expect(
      screen.queryByRole('region', { name: 'Preview' }),
    ).not.toBeInTheDocument();
  });

  it('does not send an empty message', async () => {
    const { api } = await renderComposer();
    await userEvent.click(await screen.findByRole('button', { name: 'Send' }));
    expect(screen.getByText('Message is required')).toBeInTheDocument();
    expect(api.replyToTicket).not.toHaveBeenCalled();
  });

  it('offers no outgoing server when the Email Preference does not allow choosing', async () => {
    const api = mockEmailsApi({
      getPreferences: preferences(false),
      listOutgoingServers: async () => [outgoingServer()],
    });
    await renderComposer({ api });
    await screen.findByLabelText('Message');
    await waitFor(() => expect(api.getPreferences).toHaveBeenCalled());
    expect(screen.queryByLabelText('Outgoing Email')).not.toBeInTheDocument();
    expect(api.listOutgoingServers).not.toHaveBeenCalled();
  });

  it('sends through the chosen outgoing server when the Email Preference allows choosing', async () => {
    const api = mockEmailsApi({
      getPreferences: preferences(true),
      listOutgoingServers: async () => [
        outgoingServer(),
        outgoingServer({ id: 'out-2', name: 'Off', enabled: false }),
      ],
    });
    await renderComposer({ api });
    await userEvent.click(
      await screen.findByRole('button', { name: /Outgoing Email/ }),
    );
    const options = screen.getAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'Automatic',
      'Relay (noreply@example.com)',
    ]);
    await userEvent.click(options[1]);
    await userEvent.type(screen.getByLabelText('Message'), 'Hi');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() =>
      expect(api.replyToTicket).toHaveBeenCalledWith(
        't-1',
        expect.objectContaining({ outgoingServerId: 'out-1' }),
      ),
    );
  });

  it('shows the backend field errors under CC and keeps the draft', async () => {
    const api = mockEmailsApi({
      replyToTicket: async () => {
        throw responseError(
          400,
          'Invalid reply: cc.1 must be a valid email address like name@example.com',
        );
      },
    });
    const { onSent } = await renderComposer({ api });
    await userEvent.type(await screen.findByLabelText('Message'), 'Hi');
    await userEvent.click(screen.getByLabelText('CC'));
    await userEvent.paste('a@example.com, nope');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(
      await screen.findByText(
        'CC (entry 2) must be a valid email address like name@example.com',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('CC')).toHaveValue('a@example.com, nope');
    expect(onSent).not.toHaveBeenCalled();
  });

  it('shows any other error in an alert', async () => {
    const api = mockEmailsApi({
      replyToTicket: async () => {
        throw responseError(403, 'Missing permission emails.ticket.reply');
      },
    });
    await renderComposer({ api });
    await userEvent.type(await screen.findByLabelText('Message'), 'Hi');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Missing permission emails.ticket.reply',
    );
  });
});
