import { describe, expect, it } from 'vitest';
import { voicing } from '../../../lib/talktime/engine/voicing';
import { FrameExtractor, NUM_BINS } from '../../../lib/talktime/features';
import { addNoise, addVoice } from '../synth';

const RATE = 16000;
const framesOf = (x: Float32Array) => new FrameExtractor(RATE).push(x);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('voicing', () => {
  it('is high for a voice, low and high pitched alike', () => {
    for (const f0 of [100, 130, 220, 300]) {
      const x = new Float32Array(RATE * 2);
      addVoice(x, RATE, 0, 2, { f0 });
      expect(median(framesOf(x).map((f) => voicing(f.db))), `${f0} Hz`).toBeGreaterThan(0.5);
    }
  });

  it('is low for noise, loud or quiet', () => {
    for (const level of [0.001, 0.1]) {
      const x = new Float32Array(RATE * 2);
      addNoise(x, level, 3);
      const v = framesOf(x).map((f) => voicing(f.db));
      expect(v.filter((s) => s >= 0.4).length / v.length).toBeLessThan(0.02);
    }
  });

  it('is 0 for digital silence', () => {
    expect(voicing(new Float32Array(NUM_BINS).fill(-Infinity))).toBe(0);
  });
});
