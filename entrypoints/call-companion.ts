import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startCompanion } from '../lib/session/companion';
import { CHUNKS } from '../lib/session/live-engine';

// The call companion, loaded into a call page's isolated world once the page may hold a call
// (lib/session/call-watcher.ts). Loaded twice (a second import), the first stays.
export default defineUnlistedScript(() => {
  const g = globalThis as unknown as Record<string, unknown>;
  g[CHUNKS.companion.global] ??= { startCompanion };
});
