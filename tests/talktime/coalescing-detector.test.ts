import { describe, expect, it } from 'vitest';
import { FrameBatcher, type WorkletBatch } from '../../lib/capture/worklet';
import { type SpeechDetector, WINDOW_SIZE, coalescingDetector } from '../../lib/talktime/detector';
import { FRAMINGS, Framings, TalkTimeEngine } from '../../lib/talktime/engine';
import { NUM_BANDS } from '../../lib/talktime/features';
import { loadModelFromDir } from '../../scripts/talktime/pipeline';
import { addNoise, addVoice, lcg } from './synth';

/** The shipped model on tfjs's pure-JavaScript backend, as the extension runs it, counting its calls. */
async function countedModel(): Promise<{ detector: SpeechDetector; calls: number[] }> {
  const model = await loadModelFromDir(undefined, 'cpu');
  const calls: number[] = [];
  return {
    calls,
    detector: {
      speechProbabilities: (windows, count) => {
        calls.push(count);
        return model.speechProbabilities(windows, count);
      },
    },
  };
}

function windows(count: number, seed: number): Float32Array {
  const rnd = lcg(seed);
  return Float32Array.from({ length: count * WINDOW_SIZE }, () => rnd() * 4 - 2);
}

describe('the live meter’s engines share their model calls (coalescingDetector)', () => {
  it('scores the windows asked in the same round in one call, each as the model scores it alone', async () => {
    const { detector, calls } = await countedModel();
    const asked = [windows(1, 1), windows(2, 2), windows(3, 3), windows(1, 4)];
    const alone = [];
    for (const w of asked) alone.push(await detector.speechProbabilities(w, w.length / WINDOW_SIZE));
    calls.length = 0;
    const shared = coalescingDetector(detector);
    const together = await Promise.all(asked.map((w) => shared.speechProbabilities(w, w.length / WINDOW_SIZE)));
    expect(calls).toEqual([7]);
    expect(together.map((p) => Array.from(p))).toEqual(alone.map((p) => Array.from(p)));
    // A later round is a call of its own.
    await shared.speechProbabilities(asked[0]!, 1);
    expect(calls).toEqual([7, 1]);
  });

  it('refuses windows that do not match their count, answers none with none, and fails a round whose model call fails', async () => {
    let fail = true;
    const flaky: SpeechDetector = {
      speechProbabilities: (_w, count) =>
        fail ? Promise.reject(new Error('model gone')) : Promise.resolve(new Float32Array(count).fill(0.5)),
    };
    const shared = coalescingDetector(flaky);
    await expect(shared.speechProbabilities(new Float32Array(3), 1)).rejects.toThrow(RangeError);
    expect(await shared.speechProbabilities(new Float32Array(0), 0)).toHaveLength(0);
    const round = [shared.speechProbabilities(windows(1, 5), 1), shared.speechProbabilities(windows(2, 6), 2)];
    await expect(round[0]).rejects.toThrow('model gone');
    await expect(round[1]).rejects.toThrow('model gone');
    // The next round is asked afresh.
    fail = false;
    expect(Array.from(await shared.speechProbabilities(windows(2, 7), 2))).toEqual([0.5, 0.5]);
  });

  it('leaves the meter’s figures as they were, with a model call per batch instead of one per engine', async () => {
    const { detector, calls } = await countedModel();
    // A call at 22.05 kHz, as the tap's context runs in Chromium: two voices taking turns over a soft room.
    const rate = 22050;
    const self = new Float32Array(20 * rate);
    const other = new Float32Array(20 * rate);
    for (let t = 0.5; t < 19; t += 4) {
      addVoice(self, rate, t, t + 1.6, { seed: Math.round(t * 10) });
      addVoice(other, rate, t + 2, t + 3.7, { f0: 200, seed: Math.round(t * 10) + 1 });
    }
    addNoise(self, 0.002, 3);
    addNoise(other, 0.002, 4);
    const batcher = new FrameBatcher(rate);
    const batches: WorkletBatch[] = [];
    for (let i = 0; i + 128 <= self.length; i += 128) {
      const b = batcher.push(self.subarray(i, i + 128), other.subarray(i, i + 128));
      if (b) batches.push(b);
    }
    const measure = async (shared: boolean) => {
      const d = shared ? coalescingDetector(detector) : detector;
      const engine = () => new TalkTimeEngine({ detector: d, otherReceived: true });
      const f = new Framings(engine(), Array.from({ length: FRAMINGS - 1 }, engine));
      let first = 0;
      for (const b of batches) {
        const blocks = (x: { self: Float32Array; other: Float32Array; levels: Float64Array; bands: Float32Array }) => ({
          self: {
            first,
            count: b.count,
            db: x.self,
            level: x.levels.subarray(0, b.count),
            bands: x.bands.subarray(0, b.count * NUM_BANDS),
          },
          other: { first, count: b.count, db: x.other, level: x.levels.subarray(b.count), bands: x.bands.subarray(b.count * NUM_BANDS) },
        });
        const a = blocks(b);
        // As the meter feeds them: not awaited, one batch after another.
        void f.process(a.self, a.other, b.more?.map(blocks));
        first += b.count;
      }
      await f.finish();
      return f.snapshot();
    };
    calls.length = 0;
    const apart = await measure(false);
    const apartCalls = calls.length;
    calls.length = 0;
    const together = await measure(true);
    expect(together).toEqual(apart);
    expect(apart.selfTalkMs).toBeGreaterThan(3000);
    expect(apart.otherTalkMs).toBeGreaterThan(3000);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.length).toBeLessThan(apartCalls / 2);
  });
});
