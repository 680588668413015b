import type { Channel } from './channel';
import type { TalkTimeConfig } from './config';
import { VoicedShare } from './voiced-share';

/**
 * The processed-microphone rule (see `processedVoicedReach`): while the user's microphone goes
 * through the browser's voice processing, a frame of the user's counts only with a vowel of
 * theirs nearby, unless their talk is seldom voiced at all (`processedMinVoicedShare`).
 */
export class ProcessedVoiceRule {
  /** The microphone goes through the browser's voice processing. */
  on = false;
  private readonly voiced = new VoicedShare();

  constructor(
    private readonly cfg: Pick<TalkTimeConfig, 'processedVoicedReach' | 'processedMinVoicedShare'>,
    private readonly self: Channel,
  ) {}

  /** Frames past a frame the rule looks at (0: off). */
  get reach(): number {
    return this.on ? this.cfg.processedVoicedReach : 0;
  }

  /** Whether the user's frame f counts, given its settled decision; frames up to `last` have arrived. Called once per frame, in order. */
  selfCounts(f: number, self: boolean, last: number): boolean {
    const reach = this.reach;
    if (reach <= 0 || !self) return self;
    const share = this.voiced.share;
    this.voiced.note(() => this.self.isVoiced(f));
    if (share !== null && share < this.cfg.processedMinVoicedShare) return true;
    return this.self.voicedNear(f, reach, last);
  }
}
