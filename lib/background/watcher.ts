import { browser } from 'wxt/browser';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { CALL_SITE_MATCHES, DEMO_MATCHES, isTestBuild } from '../platforms/hosts';
import { TAP_MARKER } from '../capture/tap-marker';
import { WATCHER_FLAG } from '../session/call-watcher';

/**
 * The watcher (content-scripts/call.js) is not in the manifest: the background injects it into a
 * call site's page once the page has loaded (issue 20). A content script the manifest declares
 * sets up its isolated world before the page's load event on a light page, which delayed that
 * event by ≈ 1.5× on a 2 kB page; the watcher only has to be there before a call can start, and
 * what the MAIN-world tap saw before it arrived, the watcher asks for.
 *
 * Pages of sites the user enabled by hand keep their registered content scripts (extra-sites.ts).
 */
export const WATCHER_FILE = '/content-scripts/call.js';

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

/**
 * tabs.onUpdated: a call site's page finished loading ("complete"), so it gets the watcher unless it
 * has one; a page that starts loading ("loading") gets it after LOAD_FALLBACK_MS if it has not
 * completed by then. Chromium also reports an address change inside a page (pushState) as loading
 * then complete, on the same document: the probe keeps that page's watcher (and its live session)
 * from being started a second time, which would stop the first. One injection per tab at a time.
 */
export function handleTabLoaded(tabId: number, change: { status?: string; url?: string }, tab: { url?: string }): Promise<void> {
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
 * Injects the watcher into the tab's top frame unless one is running there (and, with onlyWithTap,
 * only where the page has the tap). Errors (the tab closed, an error page) are the page's end, not ours.
 */
export async function ensureWatcher(tabId: number, onlyWithTap = false): Promise<void> {
  const target = { tabId, frameIds: [0] };
  try {
    const [probe] = await browser.scripting.executeScript({
      target,
      func: (flag: string) => (globalThis as unknown as Record<string, unknown>)[flag] === true,
      args: [WATCHER_FLAG],
    });
    if (probe?.result === true) return;
    if (onlyWithTap) {
      const [tap] = await browser.scripting.executeScript({
        target,
        world: 'MAIN',
        func: (marker: string) => (globalThis as unknown as Record<string, unknown>)[marker] === true,
        args: [TAP_MARKER],
      });
      if (tap?.result !== true) return;
    }
    await browser.scripting.executeScript({ target, files: [WATCHER_FILE] });
  } catch {
    // The page went away between its load and the injection, or shows an error page.
  }
}
