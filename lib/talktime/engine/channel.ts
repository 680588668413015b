import { Bridger } from './bridger';
import type { TalkTimeConfig } from './config';
import { Headroom } from './headroom';
import { Hysteresis } from './hysteresis';
import { LevelStage } from './level-stage';
import { SlidingArray } from './sliding';
import { TalkerGate } from './talker-level';
import { voicing } from './voicing';

/**
 * One party's state between its frames and its final decisions. Every per-frame value is kept
 * by absolute frame number, only as long as a later stage still needs it.
 */
export class Channel {
  readonly level: LevelStage;
  readonly hysteresis: Hysteresis;
  /** Frames' dB rows, for the model's windows and the echo rule's spectral match. */
  readonly dbRows = new SlidingArray<Float32Array>();
  /** Raw level-stage scores, waiting for the score smoothing's look-ahead. */
  readonly rawScores = new SlidingArray<number>();
  /** Frames' spread of band SNRs (dB, `LevelStage.spread`), for the shape rule. */
  readonly spreads = new SlidingArray<number>();
  /** … and their mean band SNR (dB, `LevelStage.rise`). */
  readonly rises = new SlidingArray<number>();
  /** Frame levels (dB), for the echo rule and the talker gate (held until the rules have settled the frames around them). */
  readonly levels = new SlidingArray<number>();
  /** How loud this party's own talk is (`talkerGateDb`). */
  readonly talker: TalkerGate;
  /** The level stage's decisions after echo and mute (1: talk), which the model may still veto. */
  readonly candidates = new SlidingArray<number>();
  /** The level stage's decisions as they were before the model's veto (for `vetoEdgeRunFrames`). */
  readonly unvetoed = new SlidingArray<number>();
  /** The smoothed score of each candidate frame, dB (for vetoKeepScore). */
  readonly candidateScores = new SlidingArray<number>();
  /** The model's veto keeps a block that stands this far over the floor (dB; `vetoKeepScore`, or `processedVetoKeepScore` for a suppressed microphone). */
  vetoKeepScore: number;
  /** After a "speech" recheck the veto takes a block between rechecks below this P (`vetoFollowThreshold`, or `processedVetoFollowThreshold` for a suppressed microphone; 0: none). */
  vetoFollowThreshold: number;
  /** The model's P(speech) of each block the veto has decided (NaN: the model did not see it; no candidates there). */
  readonly blockProbabilities = new SlidingArray<number>();
  /** Next veto block to decide. */
  nextBlock = 0;
  /** Candidates handed to the bridger so far. */
  bridged = 0;
  /** Position of the latest candidate block in its continuous run (−1: no run). */
  runPos = -1;
  /** Whether the latest candidate block's last frame was a candidate before the veto (its run may go on). */
  runEndsInCandidate = false;
  /** The model's verdict on the latest recheck of a run (null: none yet). */
  runVerdict: boolean | null = null;
  readonly bridger: Bridger;
  /** Final decisions not yet taken into the metrics. */
  readonly decisions = new SlidingArray<number>();
  /** Every frame's voicing (0 … 1, voicing.ts), as the edge judge measured it when the frame came in. */
  readonly voicings = new SlidingArray<number>();

  private readonly voicedMin: number;
  /** How far this party's loud frames stand over their room (`noisyBridgeHeadroomDb`) … */
  readonly headroom: Headroom;
  /** … as of each frame, until the bridger has taken it. */
  readonly headrooms = new SlidingArray<number>();

  /**
   * `talkerDepthDb`: how deep this party's talker gate is while their audio is not known to go
   * through a noise suppressor (`talkerGateDb`; the other party's `otherTalkerGateDb`).
   */
  constructor(
    private readonly cfg: TalkTimeConfig,
    private readonly talkerDepthDb = cfg.talkerGateDb,
  ) {
    this.voicedMin = cfg.voicedMin;
    this.headroom = new Headroom(cfg.talkerHalfLifeFrames);
    this.vetoKeepScore = cfg.vetoKeepScore;
    this.vetoFollowThreshold = cfg.vetoFollowThreshold;
    this.level = new LevelStage(cfg);
    this.talker = new TalkerGate(cfg);
    this.talker.depthDb = talkerDepthDb;
    this.hysteresis = new Hysteresis(cfg);
    this.bridger = new Bridger(
      cfg,
      (from, to, active) => {
        for (let i = from; i < to; i++) this.decisions.push(active ? 1 : 0);
      },
      (f) => this.isVoiced(f),
    );
  }

  /**
   * The level stage's bias, the veto's keep score and follow threshold, and the talker gate's
   * depth for a microphone through a noise suppressor (`processed…`), or not.
   */
  setSuppressed(suppressed: boolean): void {
    const { cfg } = this;
    this.level.biasDb = suppressed ? cfg.processedSnrBiasDb : cfg.snrBiasDb;
    this.vetoKeepScore = suppressed ? cfg.processedVetoKeepScore : cfg.vetoKeepScore;
    this.vetoFollowThreshold = suppressed ? cfg.processedVetoFollowThreshold : cfg.vetoFollowThreshold;
    this.talker.depthDb = suppressed && cfg.processedTalkerGateDb > 0 ? cfg.processedTalkerGateDb : this.talkerDepthDb;
  }

  /** The model's P of veto block b (NaN: not seen, or no longer held). */
  blockProbability(b: number): number {
    const { blockProbabilities: p } = this;
    return b >= p.base && b < p.end ? p.at(b) : NaN;
  }

  /** Whether frame f is voiced (voicing ≥ voicedMin); its voicing, or else its dB row, must still be held. */
  isVoiced(f: number): boolean {
    const { voicings } = this;
    const v = f >= voicings.base && f < voicings.end ? voicings.at(f) : voicing(this.dbRows.at(f));
    return v >= this.voicedMin;
  }

  /** Whether a frame within f ± reach, among frames [0, lastFrame], is voiced. */
  voicedNear(f: number, reach: number, lastFrame: number): boolean {
    for (let g = Math.max(0, f - reach); g <= Math.min(lastFrame, f + reach); g++) if (this.isVoiced(g)) return true;
    return false;
  }

  /** Whether a frame within f ± reach, among frames [0, lastFrame] still held, has band SNRs spread at least `minDb`. */
  unevenNear(f: number, reach: number, lastFrame: number, minDb: number): boolean {
    const { spreads } = this;
    for (let g = Math.max(spreads.base, f - reach); g <= Math.min(lastFrame, f + reach); g++) if (spreads.at(g) >= minDb) return true;
    return false;
  }

  /** The loudest frame level (dB) within [f − before, f + after], among frames [0, lastFrame] still held. */
  loudestNear(f: number, before: number, after: number, lastFrame: number): number {
    const { levels } = this;
    let max = -Infinity;
    for (let g = Math.max(levels.base, f - before); g <= Math.min(lastFrame, f + after); g++) if (levels.at(g) > max) max = levels.at(g);
    return max;
  }

  /** Forgets what is known of frames before f. */
  forgetVoicingBefore(f: number): void {
    this.voicings.dropBefore(Math.min(f, this.voicings.end));
  }

  /** Smoothed score of frame f: the mean raw score over f ± span, within the frames that exist. */
  smoothedScore(f: number, span: number, lastFrame: number): number {
    const from = Math.max(this.rawScores.base, f - span);
    const to = Math.min(lastFrame, f + span);
    let sum = 0;
    for (let g = from; g <= to; g++) sum += this.rawScores.at(g);
    return sum / (to - from + 1);
  }

  /** Entries held in its windows. */
  get retainedFrames(): number {
    return (
      this.dbRows.size +
      this.spreads.size +
      this.rises.size +
      this.candidates.size +
      this.unvetoed.size +
      this.rawScores.size +
      this.levels.size +
      this.decisions.size +
      this.voicings.size +
      this.blockProbabilities.size +
      this.headrooms.size
    );
  }
}
