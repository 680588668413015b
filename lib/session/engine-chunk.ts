import { loadBundledSpeechDetector } from '../capture/model-loader';
import type { SpeechDetector } from '../talktime/detector';
import { TalkTimeEngine } from '../talktime/engine';
import type { CallEngineModule } from './live-engine';

/**
 * The heavy half of the call companion: the talk-time engine with tfjs and the speech model.
 * Bundled on its own (entrypoints/call-engine.ts) and loaded into the call page only when a call
 * starts. The model is loaded once per page; a session after a reload or a second call in the
 * same page reuses it.
 */
export function createEngineModule(loadDetector: () => Promise<SpeechDetector | null> = loadBundledSpeechDetector): CallEngineModule {
  let detector: Promise<SpeechDetector | null> | null = null;
  const model = () => (detector ??= loadDetector());
  return {
    async prepare() {
      await model();
    },
    async createEngine() {
      const d = await model();
      return new TalkTimeEngine(d ? { detector: d } : {});
    },
  };
}
