import { browser } from 'wxt/browser';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { CALL_SITE_MATCHES, DEMO_MATCHES, isTestBuild } from '../platforms/hosts';
import { TAP_MARKER, TAP_SAW_CALL } from '../capture/tap-marker';
import { siteUrlsFor } from '../platforms/urls';
import { WATCHER_FLAG } from '../session/call-watcher';

/**
 * The watcher (content-scripts/call.js) is not in the manifest: the background injects it into a
 * call site's page once the page has loaded (issue 20). A content script the manifest declares
 * sets up its isolated world before the page's load event on a light page, which delayed that
 * event by ≈ 1.5× on a 2 kB page; the watcher only has to be there before a call can start, and
 * what the MAIN-world tap saw before it arrived, the watcher asks for.
 *
 * Even after the load, the watcher only goes where a call may be: a page whose address is a
 * meeting's (a pre-join screen, a lobby, the call). Any other page of a call site (a landing page,
 * a marketing page, a chat) gets a relay instead, a few lines in the page's isolated world
 * (lib/session/relay.ts), which asks for the watcher when the MAIN-world tap reports a
 * microphone, a peer connection or the other party's audio: a call started from a chat, or on an
 * address Rapport does not recognise. On a page without a call, the tap and the relay are all of
 * Rapport that runs (the watcher's own start-up, WXT's context and the sites' URL rules, measured
 * ≈ 5.5–6 ms of the main thread here, does not).
 *
 * Pages of sites the user enabled by hand keep their registered content scripts (extra-sites.ts).
 */
export const WATCHER_FILE = '/content-scripts/call.js';

/** The relay (entrypoints/call-relay.ts), injected instead of the watcher on other pages of a call site. */
export const RELAY_FILE = '/call-relay.js';

/** True when the address names a meeting on its site (the watcher's own test, `isMeetingUrl`). */
export function isMeetingPage(url: string): boolean {
  const parsed = URL.parse(url);
  return parsed !== null && siteUrlsFor(parsed)?.isMeetingUrl(parsed) === true;
}

const patterns = () => [...CALL_SITE_MATCHES, ...(isTestBuild() ? DEMO_MATCHES : [])].map((p) => new MatchPattern(p));
let callSitePatterns: MatchPattern[] | null = null;

/** True for a page of one of the call sites Rapport attaches to (and, in test builds, the demo call). */
export function isCallSitePage(url: string): boolean {
  callSitePatterns ??= patterns();
  try {
    return callSitePatterns.some((p) => p.includes(url));
  } catch {
    return false; // not a URL a match pattern can read (about:blank, data:)
  }
}

/**
 * A page whose load event never comes (a subresource that hangs) still gets its watcher this long
 * after it began loading. A declared content script had the same fallback from Chromium (its
 * document_idle comes at the latest shortly after DOMContentLoaded).
 */
export const LOAD_FALLBACK_MS = 10_000;

const injecting = new Map<number, Promise<void>>();
const queued = new Map<number, Promise<void>>();
const fallbacks = new Map<number, ReturnType<typeof setTimeout>>();

/** Drops the tab's pending fallback (the tab closed, or its page loaded). */
export function clearFallback(tabId: number): void {
  clearTimeout(fallbacks.get(tabId));
  fallbacks.delete(tabId);
}

/** Forgets a closed tab. */
export function forgetTab(tabId: number): void {
  clearFallback(tabId);
  wakeRequested.delete(tabId);
}

/**
 * tabs.onUpdated: a call site's page finished loading ("complete"), so it gets the watcher (or, off
 * a meeting's address, the relay) unless it has one; a page that starts loading ("loading") gets
 * it after LOAD_FALLBACK_MS if it has not completed by then. Chromium also reports an address change inside a page (pushState) as loading
 * then complete, on the same document: the probe keeps that page's watcher (and its live session)
 * from being started a second time, which would stop the first. One injection per tab at a time.
 */
export function handleTabLoaded(
  tabId: number,
  change: { status?: string; url?: string },
  tab: { url?: string; status?: string },
): Promise<void> {
  const url = change.url ?? tab.url;
  if (change.status === 'loading') {
    clearFallback(tabId);
    if (url && isCallSitePage(url))
      fallbacks.set(
        tabId,
        setTimeout(() => {
          fallbacks.delete(tabId);
          void injectOnce(tabId);
        }, LOAD_FALLBACK_MS),
      );
    return Promise.resolve();
  }
  if (change.status === undefined && change.url !== undefined && tab.status === 'complete') {
    // An address change inside a loaded page that came without load reports (Firefox reports
    // pushState so): the page may have moved into a meeting.
    return isCallSitePage(change.url) && isMeetingPage(change.url) ? injectOnce(tabId) : Promise.resolve();
  }
  if (change.status !== 'complete') return Promise.resolve();
  clearFallback(tabId);
  if (!url || !isCallSitePage(url)) return Promise.resolve();
  return injectOnce(tabId);
}

/**
 * At most one check running and one waiting per tab: a page that reports loads in a burst (a loop
 * of pushState) costs two probes, not one per report. The waiting check runs after the running one
 * and sees the tab's page as it is then, so a new page's load is never lost.
 */
function injectOnce(tabId: number, onlyWithTap = false): Promise<void> {
  const waiting = queued.get(tabId);
  if (waiting) return waiting;
  const run = (injecting.get(tabId) ?? Promise.resolve()).then(() => {
    queued.delete(tabId);
    return ensureWatcher(tabId, onlyWithTap);
  });
  queued.set(tabId, run);
  injecting.set(tabId, run);
  return run.finally(() => {
    if (injecting.get(tabId) === run) injecting.delete(tabId);
  });
}

/** Tabs whose relay asked for the watcher, until their next check takes the request. */
const wakeRequested = new Set<number>();

/**
 * The relay saw a call on a page whose address is not a meeting's: the page gets its watcher
 * (which asks the tap again and wakes the companion). Coalesced with the tab's other checks.
 */
export function wakeWatcher(tabId: number): Promise<void> {
  wakeRequested.add(tabId);
  return injectOnce(tabId);
}

/** How often a call-site page that was loading at install is looked at again. */
export const INSTALL_POLL_MS = 500;

/**
 * At install, the worker's first run registers its listeners while pages may already be loading,
 * and Chromium does not deliver tab events to it until they are registered (measured with fresh
 * profiles: a call page loading at that moment missed its "complete" in 7 of 12 starts). So every
 * call-site page is looked at here: loaded ones now, loading ones when they have loaded (looked
 * for every INSTALL_POLL_MS, at most LOAD_FALLBACK_MS). They got the tap (it is declared in the
 * manifest) and get their watcher. Pages that were open before the install have no tap, so nothing
 * a watcher could follow, and are left alone (reloading them brings Rapport).
 */
export async function injectIntoLoadedPages(pollMs = INSTALL_POLL_MS): Promise<void> {
  const tabs = await browser.tabs.query({});
  const pages = tabs.filter((t) => t.id !== undefined && t.url !== undefined && isCallSitePage(t.url));
  await Promise.all(
    pages.map(async (t) => {
      let status: string | undefined = t.status;
      for (let waited = 0; status !== 'complete' && waited < LOAD_FALLBACK_MS; waited += pollMs) {
        await new Promise((r) => setTimeout(r, pollMs));
        status = await browser.tabs.get(t.id!).then(
          (now) => now.status,
          () => 'gone',
        );
        if (status === 'gone') return;
      }
      await injectOnce(t.id!, true);
    }),
  );
}

/**
 * Gives the tab's top frame what its page needs: nothing if it has a watcher; the watcher if its
 * address is a meeting's, its relay asked for it or its tap has seen a call; else the relay (which
 * installs itself once).
 * With onlyWithTap, only where the page has the tap. Errors (the tab closed, an error page) are
 * the page's end, not ours.
 */
export async function ensureWatcher(tabId: number, onlyWithTap = false): Promise<void> {
  const target = { tabId, frameIds: [0] };
  const woken = wakeRequested.delete(tabId);
  /** Whether a global of the page's top frame (its own world, or Rapport's isolated one) is true. */
  const flagSet = async (world: 'MAIN' | 'ISOLATED', flag: string) => {
    const [probe] = await browser.scripting.executeScript({
      target,
      world,
      func: (name: string) => (globalThis as unknown as Record<string, unknown>)[name] === true,
      args: [flag],
    });
    return probe?.result === true;
  };
  try {
    if (onlyWithTap && !(await flagSet('MAIN', TAP_MARKER))) return;
    if (await flagSet('ISOLATED', WATCHER_FLAG)) return;
    if (!woken && !isMeetingPage((await browser.tabs.get(tabId)).url ?? '')) {
      // The relay listens from now on; what the tap saw before, its mark says (read after the relay
      // is in, so that nothing falls between the two).
      await browser.scripting.executeScript({ target, files: [RELAY_FILE] });
      if (!(await flagSet('MAIN', TAP_SAW_CALL))) return;
    }
    await browser.scripting.executeScript({ target, files: [WATCHER_FILE] });
  } catch {
    // The page went away between its load and the injection, or shows an error page.
  }
}
