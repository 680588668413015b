import { describe, expect, it, vi } from 'vitest';
import { FRAME_BINS } from '../../lib/messaging/frames';
import type { Detection } from '../../lib/platforms/detect';
import { createEngineModule, createMeter } from '../../lib/session/engine-chunk';
import type { SpeechDetector } from '../../lib/talktime/detector';
import { TalkTimeEngine, type TalkTimeOptions } from '../../lib/talktime/engine';

/** The options of every engine built (the real engine runs; this only records how it was asked for). */
const built = vi.hoisted(() => [] as (TalkTimeOptions | undefined)[]);
vi.mock('../../lib/talktime/engine', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/talktime/engine')>();
  class Recorded extends real.TalkTimeEngine {
    constructor(options?: TalkTimeOptions) {
      super(options);
      built.push(options);
    }
  }
  return { ...real, TalkTimeEngine: Recorded };
});

const detection: Detection = { inCall: true, ended: false, micMuted: false, meetingLink: null, path: 'adapter', warning: null };
const tap = { peerConnections: 1, remoteAudioTracks: 1, micTracks: 1, micEnabled: true, capturing: true, error: null };
const context = (now: number) => ({ detection, tap, tabCaptureSite: false, noRemoteSince: null, now });

/** Self talking in syllable-like bursts over a quiet room, the other party silent, `seconds` long (after 2 s of room tone). */
function feed(intake: { tapFrames(s: number, c: number, a: Float32Array, b: Float32Array): void }, seconds: number) {
  const batch = 40;
  const total = Math.round(((seconds + 2) * 1000) / 23.22);
  for (let start = 0; start < total; start += batch) {
    const self = new Float32Array(batch * FRAME_BINS);
    for (let f = 0; f < batch; f++) {
      const index = start + f;
      const talking = index > 2000 / 23.22 && index % 12 < 9;
      for (let k = 0; k < FRAME_BINS; k++)
        self[f * FRAME_BINS + k] = talking && k > 4 && k < 120 ? -30 - k / 10 : -95 + ((index * 7 + k * 13) % 5);
    }
    intake.tapFrames(start, batch, self, new Float32Array(batch * FRAME_BINS).fill(-Infinity));
  }
}

describe('engine chunk (issue 20)', () => {
  it('loads the speech model once per page, whether prepared first or not', async () => {
    const loadDetector = vi.fn(async () => null);
    const m = createEngineModule(loadDetector);
    await m.prepare();
    await m.createMeter({ paused: false, baseline: null, offsetMs: 0 });
    await m.createMeter({ paused: false, baseline: null, offsetMs: 0 });
    expect(loadDetector).toHaveBeenCalledTimes(1);
  });

  it('a meter measures the frames it is given and reports live figures; the model state is the engine’s', async () => {
    const noModel = await createEngineModule(async () => null).createMeter({ paused: false, baseline: null, offsetMs: 0 });
    feed(noModel.intake, 6);
    await noModel.finish();
    const info = noModel.info(context(Date.now()));
    expect(info.model).toBe('unavailable');
    expect(info.stats.selfTalkMs).toBeGreaterThan(3000);
    expect(info.stats.otherTalkMs).toBe(0);
    expect(info.health.self.state).toBe('listening');

    const detector: SpeechDetector = { speechProbabilities: async (_w, count) => new Float32Array(count).fill(1) };
    const withModel = await createEngineModule(async () => detector).createMeter({ paused: false, baseline: null, offsetMs: 0 });
    expect(withModel.info(context(Date.now())).model).toBe('loaded');
  });

  it('a paused meter measures nothing until resumed', async () => {
    const meter = await createEngineModule(async () => null).createMeter({ paused: true, baseline: null, offsetMs: 0 });
    feed(meter.intake, 3);
    await meter.finish();
    expect(meter.info(context(Date.now())).stats.selfTalkMs).toBe(0);
  });

  it('judges the other party’s channel as a call received it: what their suppressor let through far from their words does not count', async () => {
    // The other party's words (voiced: harmonics 6 bins apart) at 2–5 s, then 2 s at 5.6–7.6 s of
    // unvoiced sound uneven across bands — what their noise suppressor let through of their room.
    const rows = (from: number, n: number, party: 'self' | 'other') => {
      const a = new Float32Array(n * FRAME_BINS);
      for (let f = 0; f < n; f++) {
        const i = from + f;
        const t = i * 23.22;
        const words = party === 'other' && t > 2000 && t < 5000 && i % 12 < 9;
        const leftovers = party === 'other' && t > 5600 && t < 7600;
        for (let k = 0; k < FRAME_BINS; k++)
          a[f * FRAME_BINS + k] =
            words && k > 4 && k < 120
              ? -30 - k / 10 - (k % 6 === 0 ? 0 : 25)
              : leftovers && k > 2 && k < 60
                ? -55 + 6 * Math.sin(k / 3 + i)
                : -95 + ((i * 7 + k * 13) % 5);
      }
      return a;
    };
    const otherTalk = async (meter: Awaited<ReturnType<ReturnType<typeof createEngineModule>['createMeter']>>) => {
      const total = Math.round(9000 / 23.22);
      for (let s = 0; s < total; s += 40) {
        const n = Math.min(40, total - s);
        meter.intake.tapFrames(s, n, rows(s, n, 'self'), rows(s, n, 'other'));
      }
      await meter.finish();
      return meter.info(context(Date.now())).stats.otherTalkMs;
    };
    const options = { paused: false, baseline: null, offsetMs: 0 };
    built.length = 0;
    const live = await otherTalk(await createEngineModule(async () => null).createMeter(options));
    expect(built.map((o) => o?.otherReceived)).toEqual([true]);
    // The same frames through engines told that the channel was received, and told nothing.
    const received = await otherTalk(createMeter(new TalkTimeEngine({ otherReceived: true }), options));
    const recording = await otherTalk(createMeter(new TalkTimeEngine(), options));
    expect(live).toBe(received);
    expect(live).toBeGreaterThan(2900);
    expect(live).toBeLessThan(3700);
    expect(recording).toBeGreaterThanOrEqual(live);
    // The edge judge drops these leftovers too, so the shipped engine counts the same either way;
    // with it off, only the far end's rule (which the meter's engine must be told of) drops them.
    const judgeOff = { edgeKeepProbability: 0 };
    const ruleOnly = await otherTalk(createMeter(new TalkTimeEngine({ otherReceived: true, config: judgeOff }), options));
    const neither = await otherTalk(createMeter(new TalkTimeEngine({ config: judgeOff }), options));
    expect(neither).toBeGreaterThan(ruleOnly + 300);
  });
});
