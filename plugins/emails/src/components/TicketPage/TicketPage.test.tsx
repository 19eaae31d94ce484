import {
  emailsTicketReplyPermission,
  TicketAttachment,
  TicketDetail,
} from '@internal/plugin-emails-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockEmailsApi,
  renderWithApis,
  ticketDetail,
  ticketEntry,
} from '../__testUtils__';
import { TicketPage } from './TicketPage';

const attachment = (
  overrides: Partial<TicketAttachment>,
): TicketAttachment => ({
  id: 'att-1',
  filename: 'report.pdf',
  contentType: 'application/pdf',
  sizeBytes: 2048,
  inline: false,
  ...overrides,
});

async function renderTicket(...entries: ReturnType<typeof ticketEntry>[]) {
  return renderTicketDetail({ entries });
}

async function renderTicketDetail(overrides: Partial<TicketDetail>) {
  const api = mockEmailsApi({
    getTicket: async id => ticketDetail({ id, ...overrides }),
    getAttachment: async () => new Blob(['PNGDATA']),
  });
  await renderWithApis(<TicketPage ticketId="t-1" />, { api });
  await screen.findByRole('heading', { name: 'REQ-12: Printer on fire' });
  return api;
}

/** The document the sandboxed frame of an entry shows. */
function frameOf(entryLabel: string) {
  const entry = screen.getByRole('article', { name: entryLabel });
  const frame = within(entry).getByTitle(entryLabel);
  expect(frame).toHaveAttribute(
    'sandbox',
    'allow-popups allow-popups-to-escape-sandbox',
  );
  return frame.getAttribute('srcdoc') ?? '';
}

describe('TicketPage', () => {
  it('shows the reference, title and details of the request', async () => {
    const api = await renderTicket(ticketEntry());
    expect(api.getTicket).toHaveBeenCalledWith('t-1');
    const details = screen.getByRole('region', { name: 'Details' });
    expect(details).toHaveTextContent('Open');
    expect(
      within(details).getByRole('link', { name: 'Jane Doe' }),
    ).toHaveAttribute('href', '/catalog/default/user/jane');
    expect(details).toHaveTextContent('boss@example.com');
    expect(
      within(details).getByRole('link', { name: 'it-support' }),
    ).toBeInTheDocument();
    expect(details).toHaveTextContent('Hardware');
  });

  it('links the closed request it follows up', async () => {
    await renderTicketDetail({ followsTicketId: '7' });
    const details = screen.getByRole('region', { name: 'Details' });
    expect(details).toHaveTextContent('Follows REQ-7');
    expect(
      within(details).getByRole('link', { name: 'REQ-7' }),
    ).toHaveAttribute('href', '/requests/7');
  });

  it('shows no follow-up link for a request that follows none', async () => {
    await renderTicket(ticketEntry());
    expect(screen.queryByText(/Follows/)).not.toBeInTheDocument();
  });

  it('shows the conversation oldest first, with author, time and kind', async () => {
    await renderTicket(
      ticketEntry({
        id: 'e-3',
        kind: 'note',
        author: { email: 'tech@example.com', name: 'Tech' },
        createdAt: '2024-05-01T12:00:00Z',
        text: 'Called facilities.',
      }),
      ticketEntry(),
      ticketEntry({
        id: 'e-2',
        kind: 'reply',
        author: { email: 'visitor@elsewhere.org' },
        createdAt: '2024-05-01T11:00:00Z',
        text: 'Any news?',
      }),
    );
    const entries = screen.getAllByRole('article', { name: / by / });
    expect(entries.map(e => e.getAttribute('aria-label'))).toEqual([
      'Description by Jane Doe',
      'Reply by visitor@elsewhere.org',
      'Internal note by Tech',
    ]);
    expect(within(entries[1]).getByText('Guest')).toBeInTheDocument();
    expect(entries[2]).toHaveTextContent(
      new Date('2024-05-01T12:00:00Z').toLocaleString(),
    );
  });

  it('shows plain text as preformatted text whose links stay text', async () => {
    await renderTicket(
      ticketEntry({ text: 'See https://evil.example/x\n  indented' }),
    );
    const entry = screen.getByRole('article', {
      name: 'Description by Jane Doe',
    });
    const pre = entry.querySelector('pre');
    expect(pre?.textContent).toBe('See https://evil.example/x\n  indented');
    expect(
      within(entry).queryByRole('link', { name: /evil/ }),
    ).not.toBeInTheDocument();
  });

  it('prevents script execution: no script, event handler or javascript: link reaches the frame', async () => {
    await renderTicket(
      ticketEntry({
        html: '<p>Hi</p><script>alert(1)</script><img src="data:image/png;base64,AAAA" onerror="alert(2)"><a href="javascript:alert(3)">click</a>',
      }),
    );
    const doc = frameOf('Description by Jane Doe');
    expect(doc).toContain('<p>Hi</p>');
    expect(doc).not.toMatch(/<script|onerror|javascript:|alert/i);
    expect(doc).toContain("default-src 'none'");
  });

  it('prevents read tracking: remote images load only after Show images, for that entry only', async () => {
    const tracked = '<p>Hello</p><img src="https://tracker.example/pixel.gif">';
    await renderTicket(
      ticketEntry({ html: tracked }),
      ticketEntry({
        id: 'e-2',
        kind: 'reply',
        createdAt: '2024-05-01T11:00:00Z',
        html: tracked,
      }),
    );
    const first = screen.getByRole('article', {
      name: 'Description by Jane Doe',
    });
    expect(frameOf('Description by Jane Doe')).not.toContain('tracker.example');
    expect(frameOf('Description by Jane Doe')).toContain('img-src data: cid:;');
    expect(
      within(first).getByText('Remote images blocked'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(first).getByRole('button', { name: 'Show images' }),
    );
    expect(frameOf('Description by Jane Doe')).toContain(
      'src="https://tracker.example/pixel.gif"',
    );
    expect(frameOf('Description by Jane Doe')).toContain(
      'img-src data: cid: https: http:;',
    );
    expect(
      within(first).queryByText('Remote images blocked'),
    ).not.toBeInTheDocument();
    expect(frameOf('Reply by Jane Doe')).not.toContain('tracker.example');
  });

  it('shows cid: images from the inline attachment, not as a download', async () => {
    const api = await renderTicket(
      ticketEntry({
        html: '<p>Look:</p><img src="cid:shot@mail">',
        attachments: [
          attachment({
            id: 'att-9',
            filename: 'shot.png',
            contentType: 'image/png',
            inline: true,
            contentId: '<shot@mail>',
          }),
        ],
      }),
    );
    await waitFor(() =>
      expect(frameOf('Description by Jane Doe')).toContain(
        'src="data:image/png;base64,UE5HREFUQQ=="',
      ),
    );
    expect(api.getAttachment).toHaveBeenCalledWith('att-9');
    expect(
      screen.queryByRole('button', { name: /shot\.png/ }),
    ).not.toBeInTheDocument();
  });

  it('offers no reply composer without the reply permission', async () => {
    await renderTicket(ticketEntry());
    expect(
      screen.queryByRole('region', { name: 'Reply' }),
    ).not.toBeInTheDocument();
  });

  it('reloads the conversation after a reply is sent', async () => {
    const api = mockEmailsApi({
      getTicket: async id => ticketDetail({ id }),
    });
    await renderWithApis(<TicketPage ticketId="t-1" />, {
      api,
      allow: [emailsTicketReplyPermission.name],
    });
    const reply = await screen.findByRole('region', { name: 'Reply' });
    await userEvent.type(within(reply).getByLabelText('Message'), 'On it.');
    await userEvent.click(within(reply).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(api.getTicket).toHaveBeenCalledTimes(2));
    expect(api.replyToTicket).toHaveBeenCalledWith(
      't-1',
      expect.objectContaining({ body: 'On it.', cc: [] }),
    );
  });

  it('closes the request, reads it again and tells what became of the notification', async () => {
    const api = mockEmailsApi({
      getTicket: async id =>
        ticketDetail({
          id,
          status: api.closeTicket.mock.calls.length ? 'closed' : 'open',
        }),
    });
    await renderWithApis(<TicketPage ticketId="t-1" />, {
      api,
      allow: [emailsTicketReplyPermission.name],
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Close ticket' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Close REQ-12' });
    await userEvent.type(within(dialog).getByLabelText('Resolution'), 'Done.');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close ticket' }),
    );
    expect(
      await screen.findByText(
        'Request closed. The requester was notified (jane@example.com).',
      ),
    ).toBeInTheDocument();
    expect(api.closeTicket).toHaveBeenCalledWith('t-1', {
      resolution: 'Done.',
    });
    const details = screen.getByRole('region', { name: 'Details' });
    expect(
      await within(details).findByRole('button', { name: 'Reopen' }),
    ).toBeInTheDocument();
    expect(details).toHaveTextContent('Closed');
    expect(api.getTicket).toHaveBeenCalledTimes(2);
  });

  describe('attachments', () => {
    const createObjectURL = jest.fn(() => 'blob:http://localhost/file');
    let clicked: HTMLAnchorElement[];

    beforeEach(() => {
      clicked = [];
      Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
      jest
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(function record(this: HTMLAnchorElement) {
          clicked.push(this);
        });
    });
    afterEach(() => jest.restoreAllMocks());

    it('offers attachments as downloads and never renders them', async () => {
      const api = await renderTicket(
        ticketEntry({
          html: '<p>Attached.</p>',
          attachments: [
            attachment({}),
            attachment({
              id: 'att-2',
              filename: 'page.html',
              contentType: 'text/html',
            }),
          ],
        }),
      );
      const entry = screen.getByRole('article', {
        name: 'Description by Jane Doe',
      });
      expect(entry.querySelectorAll('iframe')).toHaveLength(1);
      expect(entry.querySelectorAll('img, object, embed')).toHaveLength(0);
      await userEvent.click(
        within(entry).getByRole('button', { name: 'Download page.html' }),
      );
      await waitFor(() => expect(clicked).toHaveLength(1));
      expect(api.getAttachment).toHaveBeenCalledWith('att-2');
      expect(clicked[0].download).toBe('page.html');
      expect(clicked[0].href).toBe('blob:http://localhost/file');
      const saved = (createObjectURL.mock.calls[0] as unknown[])[0] as Blob;
      expect(saved.type).toBe('application/octet-stream');
    });
  });
});
