import { parseAuthenticationResults } from './authenticationResults';

describe('parseAuthenticationResults', () => {
  it('keeps semicolons inside quoted strings and drops nested, escaped comments', () => {
    expect(
      parseAuthenticationResults(
        '"mx.acme.example" (our (border\\) MX)); dkim/1=pass reason="good; very good" header.d=customer.example; spf=pass (a; b (c)) smtp.mailfrom="rita@customer.example"',
      ),
    ).toEqual({
      authservId: 'mx.acme.example',
      instance: undefined,
      results: [
        {
          method: 'dkim',
          result: 'pass',
          reason: 'good; very good',
          properties: { 'header.d': 'customer.example' },
        },
        {
          method: 'spf',
          result: 'pass',
          reason: undefined,
          properties: { 'smtp.mailfrom': 'rita@customer.example' },
        },
      ],
    });
  });

  it('reads the ARC instance', () => {
    expect(
      parseAuthenticationResults('i=3; mx.google.com; arc=pass', { arc: true }),
    ).toMatchObject({ instance: 3, authservId: 'mx.google.com' });
  });
});
