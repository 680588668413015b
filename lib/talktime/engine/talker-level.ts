import type { TalkTimeConfig } from './config';

type TalkerConfig = Pick<
  TalkTimeConfig,
  | 'talkerGateDb'
  | 'talkerGateReach'
  | 'talkerQuantile'
  | 'talkerHalfLifeFrames'
  | 'talkerMinFrames'
  | 'talkerRoomQuantile'
  | 'talkerRoomWithinDb'
>;

export const LOWEST_DB = -120;
const BIN_DB = 0.5;
const BINS = Math.ceil(-LOWEST_DB / BIN_DB) + 1;
/** Recompute the reference level every this many talk frames (a quantile costs O(bins)). */
const REFRESH_FRAMES = 8;

/**
 * The talker gate of one party (`talkerGateDb`): how loud this party's own talk is, and whether
 * a frame is loud enough to be theirs. People talking at a distance behind a party — a café, an
 * open office — stand over the room's noise floor as the party's words do, and a speech model
 * hears them as speech; what tells them apart is that they are far quieter than the voice at the
 * microphone. The reference is a high quantile (`talkerQuantile`) of the levels of the frames the
 * rules let count as this party's talk, with older frames weighing less (`talkerHalfLifeFrames`
 * of audio): long enough that a listener's voice outlasts minutes of other people's talk, which
 * comes in here too, so a voice that turns more than the gate's depth softer is followed only
 * after minutes of its talk (a move from the microphone by a few dB is within the gate). A talk
 * frame counts only with a frame at most `depthDb` (`talkerGateDb`; behind the browser's voice
 * processing `processedTalkerGateDb` / `otherTalkerGateDb`) under the reference at most
 * `talkerGateReach` frames before it or `talkerGateAhead` after it (a word's soft end and short
 * pauses trail its loud part; its start rises to it within a few frames), and only while the
 * room is within `talkerRoomWithinDb` of the voice. Until `talkerMinFrames` of talk are heard
 * there is no reference and the gate stands aside. It never adds talk.
 */
export class TalkerGate {
  /** Levels of the frames the rules let count as talk. */
  private readonly talk: AgingLevelHistogram;
  /** Talk frames noted. */
  private noted = 0;
  private sinceRefresh = 0;
  /** The reference level, dB (NaN: not yet known). */
  reference = NaN;
  /** Every frame's level (the room and the talk alike). */
  private readonly all: AgingLevelHistogram;
  private roomFrames = 0;
  /** The room's level, dB: the `talkerRoomQuantile` of every frame's level (NaN: not yet known). */
  room = NaN;

  /** How far under the reference the loudest neighbour may lie (dB): `talkerGateDb`, `processedTalkerGateDb` on a suppressed microphone, `otherTalkerGateDb` on the other party. */
  depthDb: number;

  constructor(private readonly cfg: TalkerConfig) {
    this.depthDb = cfg.talkerGateDb;
    this.talk = new AgingLevelHistogram(cfg.talkerHalfLifeFrames);
    this.all = new AgingLevelHistogram(cfg.talkerHalfLifeFrames);
  }

  /** Whether the gate judges at all. */
  get on(): boolean {
    return this.cfg.talkerGateDb > 0;
  }

  /** Lets one frame's time pass (every frame, talk or not: the weights age with the audio); `levelDb` its level. */
  tick(levelDb: number): void {
    this.talk.age();
    this.all.age();
    if (Number.isFinite(levelDb) && levelDb > LOWEST_DB) {
      this.all.add(levelDb);
      if (++this.roomFrames % REFRESH_FRAMES === 0 || Number.isNaN(this.room)) this.room = this.all.quantile(this.cfg.talkerRoomQuantile);
    }
  }

  /** Notes the level (dB) of a frame the rules let count as this party's talk. */
  note(levelDb: number): void {
    if (!Number.isFinite(levelDb)) return;
    this.talk.add(levelDb);
    this.noted++;
    if (++this.sinceRefresh >= REFRESH_FRAMES || Number.isNaN(this.reference)) this.refresh();
  }

  /** Whether the gate judges talk frames now (false: it stands aside and lets every one count). */
  get judging(): boolean {
    const { cfg, reference } = this;
    if (cfg.talkerGateDb <= 0 || this.noted < cfg.talkerMinFrames || Number.isNaN(reference)) return false;
    // In a quiet room nothing but the party is loud enough to be taken for their talk.
    return !(cfg.talkerRoomWithinDb > 0 && !(this.room >= reference - cfg.talkerRoomWithinDb));
  }

  /** The level (dB) a talk frame's loudest neighbour within reach must reach while the gate judges. */
  get threshold(): number {
    return this.reference - this.depthDb;
  }

  /** Whether a talk frame whose loudest neighbour within reach is `nearbyMaxDb` may count. */
  allows(nearbyMaxDb: number): boolean {
    return !this.judging || nearbyMaxDb >= this.threshold;
  }

  private refresh(): void {
    this.sinceRefresh = 0;
    this.reference = this.talk.quantile(this.cfg.talkerQuantile);
  }
}

/**
 * A weighted histogram of frame levels in 0.5-dB bins from −120 dB whose older entries weigh
 * less: the weight of the next entry grows by 2^(1/half-life) each frame (`age`), rather than
 * every bin shrinking, and the bins are scaled down now and then (the ratios are what count).
 */
export class AgingLevelHistogram {
  private readonly bins = new Float64Array(BINS);
  private total = 0;
  private weight = 1;
  private readonly grow: number;

  /** `halfLifeFrames` ≤ 0: no forgetting. */
  constructor(halfLifeFrames: number) {
    this.grow = halfLifeFrames > 0 ? Math.pow(2, 1 / halfLifeFrames) : 1;
  }

  /** Lets one frame's time pass. */
  age(): void {
    if (this.grow === 1) return;
    this.weight *= this.grow;
    if (this.weight > 1e100) {
      const k = 1 / this.weight;
      for (let i = 0; i < BINS; i++) this.bins[i]! *= k;
      this.total *= k;
      this.weight = 1;
    }
  }

  /** Adds a level (dB) at the current weight. */
  add(levelDb: number): void {
    this.bins[binOf(levelDb)]! += this.weight;
    this.total += this.weight;
  }

  /** The level (dB) below which `share` of the weight lies (NaN: empty). */
  quantile(share: number): number {
    return quantile(this.bins, this.total * share);
  }
}

function binOf(levelDb: number): number {
  return Math.max(0, Math.min(BINS - 1, Math.round((levelDb - LOWEST_DB) / BIN_DB)));
}

/** The level (dB) below which `want` of a histogram's weight lies. */
function quantile(bins: Float64Array, want: number): number {
  let acc = 0;
  for (let i = 0; i < BINS; i++) {
    acc += bins[i]!;
    if (acc >= want) return LOWEST_DB + i * BIN_DB;
  }
  return NaN;
}
