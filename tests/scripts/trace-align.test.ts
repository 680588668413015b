import { describe, expect, it } from 'vitest';
import { align, alignWindows, levelsFrom, WINDOW_FRAMES } from '../../scripts/bench/trace-align';
import { wordsTrack } from './words-track';

const RATE = 48000;

/** The levels a tap would have sent from sample `from`, rounded as the meter's trace keeps them. */
const tapLevels = (samples: Float32Array, from: number, frames: number) =>
  Array.from(levelsFrom({ samples, sampleRate: RATE }, from, frames), (v) => Math.round(v * 100) / 100);

describe('bench:trace alignment (issue 16)', () => {
  const track = { samples: wordsTrack(24, RATE, { seed: 11, moveEvery: 336 }), sampleRate: RATE };

  it('finds the sample where the meter’s frame 0 lay, from a guess a second off', () => {
    const start = 1.234567 * RATE;
    const live = tapLevels(track.samples, Math.round(start), 600);
    const found = align(track, live, start + RATE, 1.5);
    expect(Math.abs(found.start - Math.round(start))).toBeLessThanOrEqual(2);
    expect(found.gapDb).toBeLessThan(0.02);
    // A hop off is far off: the levels do not match there.
    const wrong = align(track, live, start + 1200, 0);
    expect(wrong.gapDb).toBeGreaterThan(0.3);
  });

  it('tells the window where the tap’s audio slipped 20 ms against the track, and the size of the slip', () => {
    // The tap heard the track from 0.5 s on, but lost 20 ms of it after 12 s.
    const from = 0.5 * RATE;
    const cutAt = 12 * RATE;
    const heard = new Float32Array(track.samples.length);
    for (let i = 0; i < heard.length; i++) heard[i] = track.samples[from + i + (from + i >= cutAt ? 0.02 * RATE : 0)] ?? 0;
    const live = tapLevels(heard, 0, 4 * WINDOW_FRAMES);
    const windows = alignWindows(track, live, from, 0.05);
    expect(windows.length).toBe(4);
    const slipMs = windows.map((w) => ((w.start - from) / RATE) * 1000);
    // Windows wholly before the slip sit where the call does; wholly after it, 20 ms on.
    const at = (w: { first: number }) => (w.first * 1024) / 44100;
    windows.forEach((w, i) => {
      if (at(w) + 5 < 11.5) expect(Math.abs(slipMs[i]!)).toBeLessThan(0.1);
      if (at(w) > 11.5) expect(slipMs[i]!).toBeCloseTo(20, 0);
    });
    expect(windows.every((w) => w.gapDb < 0.05 || (at(w) < 11.5 && at(w) + 5 > 11.5))).toBe(true);
  });
});
