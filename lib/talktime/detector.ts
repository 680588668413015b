import { NUM_BINS } from './features';

/** Frames per model window (≈ 1 s), as BROWSER_FFT models expect. */
export const WINDOW_FRAMES = 43;
/** Values per model window. */
export const WINDOW_SIZE = WINDOW_FRAMES * NUM_BINS;

/**
 * Something that says how likely each ≈ 1 s spectrogram window is to contain speech. The
 * engine hands it z-normalised windows (see `normaliseWindow`), `count` of them back to back, in
 * an array it reuses once the returned promise has settled.
 */
export interface SpeechDetector {
  speechProbabilities(windows: Float32Array, count: number): Promise<Float32Array>;
}

/** dB values below this (including −Infinity for digital silence) are clamped before normalising. */
export const WINDOW_FLOOR_DB = -160;

/**
 * Copies WINDOW_FRAMES frames of dB values into `out` at `offset`, z-normalised over the
 * whole window ((x − mean) / (std + ε)), which speech-commands' `recognize()` does not do.
 */
export function normaliseWindow(frames: readonly Float32Array[], out: Float32Array, offset: number): void {
  let sum = 0;
  let sumSq = 0;
  let i = offset;
  for (const db of frames) {
    for (let k = 0; k < NUM_BINS; k++) {
      const raw = db[k]!;
      const v = raw > WINDOW_FLOOR_DB ? raw : WINDOW_FLOOR_DB;
      out[i++] = v;
      sum += v;
      sumSq += v * v;
    }
  }
  const n = frames.length * NUM_BINS;
  const mean = sum / n;
  const std = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  const inv = 1 / (std + 1e-6);
  for (let j = offset; j < offset + n; j++) out[j] = (out[j]! - mean) * inv;
}
