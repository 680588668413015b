import type { Channel } from './channel';
import type { TalkTimeConfig } from './config';
import { TalkShare } from './talk-share';

type FarEndConfig = Pick<TalkTimeConfig, 'farEndVoicedReach' | 'farEndMinVoicedShare' | 'farEndClearRiseDb' | 'farEndMinClearShare'>;

/**
 * The far end's rule (see `farEndVoicedReach`): the other party's sound as their browser's noise
 * suppressor sends it counts only near a vowel of theirs, while their talk stands clear of their
 * noise floor and the voicing measure finds their vowels. Where their talk does not stand clear
 * (a loud room sent raw), vowels hide in the noise; where their clear talk is seldom voiced (a
 * whisper, a voice outside the measure's pitch range), vowels cannot judge them. It never adds talk.
 */
export class FarEndRule {
  /** Whether the rule judges the party's latest frame noted. */
  judging = false;
  /**
   * Share of the party's recent voiced talk frames clear of the floor: their voice, not what
   * else was taken for their talk (a suppressor's leftovers are seldom voiced, and would lower
   * the share the more of them there were, until the rule stood aside for them) …
   */
  private readonly clearWhenVoiced = new TalkShare(1, 5);
  /** … and of their clear talk frames, the share voiced (the same reason: not of all their talk). */
  private readonly voicedWhenClear = new TalkShare();

  /** The frames either side of a frame the rule looks at (0: the rule is off). */
  readonly reach: number;

  /** `received`: the party's channel is what a call received from their browser (see `TalkTimeOptions.otherReceived`). */
  constructor(
    private readonly cfg: FarEndConfig,
    private readonly channel: Channel,
    received: boolean,
  ) {
    this.reach = received ? Math.max(0, cfg.farEndVoicedReach) : 0;
  }

  /**
   * Notes the party's settled decision for frame f (its rise and dB row still held) and decides
   * whether the rule judges them from this frame on. Called once per frame, in order.
   */
  note(f: number, talk: boolean): void {
    const { cfg, channel } = this;
    if (this.reach === 0) return;
    if (talk) {
      const clear = channel.rises.at(f) >= cfg.farEndClearRiseDb;
      const voiced = channel.isVoiced(f);
      if (voiced) this.clearWhenVoiced.note(() => clear);
      if (clear) this.voicedWhenClear.note(() => voiced);
    }
    // Judged until their talk has shown otherwise, as the user's processed microphone is.
    this.judging =
      (this.clearWhenVoiced.share ?? 1) >= cfg.farEndMinClearShare && (this.voicedWhenClear.share ?? 1) >= cfg.farEndMinVoicedShare;
  }

  /** Whether the party's frame f counts, given its decision so far; frames up to `last` have arrived. */
  counts(f: number, talk: boolean, last: number): boolean {
    return talk && (!this.judging || this.channel.voicedNear(f, this.reach, last));
  }
}
