import { describe, expect, it } from 'vitest';
import { WATCHER_FLAG } from '../../lib/session/call-watcher';
import { installRelay, RELAY_FLAG, WAKE_TYPE } from '../../lib/session/relay';

/** The relay on a call site's page that is not a meeting's (issue 20): it asks for the watcher when the tap shows a call. */
function page(send?: () => Promise<unknown>) {
  const win = new EventTarget();
  const posted: { data: unknown; origin: string }[] = [];
  Object.assign(win, {
    location: { origin: 'https://meet.google.com' },
    postMessage: (data: unknown, origin: string) => posted.push({ data, origin }),
  });
  const world: Record<string, unknown> = {};
  const sent: unknown[] = [];
  const install = () =>
    installRelay({
      window: win as unknown as Window,
      world,
      send: send ?? (async (m) => sent.push(m)),
    });
  const tap = (state: unknown, source: unknown = win, type = 'tap:state') =>
    win.dispatchEvent(Object.assign(new Event('message'), { source, data: { source: 'rapport-tap', type, state } }));
  return { world, posted, sent, install, tap };
}

describe('the relay', () => {
  it('installs once however often it is injected, and costs the page no message of its own', () => {
    const p = page();
    p.install();
    p.install();
    expect(p.posted).toEqual([]);
    expect(p.world[RELAY_FLAG]).toBe(true);
  });

  it('asks for the watcher when the tap shows a microphone, a connection or the other party’s audio, and not otherwise', async () => {
    const p = page();
    p.install();
    p.tap({ micTracks: 0, peerConnections: 0, remoteAudioTracks: 0 });
    p.tap('not a state');
    p.tap({ micTracks: 1 }, {}); // from another window (a frame): not this page's tap
    p.tap({ micTracks: 1 }, undefined, 'tap:frames');
    await Promise.resolve();
    expect(p.sent).toEqual([]);
    p.tap({ micTracks: 1 });
    p.tap({ peerConnections: 1 });
    p.tap({ remoteAudioTracks: 2 });
    await Promise.resolve();
    expect(p.sent).toEqual([{ type: WAKE_TYPE }, { type: WAKE_TYPE }, { type: WAKE_TYPE }]);
  });

  it('is silent once the watcher is there, and is not installed beside one', async () => {
    const p = page();
    p.install();
    p.world[WATCHER_FLAG] = true;
    p.tap({ micTracks: 1 });
    await Promise.resolve();
    expect(p.sent).toEqual([]);
    const q = page();
    q.world[WATCHER_FLAG] = true;
    q.install();
    expect(q.world[RELAY_FLAG]).toBeUndefined();
  });

  it('a background that does not answer (the worker stopping) is no error in the page, and is asked again at the next change', async () => {
    let calls = 0;
    const p = page(() => {
      calls++;
      return Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
    });
    p.install();
    p.tap({ micTracks: 1 });
    p.tap({ micTracks: 1, peerConnections: 1 });
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toBe(2);
  });
});
