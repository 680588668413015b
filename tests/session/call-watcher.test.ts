import { describe, expect, it, vi } from 'vitest';
import { tapShowsCall, watchForCall } from '../../lib/session/call-watcher';
import type { CompanionModule } from '../../lib/session/live-engine';

/** The watcher on every call-site page (issue 20): it loads the companion only when the page may hold a call. */
function setup(
  href: string,
  options: { meeting?: (url: URL) => boolean; adapter?: boolean; failFirst?: boolean; navigation?: EventTarget } = {},
) {
  const target = new EventTarget();
  const posted: { data: unknown; origin: string }[] = [];
  const win = Object.assign(target, {
    location: { href, origin: new URL(href).origin },
    postMessage: (data: unknown, origin: string) => posted.push({ data, origin }),
    ...(options.navigation ? { navigation: options.navigation } : {}),
  }) as unknown as Window;
  const ticks: (() => void)[] = [];
  const abort = new AbortController();
  const started: unknown[][] = [];
  let fail = options.failFirst ?? false;
  const loadCompanion = vi.fn(async () => {
    if (fail) {
      fail = false;
      throw new Error('blocked');
    }
    return { startCompanion: (_ctx, messages) => started.push([...messages]) } as CompanionModule;
  });
  watchForCall(
    {
      get isInvalid() {
        return abort.signal.aborted;
      },
      signal: abort.signal,
      setInterval: (h) => ticks.push(h),
      addEventListener: () => undefined,
      onInvalidated: () => () => undefined,
    },
    { window: win, adapter: options.adapter === false ? null : { isMeetingUrl: options.meeting ?? (() => false) }, loadCompanion },
  );
  const fromPage = (data: unknown) => {
    const e = new MessageEvent('message', { data });
    Object.defineProperty(e, 'source', { value: win });
    target.dispatchEvent(e);
  };
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return {
    win,
    posted,
    loadCompanion,
    started,
    fromPage,
    tick: () => ticks.forEach((t) => t()),
    tickCount: () => ticks.length,
    settle,
    invalidate: () => abort.abort(),
  };
}

const tapState = (s: Record<string, number>) => ({
  source: 'rapport-tap',
  type: 'tap:state',
  state: { peerConnections: 0, remoteAudioTracks: 0, micTracks: 0, ...s },
});

describe('call watcher (issue 20)', () => {
  it('a page that is not a meeting and whose tap sees nothing never loads the companion', async () => {
    const w = setup('https://meet.google.com/landing');
    w.fromPage(tapState({}));
    w.fromPage({ source: 'someone-else', type: 'tap:state', state: { micTracks: 3 } });
    for (let i = 0; i < 5; i++) w.tick();
    await w.settle();
    expect(w.loadCompanion).not.toHaveBeenCalled();
  });

  it('arriving after the page has loaded, it asks the tap (to its own origin) for what it saw before', async () => {
    const w = setup('https://meet.google.com/landing');
    expect(w.posted).toEqual([{ data: { source: 'rapport-cs', type: 'cs:tap.state' }, origin: 'https://meet.google.com' }]);
    // The tap's answer: a call that started before the watcher came.
    w.fromPage(tapState({ micTracks: 1, peerConnections: 1 }));
    await w.settle();
    expect(w.loadCompanion).toHaveBeenCalledTimes(1);
    expect(w.started).toEqual([[tapState({ micTracks: 1, peerConnections: 1 })]]);
  });

  it('a meeting page (pre-join, lobby, call) loads it at once, with the tap’s last state', async () => {
    const w = setup('https://meet.google.com/abc-defg-hij', { meeting: (u) => u.pathname === '/abc-defg-hij' });
    await w.settle();
    expect(w.loadCompanion).toHaveBeenCalledTimes(1);
    expect(w.started).toEqual([[]]);
  });

  it('moving into a meeting inside the page (no page load) loads it at the next look', async () => {
    const w = setup('https://teams.microsoft.com/v2/', { meeting: (u) => u.pathname.startsWith('/l/meetup-join/') });
    w.tick();
    expect(w.loadCompanion).not.toHaveBeenCalled();
    (w.win.location as { href: string }).href = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x';
    w.tick();
    await w.settle();
    expect(w.loadCompanion).toHaveBeenCalledTimes(1);
  });

  it('where the Navigation API exists, follows address changes through it instead of polling', async () => {
    const navigation = new EventTarget();
    const w = setup('https://teams.microsoft.com/v2/', { meeting: (u) => u.pathname.startsWith('/l/'), navigation });
    expect(w.tickCount()).toBe(0);
    (w.win.location as { href: string }).href = 'https://teams.microsoft.com/l/meetup-join/x';
    navigation.dispatchEvent(new Event('currententrychange'));
    await w.settle();
    expect(w.loadCompanion).toHaveBeenCalledTimes(1);
  });

  it('a microphone or a peer connection in the page loads it (a call started from a chat, or a site without an adapter), once', async () => {
    const w = setup('https://example.org/room', { adapter: false });
    w.fromPage(tapState({}));
    w.fromPage(tapState({ micTracks: 1 }));
    w.fromPage(tapState({ micTracks: 1, peerConnections: 1 }));
    await w.settle();
    expect(w.loadCompanion).toHaveBeenCalledTimes(1);
    expect(w.started).toEqual([[tapState({ micTracks: 1 })]]);
  });

  it('a companion that failed to load is tried again when the page next says a call may be on', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const w = setup('https://example.org/room', { adapter: false, failFirst: true });
    w.fromPage(tapState({ peerConnections: 1 }));
    await w.settle();
    expect(w.started).toEqual([]);
    w.fromPage(tapState({ peerConnections: 1, remoteAudioTracks: 1 }));
    await w.settle();
    expect(w.started).toHaveLength(1);
    warn.mockRestore();
  });

  it('an invalidated script loads nothing', async () => {
    const w = setup('https://example.org/room', { adapter: false });
    w.invalidate();
    w.fromPage(tapState({ micTracks: 1 }));
    await w.settle();
    expect(w.loadCompanion).not.toHaveBeenCalled();
  });

  it('reads the tap’s counts defensively (the page can post anything)', () => {
    expect(tapShowsCall(null)).toBe(false);
    expect(tapShowsCall({ state: 'x' })).toBe(false);
    expect(tapShowsCall({ state: { micTracks: '1' } })).toBe(false);
    expect(tapShowsCall({ state: { remoteAudioTracks: 2 } })).toBe(true);
  });
});
