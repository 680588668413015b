import type { TalkTimeConfig } from './config';
import type { SlidingArray } from './sliding';

/** Bins the spectral match compares: ≈ 86 Hz – 3.4 kHz, where an echo keeps its shape. */
const SHAPE_BINS: readonly [number, number] = [4, 160];
const SHAPE_LEN = SHAPE_BINS[1] - SHAPE_BINS[0];
/** Rows are floored this far below their peak before comparing, so −∞ and deep dips do not dominate. */
const SHAPE_RANGE_DB = 60;

/** A dB row's shape over SHAPE_BINS, mean removed and scaled to unit length (written into `out`). */
export function spectralShape(row: Float32Array, out: Float64Array = new Float64Array(SHAPE_LEN)): Float64Array {
  const [lo, hi] = SHAPE_BINS;
  let peak = -Infinity;
  for (let k = lo; k < hi; k++) if (row[k]! > peak) peak = row[k]!;
  const floor = peak === -Infinity ? 0 : peak - SHAPE_RANGE_DB;
  let mean = 0;
  for (let k = lo; k < hi; k++) {
    const v = peak === -Infinity ? 0 : Math.max(row[k]!, floor);
    out[k - lo] = v;
    mean += v;
  }
  mean /= SHAPE_LEN;
  let ss = 0;
  for (let i = 0; i < SHAPE_LEN; i++) {
    const v = out[i]! - mean;
    out[i] = v;
    ss += v * v;
  }
  const norm = ss > 0 ? 1 / Math.sqrt(ss) : 0;
  for (let i = 0; i < SHAPE_LEN; i++) out[i]! *= norm;
  return out;
}

type EchoConfig = Pick<
  TalkTimeConfig,
  'echoLookbackFrames' | 'echoMarginDb' | 'echoMatch' | 'echoStrongMatch' | 'echoStrongMarginDb' | 'onScore'
>;

/**
 * Tells the other party heard through the user's microphone from the user talking: a self
 * frame is echo when the other was active within the lookback and the self level is far enough
 * below the other's recent maximum (see echoMarginDb, echoMatch, echoStrongMatch).
 */
export class EchoRule {
  /** The other party's latest `echoLookbackFrames` decisions and levels: a ring of `recentCount` entries. */
  private readonly recentActive: Uint8Array;
  private readonly recentLevel: Float64Array;
  private recentCount = 0;
  private recentNext = 0;
  /** Spectral shapes of the other's recent frames, made when first needed: a ring by frame number. */
  private readonly otherShapes: { frame: number; shape: Float64Array }[] = [];
  private readonly selfShape = new Float64Array(SHAPE_LEN);

  constructor(private readonly cfg: EchoConfig) {
    const n = Math.max(1, cfg.echoLookbackFrames);
    this.recentActive = new Uint8Array(n);
    this.recentLevel = new Float64Array(n);
  }

  /** Records the other party's decision and level for the next frame. */
  noteOther(active: boolean, level: number): void {
    const n = this.recentLevel.length;
    this.recentActive[this.recentNext] = active ? 1 : 0;
    this.recentLevel[this.recentNext] = level;
    this.recentNext = (this.recentNext + 1) % n;
    if (this.recentCount < Math.min(n, this.cfg.echoLookbackFrames)) this.recentCount++;
  }

  /**
   * Whether active self frame f (level and smoothed score given) is echo. `selfRows` and
   * `otherRows` hold the channels' dB rows through frame f.
   */
  isEcho(f: number, level: number, score: number, selfRows: SlidingArray<Float32Array>, otherRows: SlidingArray<Float32Array>): boolean {
    const { cfg } = this;
    let recentMax = -Infinity;
    let recentlyActive = false;
    // The latest recentCount entries of the ring (their order does not matter to an or and a maximum).
    for (let i = 0; i < this.recentCount; i++) {
      if (this.recentActive[i] === 1) recentlyActive = true;
      if (this.recentLevel[i]! > recentMax) recentMax = this.recentLevel[i]!;
    }
    if (!recentlyActive) return false;
    if (level < recentMax - cfg.echoMarginDb) {
      // Only the hysteresis keeps it on, or the level rule alone is asked for.
      if (cfg.echoMatch <= -1 || score < cfg.onScore) return true;
      return this.spectralMatch(f, selfRows, otherRows) >= cfg.echoMatch;
    }
    if (cfg.echoStrongMatch <= 1 && level < recentMax - cfg.echoStrongMarginDb) {
      return this.spectralMatch(f, selfRows, otherRows) >= cfg.echoStrongMatch;
    }
    return false;
  }

  /** Best correlation of self frame f's spectral shape with the other's frames in the lookback. */
  private spectralMatch(f: number, selfRows: SlidingArray<Float32Array>, otherRows: SlidingArray<Float32Array>): number {
    const L = this.cfg.echoLookbackFrames;
    const a = spectralShape(selfRows.at(f), this.selfShape);
    let best = -1;
    for (let g = Math.max(otherRows.base, f - L + 1); g <= f; g++) {
      const slot = g % L;
      let entry = this.otherShapes[slot];
      if (!entry) entry = this.otherShapes[slot] = { frame: -1, shape: new Float64Array(SHAPE_LEN) };
      if (entry.frame !== g) {
        spectralShape(otherRows.at(g), entry.shape);
        entry.frame = g;
      }
      const b = entry.shape;
      let c = 0;
      for (let i = 0; i < SHAPE_LEN; i++) c += a[i]! * b[i]!;
      if (c > best) best = c;
    }
    return best;
  }
}
