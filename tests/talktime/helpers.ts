import { type Frame, NUM_BANDS, NUM_BINS } from '../../lib/talktime/features';

/**
 * A frame at `dbLevel`; `shape` shapes the spectrum: speech-like is low bins louder with
 * harmonics every 8 bins (a 172 Hz voice), and its low bands 10 dB above its high ones' (as a
 * voice's formants stand out); flat has neither, and all its bands at `dbLevel`.
 */
export function levelFrame(index: number, dbLevel: number, shape: 'flat' | 'speechy' = 'flat'): Frame {
  const db = new Float32Array(NUM_BINS);
  for (let k = 0; k < NUM_BINS; k++)
    db[k] = shape === 'flat' ? dbLevel : dbLevel + (k < 60 ? 10 : -10) + 8 * Math.cos((2 * Math.PI * k) / 8);
  const bands = new Float32Array(NUM_BANDS).fill(dbLevel);
  if (shape === 'speechy') for (let b = 0; b < NUM_BANDS; b++) bands[b] = dbLevel + (b < NUM_BANDS / 2 ? 5 : -5);
  return { index, db, level: dbLevel + 10, bands };
}

export const QUIET = -90;
export const LOUD = -40;

/** Frames from a pattern string: '#' loud, '.' quiet, 't' loud but flat (non-speech for the fake model). */
export function framesFrom(pattern: string, offset = 0, loud = LOUD): Frame[] {
  return [...pattern].map((c, i) => levelFrame(offset + i, c === '.' ? QUIET : loud, c === '#' ? 'speechy' : 'flat'));
}

/** Repeats a character n times. */
export const rep = (c: string, n: number) => c.repeat(n);
