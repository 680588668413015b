import type { Channel } from './channel';
import { TalkShare } from './talk-share';

/**
 * The near-vowel rule of one party (see `talkVoicedReach` and `processedVoicedReach`): a frame
 * of theirs counts as talk only with a vowel of theirs within `reach` frames, unless their talk
 * is seldom voiced at all (fewer than `minShare` of their recent talk frames). It never adds talk.
 */
export class NearVowelRule {
  private readonly voiced = new TalkShare();

  constructor(private readonly channel: Channel) {}

  /**
   * Whether the party's frame f counts, given its settled decision `talk`; `reach` 0 is the rule
   * off. Frames up to `last` have arrived. Called once per frame, in order.
   */
  counts(f: number, talk: boolean, reach: number, minShare: number, last: number): boolean {
    if (reach <= 0 || !talk) return talk;
    const share = this.voiced.share;
    this.voiced.note(() => this.channel.isVoiced(f));
    if (share !== null && share < minShare) return true;
    return this.channel.voicedNear(f, reach, last);
  }
}
