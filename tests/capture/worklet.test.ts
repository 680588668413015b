import { describe, expect, it } from 'vitest';
import { FRAMES_PER_BATCH, FrameBatcher } from '../../lib/capture/worklet';
import { FRAME_BANDS, FRAME_BINS, MAX_FRAMINGS } from '../../lib/messaging/frames';
import { FRAMINGS } from '../../lib/talktime/engine';
import { FrameExtractor, NUM_BANDS, NUM_BINS } from '../../lib/talktime/features';
import { compiledKernel } from '../../lib/talktime/features/kernel';

describe('the tap worklet framer', () => {
  it('never compiles WebAssembly in the call page, and frames exactly as the analyzer does', () => {
    const rate = 48000;
    const batcher = new FrameBatcher(rate);
    expect(batcher.usesWasm).toBe(false);
    const x = new Float32Array(2 * rate);
    for (let i = 0; i < x.length; i++) x[i] = 0.3 * Math.sin((2 * Math.PI * 310 * i) / rate) * (i % 9000 < 4500 ? 1 : 0.01);
    const batches = [];
    for (let i = 0; i + 128 <= x.length; i += 128) {
      const b = batcher.push(x.subarray(i, i + 128), undefined);
      if (b) batches.push(b);
    }
    expect(batches.length).toBeGreaterThan(2);
    // The offline analyzer's extractor (the kernel, in Node) on the same samples in one push.
    const offline = new FrameExtractor(rate, { kernel: compiledKernel() });
    expect(offline.usesWasm).toBe(true);
    const frames = offline.push(x);
    const silentLevel = new FrameExtractor(rate).push(new Float32Array(4096))[0]!.level;
    for (const [bi, b] of batches.entries()) {
      for (let f = 0; f < FRAMES_PER_BATCH; f++) {
        const row = b.self.subarray(f * NUM_BINS, (f + 1) * NUM_BINS);
        const frame = frames[bi * FRAMES_PER_BATCH + f]!;
        expect(Array.from(row)).toEqual(Array.from(frame.db));
        // The levels go with the rows, the same values the analyzer's engine reads.
        expect(b.levels[f]).toBe(frame.level);
        expect(Array.from(b.bands.subarray(f * NUM_BANDS, (f + 1) * NUM_BANDS))).toEqual(Array.from(frame.bands!));
      }
      // The missing input is digital silence, with its levels.
      expect(Array.from(b.other)).toEqual(new Array(FRAMES_PER_BATCH * NUM_BINS).fill(-Infinity));
      expect(Array.from(b.levels.subarray(FRAMES_PER_BATCH))).toEqual(new Array(FRAMES_PER_BATCH).fill(silentLevel));
      expect(b.bands).toHaveLength(2 * FRAMES_PER_BATCH * NUM_BANDS);
      expect(b.startIndex).toBe(bi * FRAMES_PER_BATCH);
    }
    // Each batch owns its arrays (they are transferred to the page).
    expect(batches[0]!.self.buffer).not.toBe(batches[1]!.self.buffer);
  });

  it('sends the later framings with each batch: the analyzer’s frames of the same audio k/n of a hop later', () => {
    const rate = 48000;
    const x = new Float32Array(2 * rate);
    for (let i = 0; i < x.length; i++) x[i] = 0.2 * Math.sin((2 * Math.PI * 440 * i) / rate) * (i % 7000 < 3000 ? 1 : 0.02);
    const run = (batcher: FrameBatcher) => {
      const out = [];
      for (let i = 0; i + 128 <= x.length; i += 128) {
        const b = batcher.push(undefined, x.subarray(i, i + 128));
        if (b) out.push(b);
      }
      return out;
    };
    const batches = run(new FrameBatcher(rate));
    expect(batches.length).toBeGreaterThan(2);
    expect(batches[0]!.more).toHaveLength(FRAMINGS - 1);
    for (let k = 1; k < FRAMINGS; k++) {
      // The analyzer's framing k: its own extractor, k/FRAMINGS of a hop later on the resampled audio.
      const frames = new FrameExtractor(rate, { kernel: compiledKernel(), framing: { k, of: FRAMINGS } }).push(x);
      for (const [bi, b] of batches.entries()) {
        const later = b.more![k - 1]!;
        for (let f = 0; f < FRAMES_PER_BATCH; f++) {
          const frame = frames[bi * FRAMES_PER_BATCH + f]!;
          expect(Array.from(later.other.subarray(f * NUM_BINS, (f + 1) * NUM_BINS))).toEqual(Array.from(frame.db));
          expect(later.levels[FRAMES_PER_BATCH + f]).toBe(frame.level);
        }
        expect(later.self).toHaveLength(FRAMES_PER_BATCH * NUM_BINS);
        expect(later.bands).toHaveLength(2 * FRAMES_PER_BATCH * NUM_BANDS);
        // Its arrays are its own, transferred with the batch.
        expect(later.other.buffer).not.toBe(b.other.buffer);
      }
    }
    // …and not framing 0's frames again.
    expect(Array.from(batches[1]!.more![0]!.other)).not.toEqual(Array.from(batches[1]!.other));
    // The tab capture asks for one framing: the same first framing, no later ones.
    const single = run(new FrameBatcher(rate, { framings: 1 }));
    expect(single.map((b) => b.more)).toEqual(single.map(() => undefined));
    expect(Array.from(single[1]!.other)).toEqual(Array.from(batches[1]!.other));
    // Two framings: the second half a hop later, as the analyzer's second of two.
    const two = run(new FrameBatcher(rate, { framings: 2 }));
    expect(two[0]!.more).toHaveLength(1);
    // What a page asks of the processor itself is bounded: never more framings than the tap makes, never none.
    for (const asked of [1000, -3, Number.NaN, '9' as unknown as number]) {
      expect(new FrameBatcher(rate, { framings: asked }).framings).toBeGreaterThanOrEqual(1);
      expect(new FrameBatcher(rate, { framings: asked }).framings).toBeLessThanOrEqual(FRAMINGS);
    }
    expect(new FrameBatcher(rate, { framings: 1000 }).framings).toBe(FRAMINGS);
    expect(new FrameBatcher(rate, { framings: -3 }).framings).toBe(1);
  });

  it('sends what the content script expects: the message sizes agree with the recipe', () => {
    expect(FRAME_BINS).toBe(NUM_BINS);
    expect(FRAME_BANDS).toBe(NUM_BANDS);
    expect(FRAMINGS).toBeLessThanOrEqual(MAX_FRAMINGS);
  });
});
