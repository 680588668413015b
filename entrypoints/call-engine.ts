import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createEngineModule } from '../lib/session/engine-chunk';
import { CHUNKS } from '../lib/session/live-engine';
import { newMeterTrace } from '../lib/session/meter-trace';

// The talk-time engine and tfjs, loaded into a call page's isolated world when a call starts
// (lib/session/chunk-loader.ts). Loaded twice (a second import), the first stays. Test builds keep
// each meter's trace for bench:live (lib/session/meter-trace.ts); release builds have none.
export default defineUnlistedScript(() => {
  const g = globalThis as unknown as Record<string, unknown>;
  g[CHUNKS.engine.global] ??= createEngineModule(undefined, import.meta.env.RAPPORT_TEST_BUILD === '1' ? newMeterTrace : undefined);
});
