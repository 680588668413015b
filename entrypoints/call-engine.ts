import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createEngineModule } from '../lib/session/engine-chunk';
import { CHUNKS } from '../lib/session/live-engine';

// The talk-time engine and tfjs, loaded into a call page's isolated world when a call starts
// (lib/session/chunk-loader.ts). Loaded twice (a second import), the first stays.
export default defineUnlistedScript(() => {
  const g = globalThis as unknown as Record<string, unknown>;
  g[CHUNKS.engine.global] ??= createEngineModule();
});
