import { screen } from '@testing-library/react';
import { mockEmailsApi, renderWithApis } from '../__testUtils__';
import { SampleMailDialog } from './SampleMailDialog';

const server = { id: 'in-1', name: 'IT Support' };

describe('SampleMailDialog', () => {
  it('shows the oldest message and the ticket it would become', async () => {
    const api = mockEmailsApi({
      fetchSample: async () => ({
        found: true,
        from: 'Jane Doe <jane@example.com>',
        to: ['support@example.com'],
        cc: [],
        subject: 'Printer on fire',
        date: '2024-05-01T09:00:00Z',
        textExcerpt: 'The printer on floor 3 is smoking.',
        attachments: [
          {
            filename: 'photo.jpg',
            contentType: 'image/jpeg',
            sizeBytes: 20480,
          },
        ],
        ticket: {
          title: 'Printer on fire',
          requester: 'jane@example.com',
          technicianGroup: 'group:default/it-support',
        },
      }),
    });
    await renderWithApis(
      <SampleMailDialog server={server} onClose={jest.fn()} />,
      {
        api,
      },
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await screen.findByText('Jane Doe <jane@example.com>'),
    ).toBeInTheDocument();
    expect(dialog).toHaveTextContent('The printer on floor 3 is smoking.');
    expect(dialog).toHaveTextContent('photo.jpg (image/jpeg, 20 KB)');
    expect(dialog).toHaveTextContent('The ticket it would become');
    expect(dialog).toHaveTextContent('group:default/it-support');
    expect(api.fetchSample).toHaveBeenCalledWith('in-1');
  });

  it('says when the mailbox is empty', async () => {
    await renderWithApis(
      <SampleMailDialog server={server} onClose={jest.fn()} />,
      {
        api: mockEmailsApi(),
      },
    );
    expect(await screen.findByText(/mailbox is empty/)).toBeInTheDocument();
  });
});
