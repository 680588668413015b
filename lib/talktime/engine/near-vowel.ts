import type { Channel } from './channel';
import { TalkShare } from './talk-share';

/**
 * The near-vowel rule of one party (see `talkVoicedReach` and `processedVoicedReach`): a frame
 * of theirs counts as talk only with a vowel of theirs within `reach` frames, unless their talk
 * is seldom voiced at all (fewer than `minShare` of their recent talk frames clear of the floor).
 * It never adds talk.
 */
export class NearVowelRule {
  /**
   * Of the party's talk frames that stand `clearRiseDb` over their floor, the share voiced: their
   * voice, not what else was taken for their talk. A suppressor's leftovers of a drifting room
   * are seldom voiced and stand a few dB over the floor; counted in the share, the more of them
   * there were the lower it fell, until the rule stood aside for them (as the far end's rule
   * learnt, far-end.ts). A voice's loud frames are its vowels, where the measure can find them.
   */
  private readonly voiced = new TalkShare();

  constructor(
    private readonly channel: Channel,
    private readonly clearRiseDb: number,
  ) {}

  /**
   * Whether the party's frame f counts, given its settled decision `talk`; `reach` 0 is the rule
   * off. Frames up to `last` have arrived. Called once per frame, in order.
   */
  counts(f: number, talk: boolean, reach: number, minShare: number, last: number): boolean {
    if (reach <= 0 || !talk) return talk;
    const share = this.voiced.share;
    if (this.channel.rises.at(f) >= this.clearRiseDb) this.voiced.note(() => this.channel.isVoiced(f));
    if (share !== null && share < minShare) return true;
    return this.channel.voicedNear(f, reach, last);
  }
}
