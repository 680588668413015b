import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { send, sendToTab } from '../../lib/messaging/send';

afterEach(() => vi.restoreAllMocks());

describe('send: every request gets a reply of one shape, and never throws', () => {
  it('hands the receiver’s reply back as it is', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: false, error: 'no', code: 'not-live-here' } as never);
    expect(await send({ type: 'cs:call.status', status: 'waiting' })).toEqual({ ok: false, error: 'no', code: 'not-live-here' });
  });

  it('a request nothing received is unreachable, with the browser’s words', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist.'));
    expect(await send({ type: 'cs:model.get' })).toEqual({ ok: false, error: 'Receiving end does not exist.', code: 'unreachable' });
  });

  it('a request taken without an answer says so', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    expect(await send({ type: 'ui:note.open', sessionId: 's-1' })).toMatchObject({ ok: false, code: 'no-answer' });
  });

  it('to a tab: the frame option reaches the browser only when given', async () => {
    const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: true, data: { holds: true } } as never);
    expect(await sendToTab(3, { type: 'bg:session.ping', sessionId: 's-1' }, { frameId: 0 })).toEqual({ ok: true, data: { holds: true } });
    await sendToTab(3, { type: 'bg:session.stop', sessionId: 's-1' });
    expect(sent.mock.calls).toEqual([
      [3, { type: 'bg:session.ping', sessionId: 's-1' }, { frameId: 0 }],
      [3, { type: 'bg:session.stop', sessionId: 's-1' }],
    ]);
  });
});
