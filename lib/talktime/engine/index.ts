/**
 * Two-channel talk-time engine, a pipeline of small stages per frame:
 * level stage (noise floor, band SNR score) → smoothing and hysteresis → echo rule and mute
 * (self only) → model veto per block (a vetoed block keeps a word's edge that runs on from a kept
 * one, `vetoEdgeRunFrames`) → bridging and edge trim → near-vowel rules (self while
 * the microphone goes through a suppressor; both parties' with `talkVoicedReach`, off), the
 * cross-talk rule (other), the far end's rule (other, when received from a call: `otherReceived`)
 * and the shape rule (both: a sound counts only near a frame whose bands stand over the room
 * unevenly, `shapeReach`) → the talker gate (both: in a loud room, a sound far quieter than the
 * party's own voice is someone else's, `talkerGateDb`, shallower behind the browser's voice
 * processing, `processedTalkerGateDb` and `otherTalkerGateDb`; in a call's first minutes what it let
 * count is judged again when it first judges and as the level it asks for climbs,
 * `talkerHindsightFrames`) → the edge judge (both: a learned look that may drop a talk frame,
 * `edgeKeepProbability`) → conversation metrics.
 */
import type { TalkStats } from '../../schema/talk';
import type { SpeechDetector } from '../detector';
import { type Frame, type FrameBlock, NUM_BANDS, NUM_BINS } from '../features';
import { Channel } from './channel';
import { DEFAULT_CONFIG, type TalkTimeConfig } from './config';
import { EchoRule } from './echo';
import { EdgeJudge } from './edge-judge';
import { FarEndRule } from './far-end';
import { GateHindsight } from './hindsight';
import { CrossTalkRule } from './cross-talk';
import { NearVowelRule } from './near-vowel';
import { ConversationMetrics, type Party, type Speaker } from './metrics';
import { MuteTimeline } from './mute';
import { FrameQueue } from './queue';
import { ModelVeto } from './veto';
import { WINDOW_FRAMES } from '../detector';

export { DEFAULT_CONFIG, type TalkTimeConfig } from './config';
export type { Party, Speaker } from './metrics';

export interface TalkTimeOptions {
  /** Speech/non-speech model used to veto stretches the level stage took for speech. */
  detector?: SpeechDetector;
  config?: Partial<TalkTimeConfig>;
  /** What of the browser's voice processing the user's microphone goes through from the start (see `setSelfProcessing`). */
  selfProcessing?: SelfProcessing;
  /**
   * The other party's channel is what a call received from their browser — through their voice
   * processing, a codec, often a server's mix — as the live meter's always is: the far end's rule
   * (`farEndVoicedReach`) judges it. Not for a recording made at their microphone (the offline
   * benchmarks' calls), where no far-end suppressor left anything for the rule to drop.
   */
  otherReceived?: boolean;
  /**
   * Called with the edge judge's features of every frame the rules let count (training the judge:
   * scripts/talktime/train-edge.ts), before it judges them.
   */
  edgeProbe?: (party: Party, frame: number, features: Float64Array) => void;
  /**
   * Called with each party's decision on every frame as each stage leaves it (`Stage`): where
   * talk is found and where it is lost (scripts/talktime/stages.ts). Frames come in order within
   * a stage, not across stages.
   */
  stageProbe?: (party: Party, stage: Stage, frame: number, talk: boolean) => void;
}

/**
 * The points `stageProbe` reports a frame's decision at: the level stage with the echo rule and
 * mute; the model's veto (and a vetoed block's edge runs); bridging, short runs and edge trim; the
 * rules (near-vowel, cross-talk, far end, shape); the talker gate; the edge judge (before what
 * the gate's hindsight takes back).
 */
export type Stage = 'level' | 'veto' | 'bridged' | 'rules' | 'gate' | 'judged';

/** What of the browser's voice processing the user's microphone goes through (its track's settings). */
export interface SelfProcessing {
  /** Through an echo canceller: what is left of the echo is judged by `echoStrongMatchCancelled`. */
  echoCancelled: boolean;
  /** Through a noise suppressor: the user's talk asks for a vowel nearby (`processedVoicedReach`). */
  noiseSuppressed: boolean;
}

function silentFrame(index: number): Required<Frame> {
  return { index, db: new Float32Array(NUM_BINS).fill(-Infinity), level: -200, bands: new Float32Array(NUM_BANDS).fill(-200) };
}

/**
 * Feed aligned frames of the local microphone ("self") and the remote party ("other") with
 * `process`; read results any time. Decisions become final 1–2 s after the audio (model
 * window look-ahead, pause bridging and the edge judge's look ahead: a median of ≈ 1 s, fed in
 * the worklet's batches); `finish` settles the rest at the end of a call. Every call costs
 * O(new frames), but for the few in a call's first minutes where a talker gate takes back talk
 * it let count before (`talkerHindsightFrames`): those build the metrics again from at most that
 * many frames, and the figures so far fall.
 */
export class TalkTimeEngine {
  readonly config: TalkTimeConfig;
  private readonly self: Channel;
  private readonly other: Channel;
  private readonly echo: EchoRule;
  private readonly veto: ModelVeto;
  private readonly crossTalk: CrossTalkRule;
  private readonly selfVowels: NearVowelRule;
  private readonly otherVowels: NearVowelRule;
  /** The user's microphone goes through a noise suppressor (`processedVoicedReach` judges it). */
  private selfSuppressed = false;
  /** The far end's rule on the other party's channel, when it was received from a call (`otherReceived`). */
  private readonly farEnd: FarEndRule;
  private readonly mute = new MuteTimeline();
  private metrics: ConversationMetrics;
  /** Each party's talker gate judging again what it let count in the call's first minutes (`talkerHindsightFrames`). */
  private readonly selfHindsight: GateHindsight;
  private readonly otherHindsight: GateHindsight;
  /**
   * The edge judge's decisions on the first `talkerHindsightFrames` frames (bit 0: self, bit 1:
   * other), before hindsight: the metrics are built again from them when it takes talk back.
   */
  private judgedLog: Uint8Array | null;
  /** The learned last look at each party's talk frames (`edgeKeepProbability`). */
  private readonly selfJudge: EdgeJudge;
  private readonly otherJudge: EdgeJudge;
  /** Frames through the rules (cross-talk, near-vowel, far end, shape), waiting for the edge judge. */
  private ruled = 0;
  /** Frames received on one channel and waiting for the other's frame of the same time. */
  private readonly selfQueue = new FrameQueue();
  private readonly otherQueue = new FrameQueue();
  /** Frames of both channels through the level stage. */
  private framesIn = 0;
  /** Frames through smoothing, hysteresis and the echo rule (lags framesIn by scoreSpan). */
  private framesDecided = 0;
  /** Keeps `process` and `finish` calls in order. */
  private chain: Promise<void> = Promise.resolve();
  private finished = false;
  private readonly probe: TalkTimeOptions['stageProbe'];

  constructor(options: TalkTimeOptions = {}) {
    this.config = { ...DEFAULT_CONFIG, ...options.config };
    this.self = new Channel(this.config);
    this.other = new Channel(this.config, this.config.otherTalkerGateDb > 0 ? this.config.otherTalkerGateDb : this.config.talkerGateDb);
    this.echo = new EchoRule(this.config);
    this.veto = new ModelVeto(this.config, options.detector);
    this.crossTalk = new CrossTalkRule(this.config, this.self, this.other);
    this.selfVowels = new NearVowelRule(this.self, this.config.vowelShareClearRiseDb);
    this.otherVowels = new NearVowelRule(this.other, this.config.vowelShareClearRiseDb);
    this.farEnd = new FarEndRule(this.config, this.other, options.otherReceived === true);
    this.metrics = new ConversationMetrics(this.config);
    const hindsight = this.config.talkerGateDb > 0 ? this.config.talkerHindsightFrames : 0;
    this.selfHindsight = new GateHindsight(hindsight, this.config.talkerHindsightStepDb);
    this.otherHindsight = new GateHindsight(hindsight, this.config.talkerHindsightStepDb);
    this.judgedLog = hindsight > 0 ? new Uint8Array(hindsight) : null;
    const probe = options.edgeProbe;
    const keep = this.config.edgeKeepProbability;
    const B = this.config.vetoBlockFrames;
    const model = (ch: Channel) => (f: number) => {
      const b = Math.floor(f / B);
      return { own: ch.blockProbability(b), previous: ch.blockProbability(b - 1), next: ch.blockProbability(b + 1) };
    };
    const judge = (party: Party, ch: Channel) =>
      new EdgeJudge(keep, probe && ((x) => probe(party, this.metrics.frames, x)), options.detector && model(ch));
    this.selfJudge = judge('self', this.self);
    this.otherJudge = judge('other', this.other);
    if (options.selfProcessing) this.setSelfProcessing(options.selfProcessing);
    this.hasModel = options.detector !== undefined;
    this.probe = options.stageProbe;
  }

  /** Whether a speech model takes part (false: level stage only). */
  readonly hasModel: boolean;

  /**
   * Adds frames of both channels (same index = same time). The channels may arrive in
   * chunks of different sizes; work happens as far as both have arrived. Calls are
   * processed in order even when not awaited. Either channel's frames may come as a packed
   * block (the offline analyzer's), which must not change after this call.
   */
  process(self: readonly Frame[] | FrameBlock, other: readonly Frame[] | FrameBlock): Promise<void> {
    if (this.finished) return Promise.reject(new Error('TalkTimeEngine.process after finish'));
    const selfBefore = this.selfQueue.length;
    this.selfQueue.push(self);
    this.otherQueue.push(other);
    this.mute.receive(this.selfQueue.length - selfBefore);
    return this.enqueue(() => this.advance(false));
  }

  /** Muted self time is never self talk. Applies to self frames passed after this call. */
  setSelfMuted(muted: boolean): void {
    this.mute.set(muted);
  }

  /**
   * What of the browser's voice processing the user's microphone goes through (a call site's
   * microphone does when its track says so). Applies to the frames decided, or settled, after this call.
   */
  setSelfProcessing({ echoCancelled, noiseSuppressed }: SelfProcessing): void {
    this.echo.cancelled = echoCancelled;
    this.selfSuppressed = noiseSuppressed;
    this.self.setSuppressed(noiseSuppressed);
  }

  /** Ends the stream: settles every pending decision (the shorter channel counts as silent). */
  finish(): Promise<void> {
    if (this.finished) return this.chain;
    this.finished = true;
    return this.enqueue(() => {
      const pad = (q: FrameQueue, n: number) => q.push(Array.from({ length: n }, (_, i) => silentFrame(this.framesIn + q.length + i)));
      pad(this.selfQueue, this.otherQueue.length - this.selfQueue.length);
      pad(this.otherQueue, this.selfQueue.length - this.otherQueue.length);
      return this.advance(true);
    });
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.chain.then(work);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async advance(final: boolean): Promise<void> {
    const span = this.config.scoreSpan;
    const n = Math.min(this.selfQueue.length, this.otherQueue.length);
    for (let i = 0; i < n; i++) {
      this.framesIn++;
      this.takeFrame(this.self, this.selfQueue);
      this.takeFrame(this.other, this.otherQueue);
      while (this.framesDecided + span < this.framesIn) this.decide(this.framesDecided++);
    }
    if (final) while (this.framesDecided < this.framesIn) this.decide(this.framesDecided++);
    await this.veto.run([this.self, this.other], final);
    this.settle(final);
  }

  private takeFrame(ch: Channel, queue: FrameQueue): void {
    queue.take();
    const score = ch.level.push(queue.bands, queue.level, queue.bandsAt);
    ch.rawScores.push(score);
    ch.spreads.push(ch.level.spread);
    ch.rises.push(ch.level.rise);
    ch.voicings.push(
      (ch === this.self ? this.selfJudge : this.otherJudge).frame(score, ch.level.spread, ch.level.rise, queue.level, queue.db),
    );
    ch.levels.push(queue.level);
    ch.headrooms.push(ch.headroom.push(queue.level));
    ch.dbRows.push(queue.db);
  }

  /** Level-stage decision of frame f on both channels: smoothed score, hysteresis, echo rule, mute. */
  private decide(f: number): void {
    const cfg = this.config;
    const last = this.framesIn - 1;
    const otherScore = this.other.smoothedScore(f, cfg.scoreSpan, last);
    const otherActive = this.other.hysteresis.update(otherScore);
    const selfScore = this.self.smoothedScore(f, cfg.scoreSpan, last);
    let selfActive = this.self.hysteresis.update(selfScore);
    // The other party is a source of echo only where the shape rule lets their sound count: their
    // room drifting or swelling, which the level stage takes for their talk until the shape rule
    // drops it, is not a voice whose echo to look for in the user's words. (On the training
    // split's captures through Chromium's processing, with no echo in them, the echo rule took
    // 11 s of the user's words while the other party was silent but for their room.)
    this.echo.noteOther(otherActive && this.otherShapeCounts(f, last), this.other.levels.at(f), this.self.levels.at(f), selfScore);
    if (selfActive && this.echo.isEcho(f, this.self.levels.at(f), selfScore, this.self.dbRows, this.other.dbRows)) selfActive = false;
    if (selfActive && this.mute.isMuted(f)) selfActive = false;
    this.self.candidates.push(selfActive ? 1 : 0);
    this.other.candidates.push(otherActive ? 1 : 0);
    this.self.unvetoed.push(selfActive ? 1 : 0);
    this.other.unvetoed.push(otherActive ? 1 : 0);
    this.self.candidateScores.push(selfScore);
    this.other.candidateScores.push(otherScore);
    if (this.probe) {
      this.probe('self', 'level', f, selfActive);
      this.probe('other', 'level', f, otherActive);
    }
    this.self.rawScores.dropBefore(f - cfg.scoreSpan);
    this.other.rawScores.dropBefore(f - cfg.scoreSpan);
  }

  /**
   * The shape rule on the other party's frame f (frames up to `last` have arrived): whether a
   * sound of theirs there may count, by the spread of their band SNRs nearby (`shapeReach`).
   */
  private otherShapeCounts(f: number, last: number): boolean {
    const cfg = this.config;
    if (cfg.shapeReach <= 0 || this.other.rises.at(f) < cfg.shapeMinRiseDb) return true;
    return this.other.unevenNear(f, cfg.shapeReach, last, this.farEnd.judging ? cfg.farEndShapeMinDb : cfg.shapeMinDb);
  }

  /**
   * The talker gate on a party's frame f, which the rules before it let count or not (`talk`):
   * a talk frame is noted as theirs and counts only near a frame loud enough to be their voice.
   */
  private talkerAllows(ch: Channel, f: number, talk: boolean, last: number): boolean {
    const gate = ch.talker;
    // The voice's level is measured whether the gate is on or not: the edge judge reads it too.
    const level = ch.levels.at(f);
    gate.tick(level);
    const hindsight = ch === this.self ? this.selfHindsight : this.otherHindsight;
    if (!talk) {
      hindsight.note(f, false, false, NaN, NaN);
      return false;
    }
    gate.note(level);
    if (!gate.on) return true;
    const loudest = ch.loudestNear(f, this.config.talkerGateReach, this.config.talkerGateAhead, last);
    if (hindsight.waiting && hindsight.note(f, true, gate.judging, loudest, gate.threshold)) this.rebuildMetrics();
    return gate.allows(loudest);
  }

  /** One settled frame of both parties, the edge judge's decisions, into the metrics (less what hindsight took back). */
  private pushDecisions(self: boolean, other: boolean): void {
    const f = this.metrics.frames;
    if (this.probe) {
      this.probe('self', 'judged', f, self);
      this.probe('other', 'judged', f, other);
    }
    const log = this.judgedLog;
    if (log && f < log.length) log[f] = (self ? 1 : 0) | (other ? 2 : 0);
    this.metrics.push(self && !this.selfHindsight.takenBack(f), other && !this.otherHindsight.takenBack(f));
  }

  /** Builds the metrics again from the logged decisions, once hindsight has taken back talk among the frames already in them. */
  private rebuildMetrics(): void {
    const log = this.judgedLog;
    const frames = this.metrics.frames;
    if (!log || frames === 0) return;
    this.metrics = new ConversationMetrics(this.config);
    for (let f = 0; f < frames; f++) this.pushDecisions((log[f]! & 1) !== 0, (log[f]! & 2) !== 0);
  }

  /**
   * Whether candidate frame f of a block the model vetoed belongs to a run of the level stage's
   * that goes on, without a gap, into a kept frame of the block before or after it, at most
   * `vetoEdgeRunFrames` from that edge: a word's tail or onset that a block boundary left in a
   * block of pause. Blocks up to `decidedEnd` are decided.
   */
  private edgeOfKept(ch: Channel, f: number, decidedEnd: number): boolean {
    const cap = this.config.vetoEdgeRunFrames;
    if (cap <= 0 || ch.unvetoed.at(f) !== 1) return false;
    const B = this.config.vetoBlockFrames;
    const start = Math.floor(f / B) * B;
    const end = start + B;
    if (f - start < cap && start > 0 && start - 1 >= ch.candidates.base && ch.candidates.at(start - 1) === 1) {
      let g = f;
      while (g > start && ch.unvetoed.at(g - 1) === 1) g--;
      if (g === start) return true;
    }
    if (end - 1 - f < cap && end < decidedEnd && ch.candidates.at(end) === 1) {
      let g = f;
      while (g < end - 1 && ch.unvetoed.at(g + 1) === 1) g++;
      if (g === end - 1) return true;
    }
    return false;
  }

  /** Moves vetoed blocks through bridging into the metrics. */
  private settle(final: boolean): void {
    const cfg = this.config;
    const B = cfg.vetoBlockFrames;
    for (const ch of [this.self, this.other]) {
      const decidedEnd = Math.min(ch.nextBlock * B, ch.candidates.end);
      // A vetoed block's edge runs are kept only once the block after it is decided too.
      const handEnd = final || cfg.vetoEdgeRunFrames <= 0 ? decidedEnd : Math.min(decidedEnd, (ch.nextBlock - 1) * B);
      for (let i = ch.bridged; i < handEnd; i++) {
        // A loud room hides a voice's soft syllables: the pauses left between its loud ones are longer.
        const noisy = cfg.noisyBridgeFrames > 0 && ch.headrooms.at(i) < cfg.noisyBridgeHeadroomDb;
        ch.bridger.bridgeFrames = noisy ? cfg.noisyBridgeFrames : cfg.bridgeFrames;
        const kept = ch.candidates.at(i) === 1 || this.edgeOfKept(ch, i, decidedEnd);
        this.probe?.(ch === this.self ? 'self' : 'other', 'veto', i, kept);
        ch.bridger.push(kept);
      }
      ch.headrooms.dropBefore(Math.min(ch.headrooms.end, handEnd));
      ch.bridged = Math.max(ch.bridged, handEnd);
      if (final) ch.bridger.finish();
    }
    const s = this.self.decisions;
    const o = this.other.decisions;
    // The cross-talk and near-vowel rules look up to `reach` frames either side of a frame: settle
    // only frames whose neighbours have arrived, and keep those behind. The largest configured
    // reach, whether a rule is on or not, so that one switched on mid-call (the tap reports a
    // suppressor) finds its frames still held; the far end's only when it judges this call (it is
    // told at the start).
    const reach = Math.max(
      cfg.crossTalkVoicedReach,
      cfg.processedVoicedReach,
      cfg.talkVoicedReach,
      this.farEnd.reach,
      cfg.shapeReach,
      cfg.talkerGateDb > 0 ? Math.max(cfg.talkerGateReach, cfg.talkerGateAhead) : 0,
    );
    const last = this.framesIn - 1;
    const end = Math.min(s.end, o.end, final ? Infinity : last + 1 - reach);
    for (let f = this.ruled; f < end; f++) this.rule(f, s.at(f) === 1 && !this.mute.isMuted(f), o.at(f) === 1, last);
    this.ruled = Math.max(this.ruled, end);
    // The judge reads the model's P of the block after a frame's too: judge a frame only once that
    // block is decided (it nearly always is by then), so that a call fed in the worklet's batches
    // is judged as one fed whole.
    const byModel = final ? Infinity : (Math.min(this.self.nextBlock, this.other.nextBlock) - 1) * B - this.metrics.frames;
    const judged = Math.max(0, Math.min(this.selfJudge.ready(final), this.otherJudge.ready(final), byModel));
    for (let i = 0; i < judged; i++) this.pushDecisions(this.selfJudge.judge(), this.otherJudge.judge());
    // Once neither party's hindsight can take back talk any more, the log has done its work.
    if (!this.selfHindsight.waiting && !this.otherHindsight.waiting) this.judgedLog = null;
    s.dropBefore(end);
    o.dropBefore(end);
    this.mute.settledUpTo(end);
    const settled = this.ruled;
    for (const ch of [this.self, this.other]) {
      // Model windows reach back half a window before the next block.
      const keepFrom = ch.nextBlock * B - WINDOW_FRAMES;
      ch.dbRows.dropBefore(Math.max(0, Math.min(keepFrom, settled - reach)));
      // The frame before the next one to bridge tells whether a vetoed block's first run goes on from a kept one.
      const candidatesFrom = Math.max(0, Math.min(keepFrom, ch.bridged - 1));
      ch.candidates.dropBefore(candidatesFrom);
      ch.unvetoed.dropBefore(candidatesFrom);
      ch.candidateScores.dropBefore(candidatesFrom);
      ch.forgetVoicingBefore(Math.max(0, settled - reach));
      ch.spreads.dropBefore(Math.max(0, settled - reach));
      ch.rises.dropBefore(Math.max(0, settled - reach));
      ch.levels.dropBefore(Math.max(0, settled - reach));
      // The edge judge reads the model's P of a frame's block and of the ones either side.
      ch.blockProbabilities.dropBefore(Math.max(0, Math.min(ch.blockProbabilities.end, Math.floor(this.metrics.frames / B) - 1)));
    }
  }

  /**
   * The rules on both parties' bridged frame f (`bridgedSelf`, `bridgedOther`; frames up to
   * `last` have arrived): near-vowel, cross-talk, far end, shape, then the talker gate; the result
   * goes to the edge judges.
   */
  private rule(f: number, bridgedSelf: boolean, bridgedOther: boolean, last: number): void {
    const cfg = this.config;
    const probe = this.probe;
    if (probe) {
      probe('self', 'bridged', f, bridgedSelf);
      probe('other', 'bridged', f, bridgedOther);
    }
    const suppressed = this.selfSuppressed;
    let self = suppressed
      ? this.selfVowels.counts(f, bridgedSelf, cfg.processedVoicedReach, cfg.processedMinVoicedShare, last)
      : this.selfVowels.counts(f, bridgedSelf, cfg.talkVoicedReach, cfg.talkMinVoicedShare, last);
    let other = this.crossTalk.otherCounts(f, self, bridgedOther, last);
    other = this.otherVowels.counts(f, other, cfg.talkVoicedReach, cfg.talkMinVoicedShare, last);
    this.farEnd.note(f, bridgedOther);
    other = this.farEnd.counts(f, other, last);
    if (cfg.shapeReach > 0 && self && this.self.rises.at(f) >= cfg.shapeMinRiseDb)
      self = this.self.unevenNear(f, cfg.shapeReach, last, suppressed ? cfg.processedShapeMinDb : cfg.shapeMinDb);
    if (other) other = this.otherShapeCounts(f, last);
    if (probe) {
      probe('self', 'rules', f, self);
      probe('other', 'rules', f, other);
    }
    self = this.talkerAllows(this.self, f, self, last);
    other = this.talkerAllows(this.other, f, other, last);
    if (probe) {
      probe('self', 'gate', f, self);
      probe('other', 'gate', f, other);
    }
    this.selfJudge.decision(self, this.self.talker.reference, this.self.talker.room);
    this.otherJudge.decision(other, this.other.talker.reference, this.other.talker.room);
  }

  /**
   * Frame entries the engine holds right now (queues and per-channel windows): bounded by the
   * model window and the decision look-ahead, not by the call's length.
   */
  get retainedFrames(): number {
    const judges = this.selfJudge.size + this.otherJudge.size;
    const hindsight = this.selfHindsight.size + this.otherHindsight.size + (this.judgedLog?.length ?? 0);
    const queues = this.selfQueue.length + this.otherQueue.length;
    return queues + this.self.retainedFrames + this.other.retainedFrames + judges + hindsight;
  }

  /**
   * The first frame whose values the engine may still read: the arrays behind earlier frames
   * (e.g. a block handed to `process`) are free for their owner to reuse.
   */
  get oldestHeldFrame(): number {
    return Math.min(this.self.dbRows.base, this.other.dbRows.base);
  }

  /** Model windows evaluated so far (cost accounting). */
  get modelWindowsUsed(): number {
    return this.veto.windowsUsed;
  }

  /** Totals and conversation metrics over every settled frame. */
  snapshot(): TalkStats {
    return this.metrics.stats();
  }

  /** Talk in the last `windowMs` of settled audio ("last 5 minutes"). */
  recent(windowMs: number): { selfMs: number; otherMs: number; selfShare: number | null } {
    return this.metrics.recent(windowMs);
  }

  /** Who talks in the latest settled frame. */
  currentSpeaker(): Speaker {
    return this.metrics.currentSpeaker();
  }

  /** Talk segments in ms, sorted and non-overlapping per party; frame f spans [(f+0.5)·hop, (f+1.5)·hop). */
  segments(): Record<Party, [number, number][]> {
    return { self: this.metrics.segmentsMs('self'), other: this.metrics.segmentsMs('other') };
  }

  /** Settled frames so far. */
  get settledFrames(): number {
    return this.metrics.frames;
  }
}

export { FRAMINGS, type FramingFrames, Framings, meanStats } from './framings';
