import { ResponseBodyError } from 'openid-client';
import { InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { classifyTokenFailure } from './failures';
import { NoConsentError } from './providers/types';

describe('classifyTokenFailure', () => {
  it.each([
    [
      'AADSTS70008: The refresh token has expired due to inactivity.',
      'expired',
    ],
    ['AADSTS65001: The user or administrator has not consented.', 'revoked'],
    [
      'AADSTS70011: The provided value for the input parameter scope is not valid.',
      'scope',
    ],
    ['AADSTS90002: Tenant not found.', 'tenant'],
    ['AADSTS700016: Application not found in the directory.', 'tenant'],
    [
      'AADSTS7000222: The provided client secret keys are expired.',
      'client-secret',
    ],
  ])('tells MSAL errors apart by their AADSTS code: %s', (text, kind) => {
    const error = new ServerError('invalid_grant', 'correlation-1', text);
    const failure = classifyTokenFailure(error);
    expect(failure.kind).toBe(kind);
    expect(failure.permanent).toBe(true);
    // The code is named, the provider's text (which may echo input) is not.
    expect(failure.message).toContain(/AADSTS\d+/.exec(text)![0]);
    expect(failure.message).not.toContain(text);
  });

  it('reads MSAL interaction-required and openid-client response errors', () => {
    expect(
      classifyTokenFailure(
        new InteractionRequiredAuthError('invalid_grant', 'c', 'token revoked'),
      ).kind,
    ).toBe('revoked');
    const body = new ResponseBodyError('server responded with an error', {
      cause: {
        error: 'invalid_grant',
        error_description: 'Token has been expired or revoked.',
      },
      response: new Response('{}', { status: 400 }),
    } as any);
    expect(classifyTokenFailure(body).kind).toBe('revoked');
    const secret = new ResponseBodyError('server responded with an error', {
      cause: { error: 'invalid_client' },
      response: new Response('{}', { status: 401 }),
    } as any);
    expect(classifyTokenFailure(secret).kind).toBe('client-secret');
  });

  it('keeps network trouble retryable and names a missing sign-in', () => {
    const network = classifyTokenFailure(
      Object.assign(new TypeError('fetch failed'), { code: 'ECONNREFUSED' }),
    );
    expect(network.kind).toBe('unavailable');
    expect(network.permanent).toBe(false);
    const none = classifyTokenFailure(new NoConsentError());
    expect(none.kind).toBe('no-consent');
    expect(none.hint).toMatch(/Sign in/);
  });
});
