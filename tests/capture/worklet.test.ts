import { describe, expect, it } from 'vitest';
import { FRAMES_PER_BATCH, FrameBatcher } from '../../lib/capture/worklet';
import { FrameExtractor, NUM_BINS } from '../../lib/talktime/features';
import { compiledKernel } from '../../lib/talktime/features/kernel';

describe('the tap worklet framer', () => {
  it('never compiles WebAssembly in the call page, and frames exactly as the analyzer does', () => {
    const rate = 48000;
    const batcher = new FrameBatcher(rate);
    expect(batcher.usesWasm).toBe(false);
    const x = new Float32Array(rate);
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
    for (const [bi, b] of batches.entries()) {
      for (let f = 0; f < FRAMES_PER_BATCH; f++) {
        const row = b.self.subarray(f * NUM_BINS, (f + 1) * NUM_BINS);
        expect(Array.from(row)).toEqual(Array.from(frames[bi * FRAMES_PER_BATCH + f]!.db));
      }
    }
  });
});
