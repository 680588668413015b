/**
 * The exact recipe of speech-commands' BROWSER_FFT extractor, which every frame follows:
 * 44.1 kHz mono, frame m covers samples [m·1024, m·1024 + 2048), periodic Blackman window,
 * |X[k]| / 2048 in dB, bins 0…231; plus the coarse bands the talk-time engine tracks noise in.
 */

/** Sample rate of the feature recipe. */
export const FEATURE_SAMPLE_RATE = 44100;
/** The rate frames are made at unless `halfRate: false`: half the recipe's (see FrameExtractor). */
export const HALF_RATE = FEATURE_SAMPLE_RATE / 2;
/** FFT length (samples at 44.1 kHz). */
export const FFT_SIZE = 2048;
/** Distance between frame starts (samples at 44.1 kHz). */
export const FRAME_HOP = 1024;
/** Bins kept per frame: 0…231, i.e. 0 to ≈ 5 kHz in steps of ≈ 21.5 Hz. */
export const NUM_BINS = 232;
/** Duration of one hop in milliseconds (≈ 23.22 ms). */
export const FRAME_MS = (FRAME_HOP / FEATURE_SAMPLE_RATE) * 1000;
/** Frequency step between bins in Hz (≈ 21.53 Hz). */
export const BIN_HZ = FEATURE_SAMPLE_RATE / FFT_SIZE;

/**
 * Band edges (in bins) of the coarse bands the talk-time engine tracks noise in. Roughly
 * mel-spaced from 65 Hz to 5 kHz; band b covers bins [BAND_EDGES[b], BAND_EDGES[b + 1]).
 */
export const BAND_EDGES: readonly number[] = [
  60, 150, 250, 350, 450, 570, 700, 840, 1000, 1200, 1450, 1750, 2100, 2550, 3100, 3800, 5000,
].map((hz, i) => (i === 16 ? NUM_BINS : Math.round(hz / BIN_HZ)));
export const NUM_BANDS = BAND_EDGES.length - 1;
/** Bins summed into a frame's `level`: ≈ 86 Hz – 4 kHz, where voices carry their energy. */
export const LEVEL_BINS: readonly [number, number] = [4, 186];

/** One spectral frame. */
export interface Frame {
  /** Frame number m: the frame covers 44.1 kHz samples [m·1024, m·1024 + 2048). */
  index: number;
  /** NUM_BINS magnitudes in dB exactly as BROWSER_FFT computes them (−Infinity for zero). */
  db: Float32Array;
  /** Power in LEVEL_BINS, dB (same scale as `db`, floored at −200). Optional: derived from `db` when absent. */
  level?: number;
  /** Power per band of BAND_EDGES, dB (floored at −200). Optional: derived from `db` when absent. */
  bands?: Float32Array;
}

/** dB of |X[k]| / 2048: the recipe's scale. */
export const DB_OFFSET = 20 * Math.log10(FFT_SIZE);
/** |A[k]| / 1024 of the half-rate transform equals the recipe's |X[k]| / 2048. */
export const HALF_DB_OFFSET = 20 * Math.log10(FFT_SIZE / 2);

/** Periodic Blackman window of FFT_SIZE points. */
export function blackmanWindow(n = FFT_SIZE): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.42 - 0.5 * Math.cos((2 * Math.PI * i) / n) + 0.08 * Math.cos((4 * Math.PI * i) / n);
  return w;
}
