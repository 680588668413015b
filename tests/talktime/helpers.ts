import { type Frame, NUM_BANDS, NUM_BINS } from '../../lib/talktime/features';

/**
 * A frame whose bands all sit at `dbLevel`; `shape` shapes the spectrum: speech-like is low bins
 * louder with harmonics every 8 bins (a 172 Hz voice), flat has neither.
 */
export function levelFrame(index: number, dbLevel: number, shape: 'flat' | 'speechy' = 'flat'): Frame {
  const db = new Float32Array(NUM_BINS);
  for (let k = 0; k < NUM_BINS; k++)
    db[k] = shape === 'flat' ? dbLevel : dbLevel + (k < 60 ? 10 : -10) + 8 * Math.cos((2 * Math.PI * k) / 8);
  return { index, db, level: dbLevel + 10, bands: new Float32Array(NUM_BANDS).fill(dbLevel) };
}

export const QUIET = -90;
export const LOUD = -40;

/** Frames from a pattern string: '#' loud, '.' quiet, 't' loud but flat (non-speech for the fake model). */
export function framesFrom(pattern: string, offset = 0, loud = LOUD): Frame[] {
  return [...pattern].map((c, i) => levelFrame(offset + i, c === '.' ? QUIET : loud, c === '#' ? 'speechy' : 'flat'));
}

/** Repeats a character n times. */
export const rep = (c: string, n: number) => c.repeat(n);
