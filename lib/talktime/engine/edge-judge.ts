import { EDGE_WEIGHTS } from './edge-weights';
import { SlidingArray } from './sliding';
import { FINE_BINS, fineStructure, voicingOf } from './voicing';

/** Frames ahead of a frame the judge looks for the end of its run (the edge feature's cap). */
export const EDGE_REACH = 20;
/** Frames of the level stage's values the judge reads around a frame: back, ahead. */
const BACK = 56;
const AHEAD = 24;
/** Features per frame: see `EdgeJudge.features`. */
export const EDGE_FEATURE_COUNT = 21;
/** Units in the model's hidden layer. */
export const EDGE_HIDDEN = 16;
/** A frame this voiced counts as voiced in the judge's share of voiced frames (the engine's `voicedMin` when it was trained). */
const VOICED = 0.4;
/** Frames apart whose fine structures the judge correlates (how steady a tone stands). */
const FINE_LAG = 2;
/**
 * Levels are read no lower than this (dB): a muted or gated track's digital silence (−200) would
 * otherwise stretch the level's range and spread far past anything the model learnt on (the
 * quietest room in its training, a suppressed microphone's, stands near −110).
 */
const LEVEL_FLOOR = -120;

/**
 * A learned last look at each frame the rules let count as one party's talk: a small neural
 * network on the level stage's values around it, the frame's voicing, and how its level and
 * its spectrum's fine structure move keeps it, or drops it as the room or a sound that is not a
 * voice. What a drifting or swelling room, or a suppressor's leftovers of it, adds to a run lies
 * mostly at its ends and stands over the floor evenly across the bands; music and typing pass
 * the model's veto in whole blocks. Every threshold on one of those values alone traded them
 * against words in steady loud noise (BENCHMARKS, "Where the over-count sits"), where a weighing
 * of several can tell them apart. It only ever drops a frame: echo, the model's veto and the
 * rules before it stand. The weights come from `npm run train:edge` on the training split
 * (edge-weights.ts); `edgeKeepProbability` 0 keeps every frame.
 */
export class EdgeJudge {
  private readonly scores = new SlidingArray<number>();
  private readonly spreads = new SlidingArray<number>();
  private readonly rises = new SlidingArray<number>();
  private readonly levels = new SlidingArray<number>();
  private readonly voicings = new SlidingArray<number>();
  /** How alike each frame's fine structure is to the one `FINE_LAG` frames before it (correlation). */
  private readonly steadiness = new SlidingArray<number>();
  /** The last `FINE_LAG` + 1 frames' fine structures (a ring: frame n's at n % (FINE_LAG + 1)), and their energies (0: silent, the row stale). */
  private readonly fine = Array.from({ length: FINE_LAG + 1 }, () => new Float64Array(FINE_BINS));
  private readonly fineEnergy = new Float64Array(FINE_LAG + 1);
  /** The rules' decisions (1: talk), from the first frame not yet judged. */
  private readonly kept = new SlidingArray<number>();
  /** The party's voice level and their room's, dB, as the rules knew them at each frame (NaN: not known). */
  private readonly voices = new SlidingArray<number>();
  private readonly rooms = new SlidingArray<number>();
  /** First frame of the run the next frame to judge belongs to (−1: none open). */
  private runStart = -1;
  /** Next frame to judge. */
  private next = 0;
  private readonly x = new Float64Array(EDGE_FEATURE_COUNT);
  private readonly hidden = new Float64Array(EDGE_HIDDEN);

  constructor(
    private readonly keepProbability: number,
    private readonly probe?: (features: Float64Array) => void,
    /**
     * The speech model's P of the veto block holding a frame, and of the blocks before and after
     * it (NaN where the model did not see one); none: there is no model, and the judge reads 1.
     */
    private readonly model?: (frame: number) => { own: number; previous: number; next: number },
  ) {}

  /** Entries held in its windows. */
  get size(): number {
    const values = this.scores.size + this.spreads.size + this.rises.size + this.levels.size;
    return values + this.voicings.size + this.steadiness.size + this.kept.size + this.voices.size + this.rooms.size;
  }

  /**
   * The next frame: the level stage's values of it (raw score, band spread and rise, dB), its
   * level (dB) and its dB spectrum (read now, not kept). Returns the frame's voicing (voicing.ts),
   * which the engine's rules read too rather than measure it again.
   */
  frame(score: number, spread: number, rise: number, level: number, db: Float32Array): number {
    const n = this.scores.end;
    this.scores.push(score);
    this.spreads.push(spread);
    this.rises.push(rise);
    this.levels.push(Math.max(LEVEL_FLOOR, level));
    const slot = n % (FINE_LAG + 1);
    const detail = this.fine[slot]!;
    const energy = fineStructure(db, detail);
    this.fineEnergy[slot] = energy;
    const voiced = energy > 0 ? voicingOf(detail, energy) : 0;
    this.voicings.push(voiced);
    const before = (n + 1) % (FINE_LAG + 1);
    const energyBefore = n >= FINE_LAG ? this.fineEnergy[before]! : 0;
    let steady = 0;
    if (energy > 0 && energyBefore > 0) {
      const other = this.fine[before]!;
      let c = 0;
      for (let k = 0; k < FINE_BINS; k++) c += detail[k]! * other[k]!;
      steady = c / Math.sqrt(energy * energyBefore);
    }
    this.steadiness.push(steady);
    return voiced;
  }

  /**
   * The rules' decision on the next frame, and how loud the party's own voice and their room
   * stood when the rules decided it (dB; the talker gate's reference and room; NaN: not known,
   * read as the frame's own level and the quietest level around it).
   */
  decision(talk: boolean, voice = NaN, room = NaN): void {
    this.kept.push(talk ? 1 : 0);
    this.voices.push(voice);
    this.rooms.push(room);
  }

  /** Frames that can be judged now (`final`: the stream has ended, nothing more will come). */
  ready(final: boolean): number {
    if (final) return this.kept.end - this.next;
    const byRun = this.kept.end - EDGE_REACH;
    const byValues = this.scores.end - AHEAD;
    return Math.max(0, Math.min(byRun, byValues) - this.next);
  }

  /** Judges the next frame: whether it counts as talk. Call only while `ready` says so. */
  judge(): boolean {
    const f = this.next++;
    const talk = this.kept.at(f) === 1;
    if (!talk) this.runStart = -1;
    else if (this.runStart < 0) this.runStart = f;
    let keep = talk;
    if (talk && (this.keepProbability > 0 || this.probe)) {
      this.features(f, this.x);
      this.probe?.(this.x);
      if (this.keepProbability > 0) keep = probability(this.x, EDGE_WEIGHTS, this.hidden) >= this.keepProbability;
    }
    this.kept.dropBefore(f);
    this.voices.dropBefore(f);
    this.rooms.dropBefore(f);
    const from = f + 1 - BACK;
    this.scores.dropBefore(from);
    this.spreads.dropBefore(from);
    this.rises.dropBefore(from);
    this.levels.dropBefore(from);
    this.voicings.dropBefore(from);
    this.steadiness.dropBefore(from);
    return keep;
  }

  /**
   * Frame f's features: its distance to the nearer end of its run (frames, at most
   * `EDGE_REACH`, ÷ 10); the band spread and the rise over ±4 frames; the raw score over ±15
   * frames and over 56 back to 24 ahead (how loud the room around it stands); its own raw score;
   * the voicing over ±4 frames, its largest over ±10 and the share of voiced frames over ±20; how
   * much the raw score moves in 3 frames (syllables come and go), and its spread, over ±15; the
   * level's spread over ±15; how steady the fine structure stands over ±4 (a held tone: music, a
   * fan's whine); the level's range over ±20; the fine structure's steadiness over ±15; its own
   * voicing; the speech model's P (log10) of its block and of the blocks before and after (where
   * the model did not see one of those, its own block's; where not its own, the block before's;
   * where neither, 1): music and typing that the veto's keep rule let through stand loud, but the
   * model doubted them.
   */
  private features(f: number, x: Float64Array): void {
    let ahead = 0;
    while (ahead < EDGE_REACH && f + ahead + 1 < this.kept.end && this.kept.at(f + ahead + 1) === 1) ahead++;
    x[0] = Math.min(EDGE_REACH, f - this.runStart, ahead) / 10;
    x[1] = mean(this.spreads, f - 4, f + 4);
    x[2] = mean(this.rises, f - 4, f + 4);
    x[3] = mean(this.scores, f - 15, f + 15);
    x[4] = mean(this.scores, f - BACK, f + AHEAD);
    x[5] = this.scores.at(f);
    x[6] = mean(this.voicings, f - 4, f + 4);
    x[7] = extent(this.voicings, f - 10, f + 10).max;
    x[8] = shareAtLeast(this.voicings, f - 20, f + 20, VOICED);
    x[9] = movement(this.scores, f - 15, f + 15, 3);
    x[10] = spread(this.scores, f - 15, f + 15);
    x[11] = spread(this.levels, f - 15, f + 15);
    x[12] = mean(this.steadiness, f - 4, f + 4);
    const range = extent(this.levels, f - 20, f + 20);
    x[13] = range.max - range.min;
    x[14] = mean(this.steadiness, f - 15, f + 15);
    x[15] = this.voicings.at(f);
    const p = this.model?.(f) ?? { own: 1, previous: 1, next: 1 };
    const own = Number.isFinite(p.own) ? p.own : Number.isFinite(p.previous) ? p.previous : 1;
    x[16] = Math.log10(Math.max(1e-4, own));
    x[17] = Math.log10(Math.max(1e-4, Number.isFinite(p.previous) ? p.previous : own));
    x[18] = Math.log10(Math.max(1e-4, Number.isFinite(p.next) ? p.next : own));
    const level = this.levels.at(f);
    const knownVoice = this.voices.at(f);
    const knownRoom = this.rooms.at(f);
    const voice = Number.isFinite(knownVoice) ? knownVoice : level;
    const room = Number.isFinite(knownRoom) ? knownRoom : extent(this.levels, f - BACK, f + AHEAD).min;
    x[19] = Math.max(-60, Math.min(20, level - voice));
    x[20] = Math.max(0, Math.min(80, voice - room));
  }
}

/** Frames [from, to] clipped to those a holds. */
function clip(a: SlidingArray<number>, from: number, to: number): [number, number] {
  return [Math.max(a.base, from), Math.min(a.end - 1, to)];
}

/** Mean of a's values over frames [from, to], within those it holds. */
function mean(a: SlidingArray<number>, from: number, to: number): number {
  const [lo, hi] = clip(a, from, to);
  let sum = 0;
  for (let g = lo; g <= hi; g++) sum += a.at(g);
  return sum / (hi - lo + 1);
}

/** Standard deviation of a's values over frames [from, to], within those it holds. */
function spread(a: SlidingArray<number>, from: number, to: number): number {
  const [lo, hi] = clip(a, from, to);
  const m = mean(a, lo, hi);
  let sum = 0;
  for (let g = lo; g <= hi; g++) sum += (a.at(g) - m) ** 2;
  return Math.sqrt(sum / (hi - lo + 1));
}

/** Smallest and largest of a's values over frames [from, to], within those it holds. */
function extent(a: SlidingArray<number>, from: number, to: number): { min: number; max: number } {
  const [lo, hi] = clip(a, from, to);
  let min = Infinity;
  let max = -Infinity;
  for (let g = lo; g <= hi; g++) {
    min = Math.min(min, a.at(g));
    max = Math.max(max, a.at(g));
  }
  return { min, max };
}

/** Share of a's values over frames [from, to] (within those it holds) at least `least`. */
function shareAtLeast(a: SlidingArray<number>, from: number, to: number, least: number): number {
  const [lo, hi] = clip(a, from, to);
  let n = 0;
  for (let g = lo; g <= hi; g++) if (a.at(g) >= least) n++;
  return n / (hi - lo + 1);
}

/** Mean |a(g) − a(g − lag)| over frames g in [from, to] whose both values it holds. */
function movement(a: SlidingArray<number>, from: number, to: number, lag: number): number {
  const [lo, hi] = clip(a, Math.max(from, a.base + lag), to);
  let sum = 0;
  for (let g = lo; g <= hi; g++) sum += Math.abs(a.at(g) - a.at(g - lag));
  return hi >= lo ? sum / (hi - lo + 1) : 0;
}

/**
 * The judge's model: a network with one hidden layer of `EDGE_HIDDEN` tanh units over the
 * standardised features (x − mean) / scale, and a logistic output.
 */
export interface EdgeModel {
  readonly means: readonly number[];
  readonly scales: readonly number[];
  /** Hidden layer: `EDGE_HIDDEN` rows of `EDGE_FEATURE_COUNT` weights, row after row. */
  readonly hiddenWeights: readonly number[];
  readonly hiddenBias: readonly number[];
  readonly outputWeights: readonly number[];
  readonly outputBias: number;
}

/**
 * The model's probability that a frame with features x is talk (the shipped weights unless
 * another model is given; `hidden`, `EDGE_HIDDEN` long, is scratch space).
 */
export function probability(x: Float64Array, model: EdgeModel = EDGE_WEIGHTS, hidden = new Float64Array(EDGE_HIDDEN)): number {
  const { means, scales, hiddenWeights, hiddenBias, outputWeights, outputBias } = model;
  for (let h = 0; h < EDGE_HIDDEN; h++) hidden[h] = hiddenBias[h]!;
  for (let i = 0; i < EDGE_FEATURE_COUNT; i++) {
    const z = (x[i]! - means[i]!) / scales[i]!;
    for (let h = 0; h < EDGE_HIDDEN; h++) hidden[h]! += hiddenWeights[h * EDGE_FEATURE_COUNT + i]! * z;
  }
  let out = outputBias;
  for (let h = 0; h < EDGE_HIDDEN; h++) out += outputWeights[h]! * Math.tanh(hidden[h]!);
  return 1 / (1 + Math.exp(-out));
}
