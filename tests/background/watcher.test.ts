import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  clearFallback,
  forgetTab,
  handleTabLoaded,
  injectIntoLoadedPages,
  isCallSitePage,
  isMeetingPage,
  LOAD_FALLBACK_MS,
  RELAY_FILE,
  wakeWatcher,
  WATCHER_FILE,
} from '../../lib/background/watcher';
import { TAP_MARKER, TAP_SAW_CALL } from '../../lib/capture/tap-marker';
import { WATCHER_FLAG } from '../../lib/session/call-watcher';
import { RELAY_FLAG } from '../../lib/session/relay';

/**
 * The background gives a call site's loaded page its watcher, or on a page that is not a meeting's
 * the relay (issue 20). The fake browser has no scripting API: a stand-in that runs the probe
 * against one global per tab (an isolated world) and records what was injected where (the relay
 * itself: tests/session/relay.test.ts).
 */
type Injection = {
  target: { tabId: number; frameIds?: number[] };
  files?: string[];
  func?: (...a: string[]) => unknown;
  args?: string[];
  world?: 'MAIN' | 'ISOLATED';
};
let worlds: Map<number, Record<string, unknown>>;
/** The page's own world, per tab: where the tap marks itself. */
let pageWorlds: Map<number, Record<string, unknown>>;
let injected: { tabId: number; files: string[]; frameIds?: number[] }[];
let failWith: Error | null;
let slowProbe: number;
let probes: number;
/** Relay injections. */
let relays: number;
let gate: Promise<void> | null;
/** Each tab's address as tabs.get reports it: what `load` last reported. */
let tabUrls: Map<number, string>;

/** A tab's page reports its load state, as tabs.onUpdated does. */
function load(tabId: number, change: { status?: string; url?: string }, tab: { url?: string; status?: string }): Promise<void> {
  const url = change.url ?? tab.url;
  if (url) tabUrls.set(tabId, url);
  return handleTabLoaded(tabId, change, tab);
}

beforeEach(() => {
  fakeBrowser.reset();
  worlds = new Map();
  pageWorlds = new Map();
  injected = [];
  failWith = null;
  slowProbe = 0;
  probes = 0;
  relays = 0;
  gate = null;
  tabUrls = new Map();
  Object.assign(fakeBrowser.tabs, {
    get: async (id: number) => {
      if (failWith) throw failWith;
      return { id, url: tabUrls.get(id), status: 'complete' };
    },
  });
  Object.assign(fakeBrowser, {
    scripting: {
      executeScript: async (i: Injection) => {
        if (failWith) throw failWith;
        if (i.func) {
          probes++;
          if (gate) await gate;
          if (slowProbe > 0) await new Promise((r) => setTimeout(r, slowProbe));
        }
        if (i.world === 'MAIN') return [{ frameId: 0, result: pageWorlds.get(i.target.tabId)?.[i.args?.[0] ?? ''] === true }];
        const world = worlds.get(i.target.tabId) ?? {};
        worlds.set(i.target.tabId, world);
        if (i.func) {
          // The probe as the browser runs it: a function of its args, its globalThis the isolated world.
          const flag = i.args?.[0] ?? '';
          return [{ frameId: 0, result: world[flag] === true }];
        }
        if (i.files?.[0] === RELAY_FILE) {
          relays++;
          world[RELAY_FLAG] = true; // what the relay does (it installs itself once)
          return [{ frameId: 0, result: undefined }];
        }
        injected.push({ tabId: i.target.tabId, files: i.files ?? [], frameIds: i.target.frameIds });
        world[WATCHER_FLAG] = true; // what the watcher's main() does
        return [{ frameId: 0, result: undefined }];
      },
    },
  });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the watcher, injected when a call site has loaded', () => {
  it('knows the call sites, and nothing else', () => {
    for (const url of [
      'https://meet.google.com/',
      'https://meet.google.com/abc-defg-hij?authuser=0',
      'https://us02web.zoom.us/wc/123/join',
      'https://teams.microsoft.com/v2/',
      'https://teams.live.com/meet/123',
      'https://teams.cloud.microsoft/',
      'https://meet.jit.si/SomeRoom',
      'https://acme.whereby.com/room',
    ])
      expect(isCallSitePage(url), url).toBe(true);
    for (const url of [
      'https://example.org/',
      'http://meet.google.com/',
      'https://meet.google.com.evil.example/',
      'https://notzoom.us/',
      'https://jit.si/',
      'chrome://settings',
      'about:blank',
      'not a url',
    ])
      expect(isCallSitePage(url), url).toBe(false);
  });

  it('knows a meeting’s address on each site from the rest of the site', () => {
    for (const url of [
      'https://meet.google.com/abc-defg-hij?authuser=0',
      'https://us02web.zoom.us/wc/85012345678/join',
      'https://teams.live.com/meet/123456789012',
      'https://meet.jit.si/SomeRoom',
      'https://acme.whereby.com/room',
      'http://localhost:4173/call/demo',
    ])
      expect(isMeetingPage(url), url).toBe(true);
    for (const url of [
      'https://meet.google.com/',
      'https://meet.google.com/landing',
      'https://zoom.us/pricing',
      'https://teams.microsoft.com/v2/',
      'https://meet.jit.si/',
      'http://localhost:4173/left.html',
      'not a url',
    ])
      expect(isMeetingPage(url), url).toBe(false);
  });

  it('a meeting’s page that finished loading gets the watcher in its top frame', async () => {
    await load(7, { status: 'complete' }, { url: 'https://meet.google.com/abc-defg-hij' });
    expect(injected).toEqual([{ tabId: 7, files: [WATCHER_FILE], frameIds: [0] }]);
  });

  it('any other page of a call site gets only the relay, and the watcher when the relay asks for it', async () => {
    await load(7, { status: 'complete' }, { url: 'https://meet.google.com/landing' });
    expect(injected).toEqual([]);
    expect(relays).toBe(1);
    // The tap reported a microphone: the relay's message.
    await wakeWatcher(7);
    expect(injected).toEqual([{ tabId: 7, files: [WATCHER_FILE], frameIds: [0] }]);
    // Asked again (the relay is silent once the watcher is there, but a forged message is not): no second watcher.
    await wakeWatcher(7);
    expect(injected).toHaveLength(1);
  });

  it('a page whose tap saw a call before its relay listened gets the watcher straight away', async () => {
    pageWorlds.set(7, { [TAP_MARKER]: true, [TAP_SAW_CALL]: true });
    await load(7, { status: 'complete' }, { url: 'https://teams.microsoft.com/v2/' });
    expect(relays).toBe(1); // the relay first, then the mark is read: nothing falls between the two
    expect(injected).toEqual([{ tabId: 7, files: [WATCHER_FILE], frameIds: [0] }]);
  });

  it('a page that moves into a meeting without a load report (Firefox reports pushState as an address change) gets the watcher', async () => {
    await load(7, { status: 'complete' }, { url: 'https://meet.google.com/landing' });
    await load(7, { url: 'https://meet.google.com/landing#x' }, { status: 'complete' });
    expect(injected).toEqual([]);
    await load(7, { url: 'https://meet.google.com/abc-defg-hij' }, { status: 'complete' });
    expect(injected).toHaveLength(1);
    // Not while the tab is loading (its "complete" will come), not off the call sites.
    await load(8, { url: 'https://meet.google.com/abc-defg-hij' }, { status: 'loading' });
    await load(9, { url: 'https://example.org/call/abc' }, { status: 'complete' });
    expect(injected).toHaveLength(1);
  });

  it('a wake request from a tab that closed is forgotten with the tab', async () => {
    failWith = new Error('No tab with id: 7.');
    await wakeWatcher(7);
    failWith = null;
    forgetTab(7);
    await load(7, { status: 'complete' }, { url: 'https://meet.google.com/landing' });
    expect(injected).toEqual([]);
  });

  it('nothing while the page is still loading, nothing on other sites, nothing without an address', async () => {
    await load(7, { status: 'loading' }, { url: 'https://meet.google.com/abc-defg-hij' });
    await load(7, {}, { url: 'https://meet.google.com/abc-defg-hij' });
    await load(8, { status: 'complete' }, { url: 'https://example.org/' });
    await load(9, { status: 'complete' }, {});
    expect(injected).toEqual([]);
  });

  it('a page that has its watcher (an address change inside the page, reported as a load) keeps it: never a second one', async () => {
    await load(7, { status: 'complete' }, { url: 'https://meet.google.com/abc-defg-hij' });
    await load(7, { status: 'complete' }, { url: 'https://meet.google.com/abc-defg-hij#x' });
    expect(injected).toHaveLength(1);
    // A new document (its isolated world is new) gets its own.
    worlds.delete(7);
    await load(7, { status: 'complete' }, { url: 'https://meet.google.com/abc-defg-hij' });
    expect(injected).toHaveLength(2);
  });

  it('two loads reported at once inject once: one injection per tab at a time', async () => {
    slowProbe = 20;
    await Promise.all([
      load(7, { status: 'complete' }, { url: 'https://meet.jit.si/Room' }),
      load(7, { status: 'complete' }, { url: 'https://meet.jit.si/Room' }),
      load(8, { status: 'complete' }, { url: 'https://meet.jit.si/Other' }),
    ]);
    expect(injected.map((i) => i.tabId).sort()).toEqual([7, 8]);
  });

  it('a page reporting loads in a burst (a pushState loop) costs a probe at a time, not one per report', async () => {
    let open = () => {};
    gate = new Promise<void>((r) => (open = r));
    const report = () => load(7, { status: 'complete' }, { url: 'https://meet.google.com/abc-defg-hij' });
    const reports = [report()];
    await new Promise((r) => setTimeout(r, 0)); // its probe is running (held at the gate)
    for (let i = 0; i < 49; i++) {
      reports.push(report());
      await new Promise((r) => setTimeout(r, 0));
    }
    open();
    await Promise.all(reports);
    // The running probe, and one after it for all 49 reports that came meanwhile.
    expect(probes).toBe(2);
    expect(injected).toHaveLength(1);
  });

  it('a new page loaded while a check runs is checked again after it, and gets its watcher', async () => {
    slowProbe = 20;
    const first = load(7, { status: 'complete' }, { url: 'https://meet.google.com/xyz-abcd-efg' });
    await new Promise((r) => setTimeout(r, 5)); // the first check is running
    const second = load(7, { status: 'complete' }, { url: 'https://meet.google.com/abc-defg-hij' });
    await first;
    worlds.delete(7); // the new document: a new isolated world, no watcher
    await second;
    expect(injected).toHaveLength(2);
  });

  it('a tab closed or showing an error page before the injection: no error escapes', async () => {
    failWith = new Error('No tab with id: 7.');
    await expect(load(7, { status: 'complete' }, { url: 'https://meet.google.com/abc-defg-hij' })).resolves.toBeUndefined();
    failWith = null;
    await load(7, { status: 'complete' }, { url: 'https://meet.google.com/abc-defg-hij' });
    expect(injected).toHaveLength(1);
  });

  it('a page whose load never completes gets it anyway, LOAD_FALLBACK_MS after it began loading', async () => {
    vi.useFakeTimers();
    await load(7, { status: 'loading', url: 'https://meet.google.com/abc-defg-hij' }, {});
    await vi.advanceTimersByTimeAsync(LOAD_FALLBACK_MS - 1);
    expect(injected).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(injected).toHaveLength(1);
    // Its late "complete" finds the watcher there.
    await load(7, { status: 'complete' }, { url: 'https://meet.google.com/abc-defg-hij' });
    expect(injected).toHaveLength(1);
  });

  it('no fallback when the page completes in time, when it leaves the call sites, or when the tab closes', async () => {
    vi.useFakeTimers();
    await load(7, { status: 'loading', url: 'https://meet.google.com/abc-defg-hij' }, {});
    await load(7, { status: 'complete' }, { url: 'https://meet.google.com/abc-defg-hij' });
    expect(injected).toHaveLength(1);
    await load(8, { status: 'loading', url: 'https://meet.google.com/abc-defg-hij' }, {});
    await load(8, { status: 'loading', url: 'https://example.org/' }, {});
    await load(9, { status: 'loading', url: 'https://meet.jit.si/Room' }, {});
    clearFallback(9);
    await vi.advanceTimersByTimeAsync(2 * LOAD_FALLBACK_MS);
    expect(injected.map((i) => i.tabId)).toEqual([7]);
  });

  it('at install, call-site pages get their watcher once loaded, if they have the tap (tab events may not reach the first run)', async () => {
    const tabs = [
      { id: 1, status: 'complete', url: 'https://meet.google.com/abc-defg-hij' }, // loaded just after install: has the tap
      { id: 2, status: 'complete', url: 'https://meet.google.com/xyz-abcd-efg' }, // open before the install: no tap
      { id: 3, status: 'complete', url: 'https://example.org/' },
      { id: 4, status: 'complete' }, // no host access: no address
      { id: 5, status: 'complete', url: 'https://acme.whereby.com/room' }, // has its watcher already
      { id: 6, status: 'loading', url: 'https://meet.jit.si/Room' }, // still loading: looked at again
      { id: 7, status: 'loading', url: 'https://meet.jit.si/Other' }, // closed while loading
    ];
    for (const id of [1, 5, 6, 7]) pageWorlds.set(id, { [TAP_MARKER]: true });
    worlds.set(5, { [WATCHER_FLAG]: true });
    let looks = 0;
    Object.assign(fakeBrowser.tabs, {
      query: async () => tabs,
      get: async (id: number) => {
        if (id === 7) throw new Error(`No tab with id: ${id}.`);
        const tab = tabs.find((t) => t.id === id)!;
        if (tab.status === 'complete' || looks >= 3) return { ...tab, status: 'complete' }; // loaded by now
        looks++;
        return { ...tab, status: looks >= 3 ? 'complete' : 'loading' };
      },
    });
    await injectIntoLoadedPages(1);
    expect(injected.map((i) => i.tabId).sort()).toEqual([1, 6]);
    expect(looks).toBe(3);
  });
});
