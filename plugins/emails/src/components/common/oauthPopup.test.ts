import { fakePopup } from '../__testUtils__';
import {
  OAUTH_POLL_MS,
  openOAuthPopup,
  replyOf,
  waitForOAuthReply,
} from './oauthPopup';

const target = {
  origin: 'https://backstage.example.com',
  serverKind: 'incoming' as const,
  serverId: 'in-1',
};
const reply = {
  type: 'emails-oauth',
  serverKind: 'incoming',
  serverId: 'in-1',
};
const event = (data: unknown, origin = target.origin) =>
  new MessageEvent('message', { origin, data });

describe('openOAuthPopup', () => {
  afterEach(() => jest.restoreAllMocks());

  it('opens one named, sized popup', () => {
    const { open, popup } = fakePopup();
    expect(openOAuthPopup()).toBe(popup);
    expect(open).toHaveBeenCalledWith(
      '',
      'emails-oauth',
      'width=600,height=700',
    );
  });
});

describe('replyOf', () => {
  it("takes the callback's reply for this server from the backend's origin", () => {
    expect(replyOf(event({ ...reply, ok: true }), target)).toEqual({
      ok: true,
      message: undefined,
    });
    expect(
      replyOf(event({ ...reply, ok: false, message: 'AADSTS65001' }), target),
    ).toEqual({ ok: false, message: 'AADSTS65001' });
  });

  it.each([
    ['another origin', event({ ...reply, ok: true }, 'https://evil.example')],
    ['another message type', event({ ...reply, type: 'other', ok: true })],
    ['another server', event({ ...reply, serverId: 'in-2', ok: true })],
    [
      'another direction',
      event({ ...reply, serverKind: 'outgoing', ok: true }),
    ],
    ['no object', event('emails-oauth')],
  ])('ignores a message from %s', (_case, e) => {
    expect(replyOf(e, target)).toBeUndefined();
  });

  it('takes a failure that names no server, as the callback sends when it cannot tell which', () => {
    expect(
      replyOf(
        event({ type: 'emails-oauth', ok: false, message: 'Unknown state' }),
        target,
      ),
    ).toEqual({ ok: false, message: 'Unknown state' });
  });

  it('takes anything but ok: true for a failure', () => {
    expect(replyOf(event({ ...reply, ok: 'yes' }), target)?.ok).toBe(false);
  });
});

describe('waitForOAuthReply', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('resolves with the reply and stops listening', async () => {
    const { popup } = fakePopup();
    const waiting = waitForOAuthReply(popup as any, target);
    window.dispatchEvent(event({ ...reply, ok: true }, 'https://evil.example'));
    window.dispatchEvent(event({ ...reply, ok: true }));
    await expect(waiting).resolves.toEqual({
      kind: 'reply',
      reply: { ok: true, message: undefined },
    });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('notices a popup closed without a reply, one poll after it closed', async () => {
    const { popup } = fakePopup();
    const done = jest.fn();
    waitForOAuthReply(popup as any, target).then(done);
    popup.closed = true;
    await jest.advanceTimersByTimeAsync(OAUTH_POLL_MS);
    expect(done).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(OAUTH_POLL_MS);
    expect(done).toHaveBeenCalledWith({ kind: 'closed' });
  });

  it('gives up after the timeout and closes the popup', async () => {
    const { popup } = fakePopup();
    const waiting = waitForOAuthReply(popup as any, target, {
      timeoutMs: 2000,
    });
    await jest.advanceTimersByTimeAsync(2000);
    await expect(waiting).resolves.toEqual({ kind: 'timeout' });
    expect(popup.close).toHaveBeenCalled();
  });

  it('stops when its signal aborts', async () => {
    const { popup } = fakePopup();
    const controller = new AbortController();
    const waiting = waitForOAuthReply(popup as any, target, {
      signal: controller.signal,
    });
    controller.abort();
    await expect(waiting).resolves.toEqual({ kind: 'aborted' });
    expect(jest.getTimerCount()).toBe(0);
  });
});
