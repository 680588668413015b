import { describe, expect, it } from 'vitest';
import {
  BAND_EDGES,
  FEATURE_SAMPLE_RATE,
  FFT_SIZE,
  FRAME_HOP,
  FRAME_MS,
  NUM_BANDS,
  NUM_BINS,
  blackmanWindow,
} from '../../../lib/talktime/features/recipe';

describe('recipe constants', () => {
  it('match BROWSER_FFT', () => {
    expect(FEATURE_SAMPLE_RATE).toBe(44100);
    expect(FFT_SIZE).toBe(2048);
    expect(FRAME_HOP).toBe(1024);
    expect(NUM_BINS).toBe(232);
    expect(FRAME_MS).toBeCloseTo(23.22, 2);
    expect(BAND_EDGES[0]).toBeGreaterThan(0);
    expect(BAND_EDGES[NUM_BANDS]).toBe(NUM_BINS);
  });

  it('uses the periodic Blackman window', () => {
    const w = blackmanWindow();
    expect(w[0]).toBeCloseTo(0, 12);
    expect(w[1024]).toBeCloseTo(1, 12);
    expect(w[512]).toBeCloseTo(0.42 - 0.5 * Math.cos(Math.PI / 2) + 0.08 * Math.cos(Math.PI), 12);
    // Periodic, not symmetric: the last point is not zero and mirrors w[1].
    expect(w[2047]).toBeCloseTo(w[1]!, 12);
    expect(w[2047]).toBeGreaterThan(0);
  });
});
