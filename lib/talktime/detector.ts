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

/**
 * A detector that scores together the windows asked of it in the same round of microtasks: the
 * live meter's engines (one per framing, lib/talktime/engine/framings.ts) each ask for their
 * blocks as the same batch of frames reaches them, and one model call for all of them costs far
 * less than one each (tfjs's pure-JavaScript backend: ≈ 1.7 ms a window asked alone, ≈ 0.8 ms in
 * fours; BENCHMARKS, "The meter's engines share their model calls"). Each window's probability
 * is the one the detector gives it alone (the model scores a batch's windows independently; unit
 * test). The flush is a microtask, not a timer: a call tab in the background has its timers
 * throttled, and the engines must not wait on them. A failed model call fails every request in it.
 */
export function coalescingDetector(detector: SpeechDetector): SpeechDetector {
  type Request = { windows: Float32Array; count: number; resolve: (p: Float32Array) => void; reject: (e: unknown) => void };
  let pending: Request[] = [];
  /** Buffers of earlier flushes, free again: the detector may read its input until it answers, so a flush in flight keeps its own. */
  const free: Float32Array[] = [];
  const flush = async () => {
    const batch = pending;
    pending = [];
    let total = 0;
    for (const r of batch) total += r.count;
    // Copied now, while every asker still holds its windows (they may reuse them once answered).
    let buffer = free.pop() ?? new Float32Array(0);
    if (buffer.length < total * WINDOW_SIZE) buffer = new Float32Array(total * WINDOW_SIZE);
    const all = buffer.subarray(0, total * WINDOW_SIZE);
    let at = 0;
    for (const r of batch) {
      all.set(r.windows, at);
      at += r.windows.length;
    }
    try {
      const p = await detector.speechProbabilities(all, total);
      let i = 0;
      for (const r of batch) {
        r.resolve(p.slice(i, i + r.count));
        i += r.count;
      }
    } catch (error) {
      for (const r of batch) r.reject(error);
    } finally {
      free.push(buffer);
    }
  };
  return {
    speechProbabilities(windows, count) {
      if (windows.length !== count * WINDOW_SIZE) return Promise.reject(new RangeError('window data does not match count'));
      if (count === 0) return Promise.resolve(new Float32Array(0));
      return new Promise((resolve, reject) => {
        if (pending.length === 0) queueMicrotask(() => void flush());
        pending.push({ windows, count, resolve, reject });
      });
    },
  };
}
