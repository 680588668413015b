import { DB_PER_NEPER, powerToDb } from './log';
import { BAND_EDGES, type Frame, LEVEL_BINS, NUM_BANDS, NUM_BINS } from './recipe';

/**
 * Fills in `level` and `bands` from `db` when a producer (e.g. a message channel that only
 * forwarded `db`) left them out. Costs NUM_BINS exponentials, so extractors fill them directly.
 */
export function withLevels(frame: Frame): Required<Frame> {
  if (frame.level !== undefined && frame.bands !== undefined) return frame as Required<Frame>;
  const power = new Float64Array(NUM_BINS);
  for (let k = 0; k < NUM_BINS; k++) {
    const d = frame.db[k] ?? -Infinity;
    power[k] = d === -Infinity ? 0 : Math.exp(d / DB_PER_NEPER);
  }
  const { level, bands } = levelsFromPower(power);
  return { index: frame.index, db: frame.db, level, bands };
}

/** A frame's level (power in LEVEL_BINS) and band powers, in dB, from its power spectrum. */
export function levelsFromPower(power: Float64Array): { level: number; bands: Float32Array } {
  const bands = new Float32Array(NUM_BANDS);
  return { level: levelsInto(power, bands, 0), bands };
}

/** Writes a frame's band powers (dB) into `bands` at `at` and returns its level (dB): the values of levelsFromPower. */
export function levelsInto(power: Float64Array, bands: Float32Array, at: number): number {
  let total = 0;
  for (let k = LEVEL_BINS[0]; k < LEVEL_BINS[1]; k++) total += power[k]!;
  for (let b = 0; b < NUM_BANDS; b++) {
    let s = 0;
    for (let k = BAND_EDGES[b]!; k < BAND_EDGES[b + 1]!; k++) s += power[k]!;
    bands[at + b] = powerToDb(s);
  }
  return powerToDb(total);
}
