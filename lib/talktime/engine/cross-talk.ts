import type { Channel } from './channel';
import type { TalkTimeConfig } from './config';
import { TalkShare } from './talk-share';

/**
 * The cross-talk rule (see `crossTalkVoicedReach`): while the user talks with a vowel nearby, a
 * frame of the other party's counts only with a vowel of theirs nearby, unless their talk is
 * seldom voiced at all (`crossTalkMinVoicedShare`). The user's channel has the echo rule; the
 * other's had nothing against their room's noise swelling next to their words.
 */
export class CrossTalkRule {
  private readonly voiced = new TalkShare();

  constructor(
    private readonly cfg: Pick<TalkTimeConfig, 'crossTalkVoicedReach' | 'crossTalkMinVoicedShare'>,
    private readonly self: Channel,
    private readonly other: Channel,
  ) {}

  /** Share of the other party's recent talk frames that are voiced; null until ≈ 2 s of it was seen. */
  get otherVoicedShare(): number | null {
    return this.voiced.share;
  }

  /**
   * Whether the other party's frame f counts, given both parties' settled decisions for it;
   * frames up to `last` have arrived (their dB rows held from f − reach). Called once per frame, in order.
   */
  otherCounts(f: number, self: boolean, other: boolean, last: number): boolean {
    const reach = this.cfg.crossTalkVoicedReach;
    if (reach <= 0 || !other) return other;
    const share = this.otherVoicedShare;
    this.voiced.note(() => this.other.isVoiced(f));
    if (!self || (share !== null && share < this.cfg.crossTalkMinVoicedShare)) return true;
    return this.other.voicedNear(f, reach, last) || !this.self.voicedNear(f, reach, last);
  }
}
