import { NUM_BANDS } from '../features';
import type { TalkTimeConfig } from './config';

/** 10^(x/10) = exp(x · ln 10 / 10); Math.exp costs a quarter of Math.pow in V8. */
const NEPER_PER_DB = Math.LN10 / 10;

type FloorConfig = Pick<TalkTimeConfig, 'noiseSubFrames' | 'noiseSubBlocks' | 'priorFloorDb' | 'priorSubBlocks' | 'minFloorDb'>;

/**
 * Per-band noise floor of one channel: the minimum of the band powers (smoothed over ≈ 4
 * frames, so it is not a deep random dip) over the last `noiseSubFrames × noiseSubBlocks`
 * frames, kept as a ring of sub-block minima so a frame costs O(bands).
 */
export class NoiseFloor {
  /** Minimum of each finished sub-block, per band: a ring of noiseSubBlocks × NUM_BANDS. */
  private readonly blockMinima: Float64Array;
  /** Lowest of the finished sub-blocks' minima per band, kept as sub-blocks rotate. */
  private readonly finishedMin = new Float64Array(NUM_BANDS).fill(Infinity);
  /** Minimum of the current sub-block per band, dB … */
  private readonly currentMinDb = new Float64Array(NUM_BANDS).fill(Infinity);
  /** … and the linear power behind it (log10 is monotonic, so minima compare in linear). */
  private readonly currentMinLin = new Float64Array(NUM_BANDS).fill(Infinity);
  /** Band powers smoothed over the learnt frames, linear. */
  private readonly smoothed = new Float64Array(NUM_BANDS);
  /** Frames learnt so far (the first one seeds the smoother). */
  private learnt = 0;
  /** Frames of the current sub-block, learnt or not. */
  private framesInBlock = 0;
  /** Finished sub-blocks in the ring (at most noiseSubBlocks). */
  private finishedBlocks = 0;
  /** Ring slot the current sub-block's minimum goes to. */
  private slot = 0;

  constructor(private readonly cfg: FloorConfig) {
    this.blockMinima = new Float64Array(NUM_BANDS * cfg.noiseSubBlocks).fill(Infinity);
  }

  /** Takes one frame's band levels (dB, in `bands` from `at`) into the smoother and the current sub-block's minimum. */
  learn(bands: Float32Array, at = 0): void {
    const { smoothed, currentMinDb, currentMinLin } = this;
    const a = this.learnt === 0 ? 1 : 0.3;
    this.learnt++;
    for (let b = 0; b < NUM_BANDS; b++) {
      const lin = Math.exp(bands[at + b]! * NEPER_PER_DB);
      const sl = smoothed[b]! + a * (lin - smoothed[b]!);
      smoothed[b] = sl;
      if (sl + 1e-30 < currentMinLin[b]!) {
        currentMinLin[b] = sl + 1e-30;
        const db = 10 * Math.log10(sl + 1e-30);
        if (db < currentMinDb[b]!) currentMinDb[b] = db;
      }
    }
  }

  /** Band b's floor, dB, including the current sub-block. */
  floorDb(b: number): number {
    const { cfg } = this;
    let floor = this.currentMinDb[b]!;
    if (this.finishedMin[b]! < floor) floor = this.finishedMin[b]!;
    if (this.finishedBlocks < cfg.priorSubBlocks && floor > cfg.priorFloorDb) floor = cfg.priorFloorDb;
    if (floor < cfg.minFloorDb) floor = cfg.minFloorDb;
    return floor;
  }

  /** Counts a frame (learnt or not) and closes the sub-block after `noiseSubFrames` of them. */
  endFrame(): void {
    if (++this.framesInBlock < this.cfg.noiseSubFrames) return;
    const { blockMinima, finishedMin, currentMinDb, cfg } = this;
    const overwrites = this.finishedBlocks === cfg.noiseSubBlocks;
    blockMinima.set(currentMinDb, this.slot * NUM_BANDS);
    this.slot = (this.slot + 1) % cfg.noiseSubBlocks;
    this.finishedBlocks = Math.min(this.finishedBlocks + 1, cfg.noiseSubBlocks);
    if (overwrites) {
      // The oldest sub-block left: its minimum may have been the floor, so look at them all.
      finishedMin.fill(Infinity);
      for (let s = 0; s < this.finishedBlocks; s++) {
        for (let b = 0; b < NUM_BANDS; b++) {
          const v = blockMinima[s * NUM_BANDS + b]!;
          if (v < finishedMin[b]!) finishedMin[b] = v;
        }
      }
    } else {
      for (let b = 0; b < NUM_BANDS; b++) if (currentMinDb[b]! < finishedMin[b]!) finishedMin[b] = currentMinDb[b]!;
    }
    currentMinDb.fill(Infinity);
    this.currentMinLin.fill(Infinity);
    this.framesInBlock = 0;
  }

  /** Forgets the window: the floor becomes the current smoothed level of every band. */
  jumpToCurrent(): void {
    const { cfg, blockMinima, finishedMin, currentMinDb, currentMinLin, smoothed } = this;
    for (let b = 0; b < NUM_BANDS; b++) {
      const db = 10 * Math.log10(smoothed[b]! + 1e-30);
      for (let s = 0; s < cfg.noiseSubBlocks; s++) blockMinima[s * NUM_BANDS + b] = db;
      finishedMin[b] = db;
      currentMinDb[b] = db;
      currentMinLin[b] = smoothed[b]! + 1e-30;
    }
    this.finishedBlocks = cfg.noiseSubBlocks;
  }
}

/**
 * Tells noise that rose faster than a running minimum can follow (a fan starting, a room
 * getting louder) from speech: a long run the level stage calls speech whose level stays as
 * steady as noise. Speech rises and falls with its syllables.
 */
export class SteadySoundDetector {
  /** The last `stationaryFrames` frames' levels and scores (a ring) … */
  private readonly levels: Float64Array;
  private readonly scores: Float64Array;
  /** … how many were pushed since the last detection … */
  private count = 0;
  /** … and their running sums, so a frame costs O(1) outside steady runs. */
  private levelSum = 0;
  private scoreSum = 0;

  constructor(private readonly cfg: Pick<TalkTimeConfig, 'stationaryFrames' | 'stationaryStdDb' | 'onScore'>) {
    this.levels = new Float64Array(Math.max(1, cfg.stationaryFrames));
    this.scores = new Float64Array(Math.max(1, cfg.stationaryFrames));
  }

  /** Adds a frame's level (dB) and score; true when the last `stationaryFrames` are a steady sound (then it starts over). */
  push(level: number, score: number): boolean {
    const { cfg, levels, scores } = this;
    const K = cfg.stationaryFrames;
    const slot = this.count % K;
    // While the ring refills after a detection, its old entries are not in the sums.
    if (this.count >= K) {
      this.levelSum -= levels[slot]!;
      this.scoreSum -= scores[slot]!;
    }
    levels[slot] = level;
    scores[slot] = score;
    this.levelSum += level;
    this.scoreSum += score;
    if (++this.count < K) return false;
    if (this.scoreSum / K < cfg.onScore) return false;
    const mean = this.levelSum / K;
    let v = 0;
    for (let i = 0; i < K; i++) v += (levels[i]! - mean) ** 2;
    if (Math.sqrt(v / K) >= cfg.stationaryStdDb) return false;
    this.count = 0;
    this.levelSum = 0;
    this.scoreSum = 0;
    return true;
  }
}
