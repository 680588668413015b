import type { TalkStats } from '../schema/talk';
import { type SpeechDetector, WINDOW_FRAMES, WINDOW_SIZE, normaliseWindow } from './detector';
import { FRAME_MS, type Frame, NUM_BANDS, NUM_BINS, withLevels } from './features';

/** Who is talking at one moment. */
export type Speaker = 'self' | 'other' | 'both' | 'none';
export type Party = 'self' | 'other';

/** Tuning of the engine. Frame counts are ≈ 23.2 ms each. */
export interface TalkTimeConfig {
  /**
   * A sound the level stage has called speech for this many frames whose level stays within
   * `stationaryStdDb` (standard deviation) is noise that rose faster than the running minimum can
   * follow (a fan starting, a room getting louder): the floor jumps to it. Speech rises and falls
   * with its syllables. 0: off.
   */
  stationaryFrames: number;
  stationaryStdDb: number;
  /** Frames per sub-block of the running-minimum noise tracker. */
  noiseSubFrames: number;
  /** Sub-blocks in the running minimum (window = noiseSubFrames × noiseSubBlocks frames). */
  noiseSubBlocks: number;
  /** dB subtracted from every band SNR: the running minimum sits below the mean noise level. */
  snrBiasDb: number;
  /** Band SNRs are clamped to this before averaging, so one loud band cannot carry a frame. */
  snrClampDb: number;
  /** The frame score averages this many of the highest band SNRs (speech in noise stands out in a few bands). */
  scoreBands: number;
  /** The frame score is averaged over frames f − span … f + span (decisions wait `span` frames). */
  scoreSpan: number;
  /** Mean clamped band SNR (dB) that starts speech … */
  onScore: number;
  /** … and that keeps it going (hysteresis). */
  offScore: number;
  /**
   * A run that has had fewer than this many frames at the on-threshold (a click, a knock) is
   * held by the off-threshold for at most `shortHoldFrames` frames after its last one: in a
   * quiet room the floor of the narrow low bands sits so far below their mean that noise alone
   * can hold the score above the off-threshold for seconds. 0: off.
   */
  shortRunFrames: number;
  shortHoldFrames: number;
  /** Lowest band noise floor assumed, dB: digital silence must not make any sound "speech". */
  minFloorDb: number;
  /** A frame whose every band is below this (dB) is digital silence: zeros, not a quiet room. */
  digitalSilenceDb: number;
  /** Band floor assumed for the first `priorSubBlocks` noise sub-blocks, so talk from the very first frame can count … */
  priorFloorDb: number;
  /** … off by default: calls start with room noise far more often than mid-word, and a prior below loud noise counts that noise as talk. */
  priorSubBlocks: number;
  /** A self frame is echo when the other party was active within this many frames … */
  echoLookbackFrames: number;
  /** … and the self level is more than this many dB below the other's recent maximum. */
  echoMarginDb: number;
  /**
   * A self frame that meets the level rule above is echo only when its spectrum matches one of
   * the other party's frames in the lookback this well (correlation of their dB rows), or when
   * only the hysteresis keeps it on. A frame with its own onset-strength evidence and a spectrum
   * unlike anything the other just sent is the user talking over a loud sound from the other side
   * (a click, a cough, music). At most −1: the level rule alone.
   */
  echoMatch: number;
  /**
   * A self frame whose spectrum matches one of the other's recent frames this well is echo when
   * its level is below the other's recent maximum by more than `echoStrongMarginDb`, even if not
   * by `echoMarginDb`: room noise adds to the level of an echo. Above 1: off.
   */
  echoStrongMatch: number;
  echoStrongMarginDb: number;
  /** Frames per model-veto block (≈ 0.5 s). */
  vetoBlockFrames: number;
  /** A block whose window has P(speech) below this is not speech. */
  vetoThreshold: number;
  /**
   * … unless the level stage's mean score over the block's candidate frames is at least this
   * (dB): sound that stands this far above the room's noise floor is kept whatever the model
   * says. The model knows the voices it was trained on; on recorded voices it had never heard it
   * vetoed whole seconds of clear speech (P < 0.01). 0: the model alone decides.
   */
  vetoKeepScore: number;
  /** Inside a continuous run the model checks every n-th block (1: every block). */
  vetoRecheckBlocks: number;
  /** Pauses of at most this many frames inside a turn are bridged (≈ 300 ms). */
  bridgeFrames: number;
  /** Runs shorter than this (after bridging) are dropped as clicks. */
  minRunFrames: number;
  /**
   * Frames taken off both ends of every run after bridging. A frame's 46 ms window and the
   * score's smoothing make a run start and end ≈ 55 ms beyond the speech (median over the
   * clean dev calls), which would add ≈ 110 ms to every turn.
   */
  edgeTrimFrames: number;
  /** A party interrupts when it starts while the other has talked this long … */
  interruptAfterFrames: number;
  /** … and keeps talking at least this long. */
  interruptMinFrames: number;
}

export const DEFAULT_CONFIG: TalkTimeConfig = {
  stationaryFrames: 43,
  stationaryStdDb: 2.5,
  noiseSubFrames: 8,
  noiseSubBlocks: 16,
  snrBiasDb: 1.5,
  snrClampDb: 25,
  scoreBands: 16,
  scoreSpan: 2,
  onScore: 2,
  offScore: 0.8,
  shortRunFrames: 12,
  shortHoldFrames: 3,
  minFloorDb: -100,
  digitalSilenceDb: -150,
  priorFloorDb: -85,
  priorSubBlocks: 0,
  echoLookbackFrames: 7,
  echoMarginDb: 8,
  echoMatch: 0.2,
  echoStrongMatch: 0.8,
  echoStrongMarginDb: 0,
  vetoBlockFrames: 21,
  vetoThreshold: 0.2,
  vetoKeepScore: 12,
  vetoRecheckBlocks: 3,
  bridgeFrames: 13,
  minRunFrames: 4,
  edgeTrimFrames: 1,
  interruptAfterFrames: 22,
  interruptMinFrames: 43,
};

export interface TalkTimeOptions {
  /** Speech/non-speech model used to veto stretches the level stage took for speech. */
  detector?: SpeechDetector;
  config?: Partial<TalkTimeConfig>;
}

/** 10^(x/10) = exp(x · ln 10 / 10); Math.exp costs a quarter of Math.pow in V8. */
const NEPER_PER_DB = Math.LN10 / 10;

/** Level stage of one channel: per-band running-minimum noise floor and SNR hysteresis. */
class LevelStage {
  private readonly subMins: Float64Array;
  /** Lowest of the filled sub-blocks' minima per band, kept as sub-blocks rotate. */
  private readonly subFloor = new Float64Array(NUM_BANDS).fill(Infinity);
  private readonly curMin = new Float64Array(NUM_BANDS).fill(Infinity);
  /** The smoothed linear power behind curMin (log10 is monotonic, so minima compare in linear). */
  private readonly curMinLin = new Float64Array(NUM_BANDS).fill(Infinity);
  private subCount = 0;
  private filled = 0;
  private slot = 0;
  score = 0;

  constructor(private readonly cfg: TalkTimeConfig) {
    this.subMins = new Float64Array(NUM_BANDS * cfg.noiseSubBlocks).fill(Infinity);
    this.statLevels = new Float64Array(Math.max(1, cfg.stationaryFrames));
    this.statScores = new Float64Array(Math.max(1, cfg.stationaryFrames));
  }

  /** Band powers smoothed over ≈ 4 frames (linear), so the running minimum is not a deep random dip. */
  private readonly smooth = new Float64Array(NUM_BANDS);
  private frames = 0;
  private readonly snrs = new Float64Array(NUM_BANDS);

  /**
   * Frames still to keep out of the floor after digital silence. A stream that starts (or
   * resumes after a muted sender) with zeros would otherwise teach the floor "−100 dB" and
   * count the room noise that follows as talk until the zeros leave the window (≈ 3 s). The
   * first two frames of a stream count as such too: a source that starts (a microphone
   * opening, a decoder's first packet) often fades in within them.
   */
  private quiet = 2;

  /** The last `stationaryFrames` learning frames' levels and scores (a ring), and how many were pushed since the last jump. */
  private readonly statLevels: Float64Array;
  private readonly statScores: Float64Array;
  private statCount = 0;
  /** Running sums of the ring's levels and scores, so a frame costs O(1) outside steady runs. */
  private statLevelSum = 0;
  private statScoreSum = 0;

  /**
   * Returns the frame's raw score: mean clamped band SNR over the tracked noise floor, dB.
   * `level` is the frame's level (dB), for telling steady noise from speech.
   */
  push(bands: Float32Array, level: number): number {
    const { cfg, subMins, subFloor, curMin, curMinLin, smooth } = this;
    let sum = 0;
    let loudest = -Infinity;
    for (let b = 0; b < NUM_BANDS; b++) if (bands[b]! > loudest) loudest = bands[b]!;
    // Digital silence and the frames whose window still holds part of it (a window spans two
    // hops) say nothing about the room's noise: they neither enter the floor nor the smoother.
    if (loudest < cfg.digitalSilenceDb) this.quiet = 3;
    const learn = this.quiet === 0;
    if (this.quiet > 0) this.quiet--;
    const a = this.frames === 0 ? 1 : 0.3;
    if (learn) this.frames++;
    for (let b = 0; b < NUM_BANDS; b++) {
      const x = bands[b]!;
      if (learn) {
        const lin = Math.exp(x * NEPER_PER_DB);
        const sl = smooth[b]! + a * (lin - smooth[b]!);
        smooth[b] = sl;
        if (sl + 1e-30 < curMinLin[b]!) {
          curMinLin[b] = sl + 1e-30;
          const sm = 10 * Math.log10(sl + 1e-30);
          if (sm < curMin[b]!) curMin[b] = sm;
        }
      }
      let floor = curMin[b]!;
      if (subFloor[b]! < floor) floor = subFloor[b]!;
      if (this.filled < cfg.priorSubBlocks && floor > cfg.priorFloorDb) floor = cfg.priorFloorDb;
      if (floor < cfg.minFloorDb) floor = cfg.minFloorDb;
      let snr = x - floor - cfg.snrBiasDb;
      if (snr < 0) snr = 0;
      else if (snr > cfg.snrClampDb) snr = cfg.snrClampDb;
      this.snrs[b] = snr;
      sum += snr;
    }
    if (cfg.scoreBands < NUM_BANDS) {
      // Keep the scoreBands largest: insertion sort of 16 values, descending.
      const v = this.snrs;
      for (let i = 1; i < NUM_BANDS; i++) {
        const x = v[i]!;
        let j = i - 1;
        while (j >= 0 && v[j]! < x) {
          v[j + 1] = v[j]!;
          j--;
        }
        v[j + 1] = x;
      }
      sum = 0;
      for (let i = 0; i < cfg.scoreBands; i++) sum += v[i]!;
      sum *= NUM_BANDS / cfg.scoreBands;
    }
    if (++this.subCount === cfg.noiseSubFrames) {
      const overwrites = this.filled === cfg.noiseSubBlocks;
      subMins.set(curMin, this.slot * NUM_BANDS);
      this.slot = (this.slot + 1) % cfg.noiseSubBlocks;
      this.filled = Math.min(this.filled + 1, cfg.noiseSubBlocks);
      if (overwrites) {
        // The oldest sub-block left: its minimum may have been the floor, so look at them all.
        subFloor.fill(Infinity);
        for (let s = 0; s < this.filled; s++) {
          for (let b = 0; b < NUM_BANDS; b++) {
            const v = subMins[s * NUM_BANDS + b]!;
            if (v < subFloor[b]!) subFloor[b] = v;
          }
        }
      } else {
        for (let b = 0; b < NUM_BANDS; b++) if (curMin[b]! < subFloor[b]!) subFloor[b] = curMin[b]!;
      }
      curMin.fill(Infinity);
      curMinLin.fill(Infinity);
      this.subCount = 0;
    }
    this.score = sum / NUM_BANDS;
    if (cfg.stationaryFrames > 0 && learn) this.checkStationary(level);
    return this.score;
  }

  /** Jumps the floor to the current band levels when a long "speech" run is as steady as noise. */
  private checkStationary(level: number): void {
    const { cfg, statLevels, statScores } = this;
    const K = cfg.stationaryFrames;
    const slot = this.statCount % K;
    // While the ring refills after a jump, its old entries are not in the sums.
    if (this.statCount >= K) {
      this.statLevelSum -= statLevels[slot]!;
      this.statScoreSum -= statScores[slot]!;
    }
    statLevels[slot] = level;
    statScores[slot] = this.score;
    this.statLevelSum += level;
    this.statScoreSum += this.score;
    if (++this.statCount < K) return;
    if (this.statScoreSum / K < cfg.onScore) return;
    const mean = this.statLevelSum / K;
    let v = 0;
    for (let i = 0; i < K; i++) v += (statLevels[i]! - mean) ** 2;
    if (Math.sqrt(v / K) >= cfg.stationaryStdDb) return;
    const { subMins, subFloor, curMin, curMinLin, smooth } = this;
    for (let b = 0; b < NUM_BANDS; b++) {
      const d = 10 * Math.log10(smooth[b]! + 1e-30);
      for (let s = 0; s < cfg.noiseSubBlocks; s++) subMins[s * NUM_BANDS + b] = d;
      subFloor[b] = d;
      curMin[b] = d;
      curMinLin[b] = smooth[b]! + 1e-30;
    }
    this.filled = cfg.noiseSubBlocks;
    this.statCount = 0;
    this.statLevelSum = 0;
    this.statScoreSum = 0;
  }
}

/** Bins the echo rule's spectral match compares: ≈ 86 Hz – 3.4 kHz, where an echo keeps its shape. */
const SHAPE_BINS: readonly [number, number] = [4, 160];
const SHAPE_LEN = SHAPE_BINS[1] - SHAPE_BINS[0];
/** Rows are floored this far below their peak before comparing, so −∞ and deep dips do not dominate. */
const SHAPE_RANGE_DB = 60;

/** A dB row's shape over SHAPE_BINS, mean removed and scaled to unit length. */
function spectralShape(row: Float32Array, out: Float64Array): Float64Array {
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

/** Grows like an array but drops consumed entries from the front cheaply. */
class Window<T> {
  private items: T[] = [];
  /** Absolute index of items[0]. */
  base = 0;
  get end(): number {
    return this.base + this.items.length;
  }
  /** Entries held. */
  get size(): number {
    return this.items.length;
  }
  push(v: T): void {
    this.items.push(v);
  }
  at(i: number): T {
    return this.items[i - this.base]!;
  }
  set(i: number, v: T): void {
    this.items[i - this.base] = v;
  }
  dropBefore(i: number): void {
    const n = i - this.base;
    if (n > 512 || (n > 0 && n === this.items.length)) {
      this.items.splice(0, n);
      this.base = i;
    }
  }
}

/**
 * Bridges short pauses, drops short runs and trims the ends of the runs it keeps; emits final
 * per-frame decisions in order. A run's last `edgeTrimFrames` frames are held back until it is
 * known whether the run goes on.
 */
class Bridger {
  private inRun = false;
  private runStart = 0;
  private lastActive = -1;
  /** Frames before this are emitted. */
  private emitted = 0;
  private next = 0;

  constructor(
    private readonly cfg: TalkTimeConfig,
    private readonly emit: (from: number, to: number, active: boolean) => void,
  ) {}

  push(active: boolean): void {
    const f = this.next++;
    const trim = this.cfg.edgeTrimFrames;
    if (active) {
      if (!this.inRun) {
        if (f > this.emitted) this.emit(this.emitted, f, false);
        this.emitted = f;
        this.inRun = true;
        this.runStart = f;
      }
      this.lastActive = f;
      if (f + 1 - this.runStart >= this.cfg.minRunFrames) {
        // The run is kept: its first `trim` frames are not talk, its last `trim` so far may be its tail.
        const from = this.runStart + trim;
        const to = f + 1 - trim;
        if (to > from) {
          if (from > this.emitted) {
            this.emit(this.emitted, from, false);
            this.emitted = from;
          }
          if (to > this.emitted) {
            this.emit(this.emitted, to, true);
            this.emitted = to;
          }
        }
      }
    } else if (this.inRun) {
      if (f - this.lastActive > this.cfg.bridgeFrames) this.closeRun();
    } else if (f + 1 > this.emitted) {
      this.emit(this.emitted, f + 1, false);
      this.emitted = f + 1;
    }
  }

  /** Ends the stream: the open run ends at its last active frame. */
  finish(): void {
    if (this.inRun) this.closeRun();
    if (this.next > this.emitted) this.emit(this.emitted, this.next, false);
    this.emitted = this.next;
  }

  private closeRun(): void {
    const runEnd = this.lastActive + 1;
    const keep = runEnd - this.runStart >= this.cfg.minRunFrames;
    const trim = this.cfg.edgeTrimFrames;
    const from = Math.max(this.emitted, this.runStart + trim);
    const to = runEnd - trim;
    if (keep && to > from) {
      if (from > this.emitted) this.emit(this.emitted, from, false);
      this.emit(from, to, true);
      this.emitted = to;
    }
    if (this.next > this.emitted) this.emit(this.emitted, this.next, false);
    this.emitted = this.next;
    this.inRun = false;
  }
}

interface VetoRequest {
  channel: Channel;
  block: number;
  windowStart: number;
}

/** Everything per channel between the joint level stage and the final decisions. */
class Channel {
  readonly level: LevelStage;
  /** dB rows kept for model windows. */
  readonly db = new Window<Float32Array>();
  /** Level-stage candidates (after echo and mute). */
  readonly cand = new Window<number>();
  /** The level stage's smoothed score of each candidate frame, dB (for vetoKeepScore). */
  readonly candScore = new Window<number>();
  /** Next veto block to decide. */
  nextBlock = 0;
  /** Candidates handed to the bridger so far. */
  fed = 0;
  /** Raw level-stage scores and frame levels, waiting for the score's look-ahead. */
  readonly raw = new Window<number>();
  readonly levels = new Window<number>();
  /** Hysteresis state of the level stage. */
  active = false;
  /** Frames of the current run at the on-threshold, and frames since the latest of them. */
  runOnFrames = 0;
  sinceOn = 0;
  /** Position of the latest candidate block in its continuous run (−1: no run). */
  runPos = -1;
  /** Model verdict of the latest checked block (null: none yet). */
  runVerdict: boolean | null = null;
  readonly bridger: Bridger;
  /** Final decisions not yet consumed by the metrics. */
  readonly final = new Window<number>();

  constructor(cfg: TalkTimeConfig) {
    this.level = new LevelStage(cfg);
    this.bridger = new Bridger(cfg, (from, to, active) => {
      for (let i = from; i < to; i++) this.final.push(active ? 1 : 0);
    });
  }
}

/** Incremental conversation metrics over final decisions. */
class Metrics {
  frames = 0;
  talk = { self: 0, other: 0 };
  overlap = 0;
  silence = 0;
  switches = 0;
  readonly segments: Record<Party, [number, number][]> = { self: [], other: [] };
  readonly openStart: Record<Party, number> = { self: -1, other: -1 };
  readonly lastEnd: Record<Party, number> = { self: -1, other: -1 };
  readonly longest = { self: 0, other: 0 };
  readonly gapSum = { self: 0, other: 0 };
  readonly gapCount = { self: 0, other: 0 };
  readonly interruptions = { self: 0, other: 0 };
  private readonly pendingInterrupt = { self: false, other: false };
  private lastSolo: Party | null = null;
  readonly timeline: { minute: number; self: number; other: number; overlap: number }[] = [];

  constructor(private readonly cfg: TalkTimeConfig) {}

  push(s: boolean, o: boolean): void {
    const f = this.frames++;
    // Starts first, so a simultaneous start sees the other's state before this frame.
    const wasSelf = this.openStart.self >= 0;
    const wasOther = this.openStart.other >= 0;
    this.edge('self', s, wasOther, f);
    this.edge('other', o, wasSelf, f);
    if (s) this.talk.self++;
    if (o) this.talk.other++;
    if (s && o) this.overlap++;
    if (!s && !o) this.silence++;
    const minute = Math.floor(((f + 1) * FRAME_MS) / 60000);
    let row = this.timeline[this.timeline.length - 1];
    if (!row || row.minute !== minute) {
      row = { minute, self: 0, other: 0, overlap: 0 };
      this.timeline.push(row);
    }
    if (s) row.self++;
    if (o) row.other++;
    if (s && o) row.overlap++;

    const solo: Party | null = s && !o ? 'self' : o && !s ? 'other' : null;
    if (solo && solo !== this.lastSolo) {
      if (this.lastSolo) {
        this.switches++;
        const prev = this.lastSolo;
        const gap = Math.max(0, this.openStart[solo] - this.lastEnd[prev]);
        this.gapSum[solo] += gap;
        this.gapCount[solo]++;
      }
      this.lastSolo = solo;
    }
    for (const p of ['self', 'other'] as const) {
      const start = this.openStart[p];
      if (start >= 0 && this.pendingInterrupt[p] && f + 1 - start >= this.cfg.interruptMinFrames) {
        this.interruptions[p]++;
        this.pendingInterrupt[p] = false;
      }
    }
  }

  private edge(p: Party, active: boolean, otherWasActive: boolean, f: number): void {
    const start = this.openStart[p];
    if (active && start < 0) {
      this.openStart[p] = f;
      const q: Party = p === 'self' ? 'other' : 'self';
      this.pendingInterrupt[p] = otherWasActive && f - this.openStart[q] >= this.cfg.interruptAfterFrames;
    } else if (!active && start >= 0) {
      this.segments[p].push([start, f]);
      this.longest[p] = Math.max(this.longest[p], f - start);
      this.lastEnd[p] = f;
      this.openStart[p] = -1;
      this.pendingInterrupt[p] = false;
    }
  }

  /** Segments in frames, the open one cut at the last final frame. */
  segmentsOf(p: Party): [number, number][] {
    const out = this.segments[p].slice();
    if (this.openStart[p] >= 0) out.push([this.openStart[p], this.frames]);
    return out;
  }

  /** Active frames of party p in [from, frames). */
  activeSince(p: Party, from: number): number {
    let n = 0;
    if (this.openStart[p] >= 0) n += this.frames - Math.max(from, this.openStart[p]);
    const segs = this.segments[p];
    for (let i = segs.length - 1; i >= 0; i--) {
      const [a, b] = segs[i]!;
      if (b <= from) break;
      n += b - Math.max(a, from);
    }
    return n;
  }
}

const msOf = (frames: number) => frames * FRAME_MS;
/** Frame f is placed at the middle hop of its window: [(f + 0.5)·hop, (f + 1.5)·hop). */
const segMs = ([a, b]: [number, number]): [number, number] => [
  Math.round((a + 0.5) * FRAME_MS * 10) / 10,
  Math.round((b + 0.5) * FRAME_MS * 10) / 10,
];

function silentFrame(index: number): Required<Frame> {
  return { index, db: new Float32Array(NUM_BINS).fill(-Infinity), level: -200, bands: new Float32Array(NUM_BANDS).fill(-200) };
}

/**
 * Two-channel talk-time engine. Feed aligned frames of the local microphone ("self") and
 * the remote party ("other") with `process`; read results any time. Decisions become final
 * about 1.3 s after the audio (model window look-ahead and pause bridging); `finish` settles
 * the rest at the end of a call. Every call costs O(new frames).
 */
export class TalkTimeEngine {
  readonly config: TalkTimeConfig;
  private readonly detector: SpeechDetector | undefined;
  private readonly self: Channel;
  private readonly other: Channel;
  private readonly metrics: Metrics;
  private readonly selfQueue: Required<Frame>[] = [];
  private readonly otherQueue: Required<Frame>[] = [];
  /** Joint frames through the level stage. */
  private joint = 0;
  /** Other-channel history for the echo rule: active flags and levels of recent frames. */
  private readonly otherRecent: { active: boolean; level: number }[] = [];
  /** Spectral shapes of the other party's recent frames, made when first needed (a ring by frame number). */
  private readonly otherShapes: { frame: number; shape: Float64Array }[] = [];
  private readonly selfShape = new Float64Array(SHAPE_LEN);
  /** Self frames received so far (mute changes apply from here). */
  private receivedSelf = 0;
  private muted = false;
  private readonly muteChanges: { from: number; muted: boolean }[] = [];
  private chain: Promise<void> = Promise.resolve();
  private finished = false;

  constructor(options: TalkTimeOptions = {}) {
    this.config = { ...DEFAULT_CONFIG, ...options.config };
    this.detector = options.detector;
    this.self = new Channel(this.config);
    this.other = new Channel(this.config);
    this.metrics = new Metrics(this.config);
  }

  /** Whether a speech model takes part (false: level stage only). */
  get hasModel(): boolean {
    return this.detector !== undefined;
  }

  /**
   * Adds frames of both channels (same index = same time). The channels may arrive in
   * chunks of different sizes; work happens as far as both have arrived. Calls are
   * processed in order even when not awaited.
   */
  process(self: readonly Frame[], other: readonly Frame[]): Promise<void> {
    if (this.finished) return Promise.reject(new Error('TalkTimeEngine.process after finish'));
    for (const f of self) this.selfQueue.push(withLevels(f));
    for (const f of other) this.otherQueue.push(withLevels(f));
    this.receivedSelf += self.length;
    const run = this.chain.then(() => this.advance(false));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Muted self time is never self talk. Applies to self frames passed after this call. */
  setSelfMuted(muted: boolean): void {
    if (muted === this.muted) return;
    this.muted = muted;
    this.muteChanges.push({ from: this.receivedSelf, muted });
  }

  /** Ends the stream: settles every pending decision (the shorter channel counts as silent). */
  finish(): Promise<void> {
    if (this.finished) return this.chain;
    this.finished = true;
    const run = this.chain.then(() => {
      while (this.selfQueue.length < this.otherQueue.length) this.selfQueue.push(silentFrame(this.joint + this.selfQueue.length));
      while (this.otherQueue.length < this.selfQueue.length) this.otherQueue.push(silentFrame(this.joint + this.otherQueue.length));
      return this.advance(true);
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  private isMuted(f: number): boolean {
    let m = false;
    for (const c of this.muteChanges) {
      if (c.from > f) break;
      m = c.muted;
    }
    return m;
  }

  private async advance(final: boolean): Promise<void> {
    const cfg = this.config;
    const n = Math.min(this.selfQueue.length, this.otherQueue.length);
    const selfFrames = this.selfQueue.splice(0, n);
    const otherFrames = this.otherQueue.splice(0, n);
    for (let i = 0; i < n; i++) {
      this.joint++;
      const sf = selfFrames[i]!;
      const of = otherFrames[i]!;
      this.self.raw.push(this.self.level.push(sf.bands, sf.level));
      this.other.raw.push(this.other.level.push(of.bands, of.level));
      this.self.levels.push(sf.level);
      this.other.levels.push(of.level);
      this.self.db.push(sf.db);
      this.other.db.push(of.db);
      while (this.decided + cfg.scoreSpan < this.joint) this.decide(this.decided++);
    }
    if (final) while (this.decided < this.joint) this.decide(this.decided++);
    await this.veto(final);
    this.settle(final);
  }

  /** Level-stage decision of frame f on both channels: smoothed score, hysteresis, echo rule, mute. */
  private decide(f: number): void {
    const cfg = this.config;
    const score = (ch: Channel) => {
      const from = Math.max(ch.raw.base, f - cfg.scoreSpan);
      const to = Math.min(this.joint - 1, f + cfg.scoreSpan);
      let sum = 0;
      for (let g = from; g <= to; g++) sum += ch.raw.at(g);
      return sum / (to - from + 1);
    };
    const hyst = (ch: Channel, sc: number) => {
      if (sc >= cfg.onScore) {
        if (!ch.active) ch.runOnFrames = 0;
        ch.active = true;
        ch.runOnFrames++;
        ch.sinceOn = 0;
      } else if (ch.active) {
        ch.sinceOn++;
        ch.active = sc >= cfg.offScore && (ch.runOnFrames >= cfg.shortRunFrames || ch.sinceOn <= cfg.shortHoldFrames);
      }
      return ch.active;
    };
    const otherScore = score(this.other);
    const otherActive = hyst(this.other, otherScore);
    const selfScore = score(this.self);
    let selfActive = hyst(this.self, selfScore);
    const otherLevel = this.other.levels.at(f);
    this.otherRecent.push({ active: otherActive, level: otherLevel });
    if (this.otherRecent.length > cfg.echoLookbackFrames) this.otherRecent.shift();
    if (selfActive && this.isEcho(f, selfScore)) selfActive = false;
    if (selfActive && this.isMuted(f)) selfActive = false;
    this.self.cand.push(selfActive ? 1 : 0);
    this.other.cand.push(otherActive ? 1 : 0);
    this.self.candScore.push(selfScore);
    this.other.candScore.push(otherScore);
    for (const ch of [this.self, this.other]) {
      ch.raw.dropBefore(f - cfg.scoreSpan);
      ch.levels.dropBefore(f);
    }
  }

  /**
   * Whether active self frame f is the other party heard through the user's microphone: the
   * other was active within the lookback and the self level is far enough below the other's
   * recent maximum (see echoMarginDb, echoMatch, echoStrongMatch).
   */
  private isEcho(f: number, selfScore: number): boolean {
    const cfg = this.config;
    let recentMax = -Infinity;
    let recentlyActive = false;
    for (const r of this.otherRecent) {
      if (r.active) recentlyActive = true;
      if (r.level > recentMax) recentMax = r.level;
    }
    if (!recentlyActive) return false;
    const level = this.self.levels.at(f);
    if (level < recentMax - cfg.echoMarginDb) {
      if (cfg.echoMatch <= -1 || selfScore < cfg.onScore) return true;
      return this.spectralMatch(f) >= cfg.echoMatch;
    }
    if (cfg.echoStrongMatch <= 1 && level < recentMax - cfg.echoStrongMarginDb) return this.spectralMatch(f) >= cfg.echoStrongMatch;
    return false;
  }

  /** Best correlation of self frame f's spectral shape with the other's frames in the echo lookback. */
  private spectralMatch(f: number): number {
    const L = this.config.echoLookbackFrames;
    spectralShape(this.self.db.at(f), this.selfShape);
    let best = -1;
    for (let g = Math.max(this.other.db.base, f - L + 1); g <= f; g++) {
      const slot = g % L;
      let entry = this.otherShapes[slot];
      if (!entry) entry = this.otherShapes[slot] = { frame: -1, shape: new Float64Array(SHAPE_LEN) };
      if (entry.frame !== g) {
        spectralShape(this.other.db.at(g), entry.shape);
        entry.frame = g;
      }
      const a = this.selfShape;
      const b = entry.shape;
      let c = 0;
      for (let i = 0; i < SHAPE_LEN; i++) c += a[i]! * b[i]!;
      if (c > best) best = c;
    }
    return best;
  }

  /** Frames through the level stage's decision (lags `joint` by scoreSpan). */
  private decided = 0;

  /**
   * Decides veto blocks whose model window is complete (all of them when final). The model
   * only looks where the level stage found something, and inside one continuous run only at
   * every `vetoRecheckBlocks`-th block; blocks in between follow that verdict, and are
   * checked themselves only when it was "not speech".
   */
  private async veto(final: boolean): Promise<void> {
    const cfg = this.config;
    const B = cfg.vetoBlockFrames;
    const requests: VetoRequest[] = [];
    const deferred: { req: VetoRequest; governor: VetoRequest | null }[] = [];
    for (const ch of [this.self, this.other]) {
      const total = ch.cand.end;
      let governor: VetoRequest | null = null;
      for (;;) {
        const start = ch.nextBlock * B;
        if (start >= total) break;
        const end = Math.min(start + B, total);
        if (end < start + B && !final) break;
        let any = false;
        for (let i = start; i < end; i++) if (ch.cand.at(i)) any = true;
        if (any && this.detector) {
          let ws = Math.max(0, start + Math.floor(B / 2) - Math.floor(WINDOW_FRAMES / 2));
          if (ws + WINDOW_FRAMES > total) {
            if (!final) break;
            ws = Math.max(0, total - WINDOW_FRAMES);
          }
          if (ws + WINDOW_FRAMES <= total) {
            const req: VetoRequest = { channel: ch, block: ch.nextBlock, windowStart: ws };
            const continuous = ch.runPos >= 0 && start > 0 && ch.cand.at(start - 1) === 1 && ch.cand.at(start) === 1;
            const pos = continuous ? ch.runPos + 1 : 0;
            ch.runPos = pos;
            if (pos % cfg.vetoRecheckBlocks === 0) {
              requests.push(req);
              governor = req;
            } else if (governor) deferred.push({ req, governor });
            else if (ch.runVerdict === false) requests.push(req);
          } else ch.runPos = -1;
        } else ch.runPos = -1;
        ch.nextBlock++;
      }
    }
    if (!this.detector) return;
    const verdicts = await this.classify(requests);
    for (const ch of [this.self, this.other]) {
      const last = requests.filter((r) => r.channel === ch).pop();
      if (last) ch.runVerdict = verdicts.get(last)!;
    }
    const second = deferred.filter((d) => d.governor && !verdicts.get(d.governor)).map((d) => d.req);
    await this.classify(second);
  }

  /** Runs the model on blocks in one batch and clears the candidates of "not speech" ones. */
  private async classify(requests: VetoRequest[]): Promise<Map<VetoRequest, boolean>> {
    const verdicts = new Map<VetoRequest, boolean>();
    if (requests.length === 0 || !this.detector) return verdicts;
    const B = this.config.vetoBlockFrames;
    const input = new Float32Array(requests.length * WINDOW_SIZE);
    const rows: Float32Array[] = [];
    requests.forEach((r, i) => {
      rows.length = 0;
      for (let k = 0; k < WINDOW_FRAMES; k++) rows.push(r.channel.db.at(r.windowStart + k));
      normaliseWindow(rows, input, i * WINDOW_SIZE);
    });
    const p = await this.detector.speechProbabilities(input, requests.length);
    this.modelWindows += requests.length;
    requests.forEach((r, i) => {
      const start = r.block * B;
      const end = Math.min(start + B, r.channel.cand.end);
      const speech = p[i]! >= this.config.vetoThreshold || this.clearlyAboveNoise(r.channel, start, end);
      verdicts.set(r, speech);
      if (!speech) for (let k = start; k < end; k++) r.channel.cand.set(k, 0);
    });
    return verdicts;
  }

  private modelWindows = 0;

  /** Whether the block's candidate frames stand vetoKeepScore above the noise floor on average. */
  private clearlyAboveNoise(ch: Channel, start: number, end: number): boolean {
    const keep = this.config.vetoKeepScore;
    if (keep <= 0) return false;
    let sum = 0;
    let n = 0;
    for (let k = start; k < end; k++) {
      if (ch.cand.at(k) !== 1) continue;
      sum += ch.candScore.at(k);
      n++;
    }
    return n > 0 && sum / n >= keep;
  }

  /**
   * Frame entries the engine holds right now (queues and per-channel windows): bounded by the
   * model window and the decision look-ahead, not by the call's length.
   */
  get retainedFrames(): number {
    let n = this.selfQueue.length + this.otherQueue.length;
    for (const ch of [this.self, this.other]) n += ch.db.size + ch.cand.size + ch.raw.size + ch.levels.size + ch.final.size;
    return n;
  }

  /** Model windows evaluated so far (cost accounting). */
  get modelWindowsUsed(): number {
    return this.modelWindows;
  }

  /** Moves decided frames through bridging into the metrics. */
  private settle(final: boolean): void {
    const cfg = this.config;
    for (const ch of [this.self, this.other]) {
      const decidedEnd = Math.min(ch.nextBlock * cfg.vetoBlockFrames, ch.cand.end);
      for (let i = ch.fed; i < decidedEnd; i++) ch.bridger.push(ch.cand.at(i) === 1);
      ch.fed = Math.max(ch.fed, decidedEnd);
      if (final) ch.bridger.finish();
      // Model windows reach back half a window before the next block.
      const keepFrom = ch.nextBlock * cfg.vetoBlockFrames - WINDOW_FRAMES;
      ch.db.dropBefore(Math.max(0, keepFrom));
      ch.cand.dropBefore(Math.max(0, Math.min(keepFrom, ch.fed)));
      ch.candScore.dropBefore(Math.max(0, Math.min(keepFrom, ch.fed)));
    }
    const s = this.self.final;
    const o = this.other.final;
    const end = Math.min(s.end, o.end);
    for (let f = this.metrics.frames; f < end; f++) {
      const selfActive = s.at(f) === 1 && !this.isMuted(f);
      this.metrics.push(selfActive, o.at(f) === 1);
    }
    s.dropBefore(end);
    o.dropBefore(end);
    // Mute history before settled frames collapses to its last state.
    while (this.muteChanges.length > 1 && this.muteChanges[1]!.from <= end) this.muteChanges.shift();
  }

  /** Totals and conversation metrics over every settled frame. */
  snapshot(): TalkStats {
    const m = this.metrics;
    const durationMs = msOf(m.frames);
    const self = msOf(m.talk.self);
    const other = msOf(m.talk.other);
    const longest = (p: Party) => Math.max(m.longest[p], m.openStart[p] >= 0 ? m.frames - m.openStart[p] : 0);
    const gap = (p: Party) => (m.gapCount[p] > 0 ? msOf(m.gapSum[p] / m.gapCount[p]) : null);
    return {
      durationMs,
      selfTalkMs: self,
      otherTalkMs: other,
      overlapMs: msOf(m.overlap),
      silenceMs: msOf(m.silence),
      selfShare: self + other > 0 ? self / (self + other) : null,
      metrics: {
        longestMonologueMs: { self: msOf(longest('self')), other: msOf(longest('other')) },
        turnSwitchesPerMin: durationMs > 0 ? m.switches / (durationMs / 60000) : 0,
        meanResponseGapMs: { self: gap('self'), other: gap('other') },
        interruptions: { self: m.interruptions.self, other: m.interruptions.other },
        timeline: m.timeline.map((r) => ({ minute: r.minute, selfMs: msOf(r.self), otherMs: msOf(r.other), overlapMs: msOf(r.overlap) })),
      },
    };
  }

  /** Talk in the last `windowMs` of settled audio ("last 5 minutes"). */
  recent(windowMs: number): { selfMs: number; otherMs: number; selfShare: number | null } {
    const m = this.metrics;
    const from = Math.max(0, m.frames - Math.ceil(windowMs / FRAME_MS));
    const selfMs = msOf(m.activeSince('self', from));
    const otherMs = msOf(m.activeSince('other', from));
    return { selfMs, otherMs, selfShare: selfMs + otherMs > 0 ? selfMs / (selfMs + otherMs) : null };
  }

  /** Who talks in the latest settled frame. */
  currentSpeaker(): Speaker {
    const s = this.metrics.openStart.self >= 0;
    const o = this.metrics.openStart.other >= 0;
    return s && o ? 'both' : s ? 'self' : o ? 'other' : 'none';
  }

  /** Talk segments in ms, sorted and non-overlapping per party; frame f spans [(f+0.5)·hop, (f+1.5)·hop). */
  segments(): { self: [number, number][]; other: [number, number][] } {
    return { self: this.metrics.segmentsOf('self').map(segMs), other: this.metrics.segmentsOf('other').map(segMs) };
  }

  /** Settled frames so far. */
  get settledFrames(): number {
    return this.metrics.frames;
  }
}
