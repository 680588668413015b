/**
 * How voiced a frame is: the strongest periodicity of its dB spectrum along frequency at a
 * harmonic spacing of a human voice's pitch (≈ 86–410 Hz, 4–19 bins of ≈ 21.5 Hz), over
 * ≈ 86 Hz – 2.6 kHz, after its smooth envelope is removed. A voiced sound (every vowel) has
 * harmonics evenly spaced by its pitch; room noise, a fan, a noise suppressor's leaks and most
 * clicks do not. Normalised autocorrelation: 0 (none) … 1.
 */

/** Bins compared: ≈ 86 Hz – 2.6 kHz, where a voice's harmonics stand out. */
const LO = 4;
const HI = 120;
const N = HI - LO;
/** Harmonic spacings tried, in bins. */
const MIN_LAG = 4;
const MAX_LAG = 19;
/** Bins either side of the moving average that takes the spectral envelope out. */
const ENVELOPE_HALF = 4;
/** Rows are floored this far below their peak, so deep dips and −∞ do not dominate. */
const RANGE_DB = 50;

/** Bins of a frame's fine structure (`fineStructure`). */
export const FINE_BINS = N;

const row = new Float64Array(N);
const detail = new Float64Array(N);

export function voicing(db: Float32Array): number {
  const energy = fineStructure(db, detail);
  return energy > 0 ? voicingOf(detail, energy) : 0;
}

/**
 * Writes a frame's fine structure into `out` (`FINE_BINS` long): its dB spectrum over the bins
 * voicing compares, floored `RANGE_DB` under its peak, less its smooth envelope. Returns its
 * energy (0: none, e.g. a silent frame, whose `out` is left as it was).
 */
export function fineStructure(db: Float32Array, out: Float64Array): number {
  let peak = -Infinity;
  for (let k = LO; k < HI; k++) if (db[k]! > peak) peak = db[k]!;
  if (!Number.isFinite(peak)) return 0;
  for (let k = 0; k < N; k++) row[k] = Math.max(db[LO + k]!, peak - RANGE_DB);
  // Running sum over the window k ± ENVELOPE_HALF (clipped at the ends).
  let sum = 0;
  let lo = 0;
  let hi = -1;
  for (let k = 0; k < N; k++) {
    while (hi < Math.min(N - 1, k + ENVELOPE_HALF)) sum += row[++hi]!;
    while (lo < k - ENVELOPE_HALF) sum -= row[lo++]!;
    out[k] = row[k]! - sum / (hi - lo + 1);
  }
  let energy = 0;
  for (let k = 0; k < N; k++) energy += out[k]! * out[k]!;
  return energy > 0 ? energy : 0;
}

/** Voicing of a fine structure whose energy (> 0) `fineStructure` returned. */
export function voicingOf(detail: Float64Array, energy: number): number {
  let best = 0;
  for (let lag = MIN_LAG; lag <= MAX_LAG; lag++) {
    let c = 0;
    for (let k = 0; k + lag < N; k++) c += detail[k]! * detail[k + lag]!;
    if (c > best) best = c;
  }
  return best / energy;
}
