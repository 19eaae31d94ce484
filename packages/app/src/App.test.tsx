import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('starts at the sign-in page with the guest provider', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };
    const warn = jest.spyOn(console, 'warn');
    render(<App />);
    expect(await screen.findByText('Guest')).toBeInTheDocument();
    // The router is created with React Router's future flags decided.
    const routerNotices = warn.mock.calls.filter(args =>
      String(args[0]).includes('React Router Future Flag Warning'),
    );
    expect(routerNotices).toEqual([]);
    warn.mockRestore();
  });
});
