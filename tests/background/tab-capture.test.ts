import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleContentMessage } from '../../lib/background/calls';
import { handleOffscreenMessage } from '../../lib/background/tab-capture';
import { handleUiMessage } from '../../lib/background/ui';
import { encodeFrames } from '../../lib/capture/tab-capture-codec';
import { FRAME_BINS } from '../../lib/messaging';
import { useFreshDb } from '../db/helpers';

const { db } = useFreshDb();
const ORIGIN = 'chrome-extension://test-extension-id';
const offscreen = { id: 'test-extension-id', url: `${ORIGIN}/offscreen.html` } as Browser.runtime.MessageSender;
const sidePanel = { id: 'test-extension-id', url: `${ORIGIN}/sidepanel.html` } as Browser.runtime.MessageSender;
const callPage = { id: 'test-extension-id', url: 'http://localhost:4823/call/room', tab: { id: 5 } } as Browser.runtime.MessageSender;
const frames = (sessionId: string) => ({
  type: 'off:frames',
  tabId: 5,
  sessionId,
  startIndex: 0,
  count: 2,
  other: encodeFrames(new Float32Array(2 * FRAME_BINS).fill(-50)),
});

beforeEach(() => {
  fakeBrowser.reset();
  (fakeBrowser.runtime as unknown as { getContexts: () => Promise<unknown[]> }).getContexts = async () => [];
});

async function liveSession(): Promise<string> {
  const started = { type: 'cs:call.started', platform: 'zoom', meetingLink: 'https://us02web.zoom.us/wc/123', title: 'Zoom' };
  const reply = await handleContentMessage(started, callPage);
  if (!reply.ok) throw new Error(reply.error);
  return (await db().sessions.toArray())[0]!.id;
}

describe('background: tab-capture messages', () => {
  it('forwards the offscreen document’s frames to the call tab, and only from the offscreen document', async () => {
    const sessionId = await liveSession();
    const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    expect(await handleOffscreenMessage(frames(sessionId), offscreen)).toEqual({ ok: true, data: null });
    expect(sent).toHaveBeenCalledWith(5, expect.objectContaining({ type: 'bg:tab.frames', sessionId, count: 2 }));
    sent.mockClear();
    // A call page, or another extension page, cannot inject the other party's audio.
    expect(await handleOffscreenMessage(frames(sessionId), callPage)).toMatchObject({ ok: false });
    expect(await handleOffscreenMessage(frames(sessionId), sidePanel)).toMatchObject({ ok: false });
    expect(sent).not.toHaveBeenCalled();
  });

  it('rejects batches whose size does not fit the schema', async () => {
    const sessionId = await liveSession();
    const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    expect(await handleOffscreenMessage({ ...frames(sessionId), count: 65 }, offscreen)).toMatchObject({ ok: false });
    expect(await handleOffscreenMessage({ ...frames(sessionId), other: 'x'.repeat(80_000) }, offscreen)).toMatchObject({ ok: false });
    expect(sent).not.toHaveBeenCalled();
  });

  it('refuses to start capture for another session’s tab, for pages, and where the browser cannot capture tabs', async () => {
    const sessionId = await liveSession();
    const start = { type: 'ui:tabcapture.start', tabId: 5, sessionId, streamId: 'abc' };
    // Handlers throw; the router turns a throw into { ok: false, error } for the panel to show.
    await expect(handleUiMessage({ ...start, sessionId: 'not-this-one' }, sidePanel)).rejects.toThrow(
      'That tab has no live session any more.',
    );
    expect(await handleUiMessage(start, callPage)).toMatchObject({ ok: false, error: 'not an extension page' });
    // As in Firefox: no tabCapture API. A clear error, and no offscreen document is attempted.
    const fake = fakeBrowser as unknown as { tabCapture: unknown };
    const saved = fake.tabCapture;
    fake.tabCapture = undefined;
    try {
      await expect(handleUiMessage(start, sidePanel)).rejects.toThrow(/cannot capture a tab/);
    } finally {
      fake.tabCapture = saved;
    }
  });
});
