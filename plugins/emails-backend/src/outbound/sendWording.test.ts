import { describeSendFailure, failureText } from '../health/failureStage';
import { classifySendError } from './sendErrors';

const server = {
  protocol: 'smtp',
  settings: { port: 587, security: 'starttls' },
};

const worded = (error: object) =>
  failureText(describeSendFailure(server, classifySendError(error)));

describe('the outgoing worker words its failures as Test Connection does', () => {
  it('names the refused recipient, not an unexpected answer, for a 5xx to RCPT TO', () => {
    expect(
      worded({
        command: 'RCPT TO',
        responseCode: 550,
        response: '550 5.1.1 <rita@example.com>: user unknown',
      }),
    ).toBe(
      'protocol: The server refused the recipient: 550 5.1.1 <rita@example.com>: user unknown. Check the recipient address. A server that refuses to relay needs authentication, or allows only some recipients.',
    );
  });

  it('names the refused sender for an answer to MAIL FROM', () => {
    expect(
      worded({
        command: 'MAIL FROM',
        responseCode: 553,
        response: '553 5.7.1 Sender address rejected',
      }),
    ).toMatch(/^protocol: The server refused the sender address: 553 /);
  });

  it('calls a refused password a sign-in failure, but not a 4xx during sign-in', () => {
    expect(
      worded({ code: 'EAUTH', responseCode: 535, response: '535 5.7.8 nope' }),
    ).toMatch(/^auth: The username or password was not accepted: 535 /);
    expect(
      worded({
        code: 'EAUTH',
        responseCode: 421,
        response: '421 4.7.0 Maximum number of connections exceeded',
      }),
    ).not.toMatch(/^auth:/);
  });

  it('keeps the message the transports masked, word for word', () => {
    expect(
      worded({
        code: 'EAUTH',
        responseCode: 535,
        response: '535 user *** rejected',
      }),
    ).toContain(': 535 user *** rejected. ');
  });
});
