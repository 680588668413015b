import type { Channel } from './channel';
import type { TalkTimeConfig } from './config';

/** The voiced share samples one talk frame in this many (a voicing costs ≈ 4 µs). */
const SAMPLE_EVERY = 16;
/** Talk frames over which the share decays (≈ 30 s). */
const MEMORY_FRAMES = 1290;
/** Talk frames seen before the share is believed (≈ 2 s). */
const MIN_FRAMES = 80;

/**
 * The cross-talk rule (see `crossTalkVoicedReach`): while the user talks with a vowel nearby, a
 * frame of the other party's counts only with a vowel of theirs nearby, unless their talk is
 * seldom voiced at all (`crossTalkMinVoicedShare`). The user's channel has the echo rule; the
 * other's had nothing against their room's noise swelling next to their words.
 */
export class CrossTalkRule {
  /** Sampled talk frames of the other party, and how many were voiced (both decaying) … */
  private samples = 0;
  private voicedSamples = 0;
  /** … and their talk frames seen, sampled or not. */
  private seen = 0;

  constructor(
    private readonly cfg: Pick<TalkTimeConfig, 'crossTalkVoicedReach' | 'crossTalkMinVoicedShare'>,
    private readonly self: Channel,
    private readonly other: Channel,
  ) {}

  /** Frames past a frame the rule looks at (0: off). */
  get reach(): number {
    return this.cfg.crossTalkVoicedReach;
  }

  /** Share of the other party's recent talk frames that are voiced; null until ≈ 2 s of it was seen. */
  get otherVoicedShare(): number | null {
    return this.samples < MIN_FRAMES / SAMPLE_EVERY ? null : this.voicedSamples / this.samples;
  }

  /**
   * Whether the other party's frame f counts, given both parties' settled decisions for it;
   * frames up to `last` have arrived (their dB rows held from f − reach). Called once per frame, in order.
   */
  otherCounts(f: number, self: boolean, other: boolean, last: number): boolean {
    const reach = this.cfg.crossTalkVoicedReach;
    if (reach <= 0 || !other) return other;
    const share = this.otherVoicedShare;
    if (this.seen++ % SAMPLE_EVERY === 0) {
      const keep = 1 - SAMPLE_EVERY / MEMORY_FRAMES;
      this.samples = this.samples * keep + 1;
      this.voicedSamples = this.voicedSamples * keep + (this.other.isVoiced(f) ? 1 : 0);
    }
    if (!self || (share !== null && share < this.cfg.crossTalkMinVoicedShare)) return true;
    return this.other.voicedNear(f, reach, last) || !this.self.voicedNear(f, reach, last);
  }
}
