import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createEngineModule } from '../lib/session/engine-chunk';
import { ENGINE_GLOBAL } from '../lib/session/live-engine';

// The talk-time engine and tfjs, loaded into a call page's isolated world when a call starts
// (lib/session/engine-loader.ts). Defining it twice (a second import) keeps the first.
export default defineUnlistedScript(() => {
  const g = globalThis as unknown as Record<string, unknown>;
  g[ENGINE_GLOBAL] ??= createEngineModule();
});
