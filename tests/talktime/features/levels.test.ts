import { describe, expect, it } from 'vitest';
import { levelsFromPower, withLevels } from '../../../lib/talktime/features/levels';
import { BAND_EDGES, LEVEL_BINS, NUM_BANDS, NUM_BINS } from '../../../lib/talktime/features/recipe';

describe('levelsFromPower', () => {
  it('sums power over LEVEL_BINS and over each band, in dB', () => {
    const power = new Float64Array(NUM_BINS).fill(1e-6);
    const { level, bands } = levelsFromPower(power);
    expect(level).toBeCloseTo(10 * Math.log10(1e-6 * (LEVEL_BINS[1] - LEVEL_BINS[0])), 6);
    for (let b = 0; b < NUM_BANDS; b++) expect(bands[b]).toBeCloseTo(10 * Math.log10(1e-6 * (BAND_EDGES[b + 1]! - BAND_EDGES[b]!)), 4);
  });

  it('floors silence at −200 dB', () => {
    const { level, bands } = levelsFromPower(new Float64Array(NUM_BINS));
    expect(level).toBe(-200);
    expect(Array.from(bands).every((v) => v === -200)).toBe(true);
  });
});

describe('withLevels', () => {
  it('derives level and bands from the dB row when a producer left them out', () => {
    const db = new Float32Array(NUM_BINS).fill(-60);
    const f = withLevels({ index: 3, db });
    expect(f.index).toBe(3);
    expect(f.level).toBeCloseTo(-60 + 10 * Math.log10(LEVEL_BINS[1] - LEVEL_BINS[0]), 3);
  });

  it('keeps levels a producer already filled in', () => {
    const bands = new Float32Array(NUM_BANDS).fill(-1);
    const frame = { index: 0, db: new Float32Array(NUM_BINS), level: 5, bands };
    expect(withLevels(frame)).toBe(frame);
  });
});
