import type { PlatformAdapter } from '../platforms/types';
import type { ChunkLoader } from './chunk-loader';
import type { CompanionContext } from './companion';
import type { CompanionModule } from './live-engine';

/**
 * The isolated-world global the watcher sets when it starts, by which the background sees that a
 * page has one (lib/background/watcher.ts); the page cannot see or set it.
 */
export const WATCHER_FLAG = '__rapportWatcher';

/** How often the watcher looks at the page's address (sites move into a meeting without a page load). */
export const WATCH_EVERY_MS = 1000;

/**
 * True when the tap's state says the page uses a microphone or a peer connection: a call is
 * starting or on. The page could forge this; all it gets is Rapport's companion loading here.
 */
export function tapShowsCall(data: unknown): boolean {
  const state = (data as { state?: Record<string, unknown> } | null)?.state;
  if (typeof state !== 'object' || state === null) return false;
  const positive = (v: unknown) => typeof v === 'number' && v > 0;
  return positive(state.micTracks) || positive(state.peerConnections) || positive(state.remoteAudioTracks);
}

export interface WatcherDeps {
  window: Window;
  /** The site's adapter; null on a site the user enabled by hand (only the media can tell there). */
  adapter: Pick<PlatformAdapter, 'isMeetingUrl'> | null;
  loadCompanion: ChunkLoader<CompanionModule>;
}

/**
 * What runs on every page of a call site: a watcher that costs the page next to nothing until the
 * page may hold a call — its address is a meeting's (a pre-join screen, a lobby, the call), or the
 * MAIN-world tap reports a microphone or a peer connection (a call started from a chat or a page
 * Rapport does not recognise). Then it loads the companion (call-companion.js) and hands over the
 * tap's last state. A home page, a marketing page or a chat without a call never loads it.
 */
export function watchForCall(ctx: CompanionContext & { readonly signal: AbortSignal }, deps: WatcherDeps): void {
  const win = deps.window;
  let lastTapState: unknown = null;
  let lastHref: string | null = null;
  let waking = false;
  let listening: AbortController | null = null;

  function listen(): void {
    listening = new AbortController();
    win.addEventListener(
      'message',
      (event: MessageEvent) => {
        if (event.source !== win) return;
        const data = event.data as { source?: unknown; type?: unknown } | null;
        if (data?.source !== 'rapport-tap' || data.type !== 'tap:state') return;
        lastTapState = data;
        if (tapShowsCall(data)) wake();
      },
      { signal: AbortSignal.any([ctx.signal, listening.signal]) },
    );
  }

  function wake(): void {
    if (waking || ctx.isInvalid) return;
    waking = true;
    listening?.abort();
    deps.loadCompanion().then(
      (companion) => {
        if (!ctx.isInvalid) companion.startCompanion(ctx, lastTapState === null ? [] : [lastTapState]);
      },
      (error: unknown) => {
        // Tried again when the page next says a call may be on.
        console.warn('Rapport:', error instanceof Error ? error.message : error);
        waking = false;
        lastHref = null;
        listen();
      },
    );
  }

  function look(): void {
    if (waking) return;
    const href = win.location.href;
    if (href === lastHref) return;
    lastHref = href;
    const url = URL.parse(href);
    if (url && deps.adapter?.isMeetingUrl(url)) wake();
  }

  listen();
  // The watcher arrives after the page has loaded: the tap may have seen a microphone or a
  // connection before, and posts only changes. It posts its state again when asked.
  win.postMessage({ source: 'rapport-cs', type: 'cs:tap.state' }, win.location.origin);
  look();
  // Chromium's Navigation API says when the address changes inside the page (pushState too), so an
  // idle page runs nothing at all; elsewhere (Firefox) the address is looked at every second.
  const navigation = (win as Window & { navigation?: EventTarget }).navigation;
  if (navigation) navigation.addEventListener('currententrychange', look, { signal: ctx.signal });
  else ctx.setInterval(look, WATCH_EVERY_MS);
}
