import { screen } from '@testing-library/react';
import { mockEmailsApi, renderWithApis } from '../__testUtils__';
import { ConfigAuditList } from './ConfigAuditList';
import { formatChange } from './formatChange';

describe('ConfigAuditList', () => {
  it('lists who changed what, when, from what to what', async () => {
    const api = mockEmailsApi({
      listConfigAudit: async () => [
        {
          id: 'a1',
          at: '2024-05-01T10:00:00Z',
          actor: 'user:default/jane',
          action: 'update',
          target: 'incoming-server',
          targetId: 'in-1',
          targetName: 'IT Support',
          changes: [
            { field: 'port', before: 143, after: 993 },
            { field: 'password', before: '(changed)', after: '(changed)' },
          ],
        },
      ],
    });
    await renderWithApis(<ConfigAuditList />, { api });
    expect(await screen.findByText('user:default/jane')).toBeInTheDocument();
    expect(screen.getByText('Updated')).toBeInTheDocument();
    expect(
      screen.getByText('Incoming Email Server: IT Support'),
    ).toBeInTheDocument();
    expect(screen.getByText('Port: 143 → 993')).toBeInTheDocument();
    expect(
      screen.getByText('Password: (changed) → (changed)'),
    ).toBeInTheDocument();
  });

  it('names the outgoing email rules once', async () => {
    const api = mockEmailsApi({
      listConfigAudit: async () => [
        {
          id: 'a2',
          at: '2024-05-02T10:00:00Z',
          actor: 'user:default/jane',
          action: 'update',
          target: 'outgoing-rules',
          targetId: 'outgoing-email-rules',
          targetName: 'Outgoing Email Rules',
          changes: [{ field: 'EU customers', after: { position: 1 } }],
        },
      ],
    });
    await renderWithApis(<ConfigAuditList />, { api });
    expect(await screen.findByText('Outgoing Email Rules')).toBeInTheDocument();
    expect(
      screen.getByText('EU customers: — → Position: 1'),
    ).toBeInTheDocument();
  });

  it('says when nothing has changed yet', async () => {
    await renderWithApis(<ConfigAuditList />, { api: mockEmailsApi() });
    expect(
      await screen.findByText('No configuration changes yet'),
    ).toBeInTheDocument();
  });
});

describe('formatChange', () => {
  it('shows missing values as a dash and keys in words, never JSON', () => {
    expect(formatChange({ field: 'category', after: 'Hardware' })).toBe(
      'Category: — → Hardware',
    );
    expect(
      formatChange({ field: 'filter', before: { type: 'allow' }, after: null }),
    ).toBe('Filter: Type: allow → —');
    expect(
      formatChange({
        field: 'oauth.clientId',
        before: 'abc',
        after: 'def',
      }),
    ).toBe('OAuth › Client ID: abc → def');
    expect(
      formatChange({
        field: 'autoCreateTickets',
        before: true,
        after: {
          senders: ['a@example.com', 'b@example.com'],
          limits: { perHour: 5 },
        },
      }),
    ).toBe(
      'Auto create tickets: yes → Senders: (a@example.com, b@example.com), Limits: (Per hour: 5)',
    );
  });
});
