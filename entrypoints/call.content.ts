import { defineContentScript } from 'wxt/utils/define-content-script';
import { CALL_SITE_MATCHES, DEMO_MATCHES } from '../lib/platforms/hosts';
import { siteUrlsFor } from '../lib/platforms/urls';
import { WATCHER_FLAG, watchForCall } from '../lib/session/call-watcher';
import { createChunkLoader } from '../lib/session/chunk-loader';
import type { CompanionModule } from '../lib/session/live-engine';

// On every page of the call sites: only the watcher. The companion loads when the page may hold a
// call, the engine when a call starts (issue 20). Not in the manifest: the background injects it
// once the page has loaded (lib/background/watcher.ts); sites enabled by hand register it.
export default defineContentScript({
  matches: [...CALL_SITE_MATCHES, ...(import.meta.env.RAPPORT_TEST_BUILD === '1' ? DEMO_MATCHES : [])],
  registration: 'runtime',
  runAt: 'document_idle',
  // WXT's legacy "script started" postMessage would wake every message listener of the site (and
  // tell it Rapport is here); the custom event it also sends is all WXT itself needs.
  noScriptStartedPostMessage: true,
  main(ctx) {
    Object.defineProperty(globalThis, WATCHER_FLAG, { value: true });
    watchForCall(ctx, {
      window,
      adapter: siteUrlsFor(new URL(window.location.href)),
      loadCompanion: createChunkLoader<CompanionModule>(
        'companion',
        (m) => typeof (m as CompanionModule | undefined)?.startCompanion === 'function',
      ),
    });
  },
});
