import { describe, expect, it } from 'vitest';
import { align, alignWindows, levelsFrom, WINDOW_FRAMES } from '../../scripts/bench/trace-align';

const RATE = 48000;

/** "Words": noise bursts of 0.2–0.8 s whose loudness moves every 7 ms (as a voice's does), between pauses of 0.2–1 s over a quiet floor. */
function wordsTrack(seconds: number): Float32Array {
  let seed = 11;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const x = new Float32Array(seconds * RATE);
  let i = 0;
  while (i < x.length) {
    const word = Math.round((0.2 + 0.6 * rand()) * RATE);
    const gain = 0.05 + 0.3 * rand();
    let g = gain;
    for (let k = 0; k < word && i < x.length; k++, i++) {
      if (k % 336 === 0) g = gain * Math.pow(10, (rand() * 20 - 10) / 20);
      x[i] = g * (rand() * 2 - 1);
    }
    const pause = Math.round((0.2 + 0.8 * rand()) * RATE);
    for (let k = 0; k < pause && i < x.length; k++, i++) x[i] = 0.0005 * (rand() * 2 - 1);
  }
  return x;
}

/** The levels a tap would have sent from sample `from`, rounded as the meter's trace keeps them. */
const tapLevels = (samples: Float32Array, from: number, frames: number) =>
  Array.from(levelsFrom({ samples, sampleRate: RATE }, from, frames), (v) => Math.round(v * 100) / 100);

describe('bench:trace alignment (issue 16)', () => {
  const track = { samples: wordsTrack(24), sampleRate: RATE };

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
