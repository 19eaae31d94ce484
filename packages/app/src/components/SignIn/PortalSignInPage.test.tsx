import { renderHook, waitFor } from '@testing-library/react';
import { useBackendReach } from './PortalSignInPage';

describe('useBackendReach', () => {
  it('names the origin and the backend when the backend cannot be reached from it', async () => {
    const fetcher = jest.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const { result } = renderHook(() =>
      useBackendReach(
        'http://localhost:7007',
        'http://127.0.0.1:3000',
        fetcher,
      ),
    );
    await waitFor(() => expect(result.current).toBeDefined());
    expect(fetcher).toHaveBeenCalledWith(
      'http://localhost:7007/api/emails/health',
    );
    expect(result.current).toContain(
      'The portal at http://127.0.0.1:3000 cannot reach its backend at http://localhost:7007',
    );
    expect(result.current).toContain('backend.cors.origin');
  });

  it('says nothing when the backend answers, whatever the status', async () => {
    const fetcher = jest.fn(
      async () => new Response('', { status: 503 }),
    ) as unknown as typeof fetch;
    const { result } = renderHook(() =>
      useBackendReach(
        'http://localhost:7007',
        'http://localhost:3000',
        fetcher,
      ),
    );
    await waitFor(() => expect(fetcher).toHaveBeenCalled());
    await new Promise(r => setTimeout(r, 10));
    expect(result.current).toBeUndefined();
  });
});
