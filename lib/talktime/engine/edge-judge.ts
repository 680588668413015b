import { EDGE_WEIGHTS } from './edge-weights';
import { SlidingArray } from './sliding';

/** Frames ahead of a frame the judge looks for the end of its run (the edge feature's cap). */
export const EDGE_REACH = 20;
/** Frames of the level stage's values the judge reads around a frame: back, ahead. */
const BACK = 56;
const AHEAD = 24;
/** Features per frame: see `EdgeJudge.features`. */
export const EDGE_FEATURE_COUNT = 6;

/**
 * A learned last look at each frame the rules let count as one party's talk: a logistic model on
 * the level stage's own values around it keeps it, or drops it as the room. What a drifting or
 * swelling room, or a suppressor's leftovers of it, adds to a run lies mostly at its ends and
 * stands over the floor evenly across the bands; every threshold on one of those values alone
 * traded it against words in steady loud noise (BENCHMARKS, "Where the over-count sits"), where a
 * weighing of several can tell them apart. It only ever drops a frame: echo, the model's veto
 * and the rules before it stand. The weights come from `npm run train:edge` on the training
 * split (edge-weights.ts); `edgeKeepProbability` 0 keeps every frame.
 */
export class EdgeJudge {
  private readonly scores = new SlidingArray<number>();
  private readonly spreads = new SlidingArray<number>();
  private readonly rises = new SlidingArray<number>();
  /** The rules' decisions (1: talk), from the first frame not yet judged. */
  private readonly kept = new SlidingArray<number>();
  /** First frame of the run the next frame to judge belongs to (−1: none open). */
  private runStart = -1;
  /** Next frame to judge. */
  private next = 0;
  private readonly x = new Float64Array(EDGE_FEATURE_COUNT);

  constructor(
    private readonly keepProbability: number,
    private readonly probe?: (features: Float64Array) => void,
  ) {}

  /** Entries held in its windows. */
  get size(): number {
    return this.scores.size + this.spreads.size + this.rises.size + this.kept.size;
  }

  /** The level stage's values of the next frame (raw score, band spread and rise, dB). */
  frame(score: number, spread: number, rise: number): void {
    this.scores.push(score);
    this.spreads.push(spread);
    this.rises.push(rise);
  }

  /** The rules' decision on the next frame. */
  decision(talk: boolean): void {
    this.kept.push(talk ? 1 : 0);
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
      if (this.keepProbability > 0) keep = probability(this.x) >= this.keepProbability;
    }
    this.kept.dropBefore(f);
    const from = f + 1 - BACK;
    this.scores.dropBefore(from);
    this.spreads.dropBefore(from);
    this.rises.dropBefore(from);
    return keep;
  }

  /**
   * Frame f's features: its distance to the nearer end of its run (frames, at most
   * `EDGE_REACH`, ÷ 10); the band spread and the rise over ±4 frames; the raw score over ±15
   * frames and over 56 back to 24 ahead (how loud the room around it stands); its own raw score.
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
  }
}

/** Mean of a's values over frames [from, to], within those it holds. */
function mean(a: SlidingArray<number>, from: number, to: number): number {
  const lo = Math.max(a.base, from);
  const hi = Math.min(a.end - 1, to);
  let sum = 0;
  for (let g = lo; g <= hi; g++) sum += a.at(g);
  return sum / (hi - lo + 1);
}

/** A logistic model of the judge's features: standardised (x − mean) / scale, weighted, plus a bias. */
export interface EdgeModel {
  readonly means: readonly number[];
  readonly scales: readonly number[];
  readonly weights: readonly number[];
  readonly bias: number;
}

/** The model's probability that a frame with features x is talk (the shipped weights unless another model is given). */
export function probability(x: Float64Array, model: EdgeModel = EDGE_WEIGHTS): number {
  const { bias, weights, means, scales } = model;
  let z = bias;
  for (let i = 0; i < EDGE_FEATURE_COUNT; i++) z += (weights[i]! * (x[i]! - means[i]!)) / scales[i]!;
  return 1 / (1 + Math.exp(-z));
}
