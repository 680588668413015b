import type { TalkTimeConfig } from './config';
import { EchoDelay } from './echo-delay';
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
  | 'echoLookbackFrames'
  | 'echoMarginDb'
  | 'echoMatch'
  | 'echoStrongMatch'
  | 'echoStrongMarginDb'
  | 'echoStrongMatchCancelled'
  | 'onScore'
  | 'echoDelayMaxFrames'
  | 'echoDelayMinCorr'
  | 'echoCouplingMarginDb'
  | 'echoAudibleScore'
  | 'echoInaudibleKeepScore'
  | 'digitalSilenceDb'
>;

/** The estimates' memory: a time constant of this many frames where the other party was active (≈ 20 s of their talk). */
const MEMORY_FRAMES = 860;
/** No estimate before the other party was active in this many frames (≈ 3 s of their talk). */
const WARMUP_FRAMES = 130;

/**
 * The median of values noted over the frames where the other party was active, forgetting with
 * a time constant of `MEMORY_FRAMES`: a histogram over [lo, hi] in steps of 1/`binsPerDb`
 * (values outside are clamped; a value that is not a number counts as `lo`).
 */
class ForgettingMedian {
  private readonly bins: Float64Array;
  private total = 0;
  /**
   * What the next frame noted weighs: it grows by 1/keep a frame rather than every bin shrinking
   * by keep (the same shares, and O(1) a frame); the bins are scaled down now and then.
   */
  private weight = 1;
  private seen = 0;
  private cached: number | null = null;

  constructor(
    private readonly lo: number,
    private readonly hi: number,
    private readonly binsPerDb: number,
  ) {
    this.bins = new Float64Array((hi - lo) * binsPerDb + 1);
  }

  note(value: number): void {
    const v = Number.isFinite(value) ? Math.min(this.hi, Math.max(this.lo, value)) : this.lo;
    this.bins[Math.round((v - this.lo) * this.binsPerDb)]! += this.weight;
    this.total += this.weight;
    this.weight /= 1 - 1 / MEMORY_FRAMES;
    if (this.weight > 1e100) {
      for (let i = 0; i < this.bins.length; i++) this.bins[i]! /= this.weight;
      this.total /= this.weight;
      this.weight = 1;
    }
    this.seen++;
    this.cached = null;
  }

  /** The median, or null before `WARMUP_FRAMES` were noted. */
  get median(): number | null {
    if (this.seen < WARMUP_FRAMES) return null;
    if (this.cached !== null) return this.cached;
    let acc = 0;
    for (let i = 0; i < this.bins.length; i++) {
      acc += this.bins[i]!;
      if (acc >= this.total / 2) return (this.cached = this.lo + i / this.binsPerDb);
    }
    return (this.cached = this.hi);
  }
}

/**
 * How loud the other party comes back in the user's microphone: the median, over the frames
 * where they were active (forgetting over ≈ 20 s of their talk), of the user's level less the
 * other's recent maximum. Where the microphone hears a loudspeaker, most of those frames are
 * echo and the median is its coupling (−12 dB for an echo 12 dB down); with headphones, or an
 * echo canceller that took it out, most are the user's room and the median lies far below.
 * The user talking over them moves it little: they talk over fewer frames than they listen.
 */
export class EchoCoupling {
  /** dB of the user's level over the other's recent maximum, −90 … 30 in 1 dB steps. */
  private readonly median = new ForgettingMedian(-90, 30, 1);

  /** Notes one frame where the other party was active: the user's level less their recent maximum. */
  note(diffDb: number): void {
    this.median.note(diffDb);
  }

  /** The median coupling in dB, or null before enough of the other's talk was heard. */
  get db(): number | null {
    return this.median.median;
  }
}

/**
 * How far the user's microphone stands over its own room while the other party talks: the
 * median, over those frames (forgetting as EchoCoupling does), of the user's level-stage score.
 * Where a loudspeaker's echo comes back it stands over the room in most of them (on the
 * training split's echo variants the median was 3.7–18 dB); with no echo the microphone hears
 * its room but where the user talks over them (0–1.1 dB, drifting noise included).
 */
export class EchoAudibility {
  /** Scores, 0 … 30 dB (over the level stage's clamp) in 0.5 dB steps. */
  private readonly median = new ForgettingMedian(0, 30, 2);

  /** Notes the user's smoothed score in one frame where the other party was active. */
  note(score: number): void {
    this.median.note(score);
  }

  /** The median score in dB, or null before enough of the other's talk was heard. */
  get db(): number | null {
    return this.median.median;
  }
}

/**
 * Tells the other party heard through the user's microphone from the user talking: a self
 * frame is echo when the other was active within the lookback and the self level is far enough
 * below the other's recent maximum (see echoMarginDb, echoMatch, echoStrongMatch). The lookback
 * is the last `echoLookbackFrames` frames, moved back in time when the echo is known to come
 * later than half of it (EchoDelay): a slow loudspeaker's echo still finds its source.
 */
export class EchoRule {
  /** The other party's latest decisions and levels: the lookback and as far back as it may move. */
  private readonly otherRecent: { active: boolean; level: number }[] = [];
  /** Spectral shapes of the other's recent frames, made when first needed: a ring by frame number. */
  private readonly otherShapes: { frame: number; shape: Float64Array }[] = [];
  private readonly selfShape = new Float64Array(SHAPE_LEN);
  private readonly delay: EchoDelay;
  /** Frames the lookback is moved back by (0 with no delay estimate or a short delay). */
  private shift = 0;
  private readonly capacity: number;
  /** The user's microphone goes through an echo canceller (see echoStrongMatchCancelled). */
  cancelled = false;
  /** How loud the other party comes back in the user's microphone (see echoCouplingMarginDb). */
  private readonly coupling = new EchoCoupling();
  /** How far the microphone stands over its room while the other party talks (see echoAudibleScore). */
  private readonly audibility = new EchoAudibility();
  /** The other's loudest level in the lookback of the frame last noted, and whether they were active in it. */
  private recentMax = -Infinity;
  private recentlyActive = false;

  constructor(private readonly cfg: EchoConfig) {
    this.delay = new EchoDelay(cfg);
    this.capacity = cfg.echoLookbackFrames + Math.max(0, cfg.echoDelayMaxFrames - Math.floor(cfg.echoLookbackFrames / 2));
  }

  /**
   * Records, for the next frame, whether the other party's sound there may be a source of echo
   * (the engine: their level-stage decision, where the shape rule lets it count), their level,
   * and the user's level and smoothed level-stage score.
   */
  noteOther(active: boolean, level: number, selfLevel: number, selfScore: number): void {
    this.otherRecent.push({ active, level });
    if (this.otherRecent.length > this.capacity) this.otherRecent.shift();
    this.delay.push(selfLevel, level);
    const d = this.delay.delayFrames();
    this.shift = Math.max(0, d - Math.floor(this.cfg.echoLookbackFrames / 2));
    let recentMax = -Infinity;
    let recentlyActive = false;
    const last = this.otherRecent.length - 1 - this.shift;
    for (let i = Math.max(0, last - this.cfg.echoLookbackFrames + 1); i <= last; i++) {
      const r = this.otherRecent[i]!;
      if (r.active) recentlyActive = true;
      if (r.level > recentMax) recentMax = r.level;
    }
    this.recentMax = recentMax;
    this.recentlyActive = recentlyActive;
    // A muted microphone's digital silence says nothing of how loud the other comes back.
    if (recentlyActive && this.cfg.echoCouplingMarginDb < 999 && selfLevel > this.cfg.digitalSilenceDb)
      this.coupling.note(selfLevel - recentMax);
    if (recentlyActive && this.cfg.echoAudibleScore > 0 && selfLevel > this.cfg.digitalSilenceDb) this.audibility.note(selfScore);
  }

  /**
   * Whether active self frame f (level and smoothed score given) is echo, the other party's side
   * of frame f noted last (`noteOther`). `selfRows` and `otherRows` hold the channels' dB rows
   * through frame f.
   */
  isEcho(f: number, level: number, score: number, selfRows: SlidingArray<Float32Array>, otherRows: SlidingArray<Float32Array>): boolean {
    const { cfg, recentMax } = this;
    if (!this.recentlyActive) return false;
    if (score >= cfg.echoInaudibleKeepScore && this.inaudible()) return false;
    if (level < recentMax - cfg.echoMarginDb && !this.overEcho(level)) {
      // Only the hysteresis keeps it on, or the level rule alone is asked for.
      if (cfg.echoMatch <= -1 || score < cfg.onScore) return true;
      return this.spectralMatch(f, selfRows, otherRows) >= cfg.echoMatch;
    }
    const strong = this.cancelled ? cfg.echoStrongMatchCancelled : cfg.echoStrongMatch;
    if (strong <= 1 && level < recentMax - cfg.echoStrongMarginDb) {
      return this.spectralMatch(f, selfRows, otherRows) >= strong;
    }
    return false;
  }

  /** Whether the other party's voice is known not to come back in the microphone over its room (`echoAudibleScore`). */
  private inaudible(): boolean {
    if (this.cfg.echoAudibleScore <= 0 || this.cancelled) return false;
    const median = this.audibility.db;
    return median !== null && median < this.cfg.echoAudibleScore;
  }

  /**
   * Whether a self frame at `level` stands `echoCouplingMarginDb` over how loud the other party
   * comes back in the microphone: the user, whatever the level test says. Not through an echo
   * canceller: what it leaves comes in bursts far over its usual level.
   */
  private overEcho(level: number): boolean {
    if (this.cancelled) return false;
    const coupling = this.coupling.db;
    return coupling !== null && level >= this.recentMax + coupling + this.cfg.echoCouplingMarginDb;
  }

  /** Best correlation of self frame f's spectral shape with the other's frames in the lookback. */
  private spectralMatch(f: number, selfRows: SlidingArray<Float32Array>, otherRows: SlidingArray<Float32Array>): number {
    const L = this.cfg.echoLookbackFrames;
    const a = spectralShape(selfRows.at(f), this.selfShape);
    let best = -1;
    const newest = f - this.shift;
    for (let g = Math.max(otherRows.base, newest - L + 1); g <= newest; g++) {
      const slot = g % this.capacity;
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
