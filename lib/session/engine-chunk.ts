import { ChannelMonitor } from '../capture/health';
import { loadBundledSpeechDetector } from '../capture/model-loader';
import { type SpeechDetector, coalescingDetector } from '../talktime/detector';
import { FRAMINGS, Framings, TalkTimeEngine } from '../talktime/engine';
import { FrameIntake } from './frame-intake';
import type { CallEngineModule, LiveMeter, MeterOptions } from './live-engine';
import { buildLiveInfo } from './live-info';
import { traceBatch, traceTold, type MeterTrace } from './meter-trace';

/**
 * The heavy half of the call companion: the talk-time engine with tfjs and the speech model, and
 * what runs only while a session is measured. Bundled on its own (entrypoints/call-engine.ts)
 * and loaded into the call page only when a call starts. The model is loaded once per page; a
 * second session in the same page reuses it.
 */
export function createEngineModule(
  loadDetector: () => Promise<SpeechDetector | null> = loadBundledSpeechDetector,
  newTrace?: (now: number) => MeterTrace,
): CallEngineModule {
  let detector: Promise<SpeechDetector | null> | null = null;
  const model = () => (detector ??= loadDetector());
  return {
    async prepare() {
      await model();
    },
    async createMeter(options) {
      const loaded = await model();
      // The engines ask for their model windows as the same batch reaches them: one call for all.
      const d = loaded ? coalescingDetector(loaded) : null;
      // The other party's channel is the call's received audio (the far end's rule judges it).
      // An engine per framing (the tap sends FRAMINGS; lib/talktime/engine/framings.ts).
      const engine = () => new TalkTimeEngine({ ...(d ? { detector: d } : {}), otherReceived: true });
      const more = Array.from({ length: FRAMINGS - 1 }, engine);
      return createMeter(new Framings(engine(), more), options, Date.now, newTrace);
    },
  };
}

/**
 * Wires a session's frame intake into its engine (one framing's, or several: `Framings`); exported
 * for tests. `newTrace`: keep a trace of the first framing's frames and decisions
 * (lib/session/meter-trace.ts), as test builds do.
 */
export function createMeter(
  engineOrFramings: TalkTimeEngine | Framings,
  { paused, baseline, offsetMs }: MeterOptions,
  now: () => number = Date.now,
  newTrace?: (now: number) => MeterTrace,
): LiveMeter {
  const engine = engineOrFramings instanceof Framings ? engineOrFramings : new Framings(engineOrFramings);
  const monitors = { self: new ChannelMonitor(), other: new ChannelMonitor() };
  const traced = newTrace ? newTrace(now()) : null;
  const intake = new FrameIntake(
    (self, other, more) => {
      if (traced) traceBatch(traced, now(), self, other);
      void engine.process(self, other, more).catch(() => undefined);
    },
    monitors,
    { paused, now },
  );
  return {
    intake,
    setSelfMuted: (muted) => {
      if (traced) traceTold(traced, ['muted', muted]);
      engine.setSelfMuted(muted);
    },
    setSelfProcessing: (processing) => {
      if (traced) traceTold(traced, ['processing', { ...processing }]);
      engine.setSelfProcessing(processing);
    },
    finish: async () => {
      await engine.finish();
      if (traced) {
        traced.segments = engine.segments();
        traced.framings = engine.framings;
      }
    },
    info: (context) => buildLiveInfo({ engine, intake, baseline, offsetMs }, { ...context, monitors }),
  };
}
