import type { Channel } from './channel';
import type { TalkTimeConfig } from './config';
import { TalkShare } from './talk-share';

/**
 * Whether the other party's talk stands clear of their noise floor (see `farEndVoicedReach`):
 * the share of their recent talk frames at least `farEndClearRiseDb` over the floor. Where it
 * does, their vowels show, and what comes without one is what their browser's noise suppressor
 * let through of their room; where it does not (a loud room sent as it is), vowels hide in the
 * noise and the party is not judged by them.
 */
export class FarEndClarity {
  private readonly clear = new TalkShare();

  constructor(
    private readonly cfg: Pick<TalkTimeConfig, 'farEndVoicedReach' | 'farEndClearRiseDb' | 'farEndMinClearShare'>,
    private readonly channel: Channel,
  ) {}

  /**
   * Notes the party's settled decision for frame f (its rise still held); returns whether the
   * far end's rule judges them from this frame on. Called once per frame, in order.
   */
  note(f: number, talk: boolean): boolean {
    const { cfg } = this;
    if (cfg.farEndVoicedReach <= 0) return false;
    if (talk) this.clear.note(() => this.channel.rises.at(f) >= cfg.farEndClearRiseDb);
    return (this.clear.share ?? 0) >= cfg.farEndMinClearShare;
  }
}
