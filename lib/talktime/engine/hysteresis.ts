import type { TalkTimeConfig } from './config';

/**
 * On/off decision of one channel from its smoothed score: on at `onScore`, kept on down to
 * `offScore`. A run that has had fewer than `shortRunFrames` frames at the on-threshold (a
 * click, a knock) is held by the off-threshold for at most `shortHoldFrames` after its last one.
 */
export class Hysteresis {
  active = false;
  /** Frames of the current run at the on-threshold … */
  private framesAtOn = 0;
  /** … and frames since the latest of them. */
  private sinceOn = 0;

  constructor(private readonly cfg: Pick<TalkTimeConfig, 'onScore' | 'offScore' | 'shortRunFrames' | 'shortHoldFrames'>) {}

  update(score: number): boolean {
    const { cfg } = this;
    if (score >= cfg.onScore) {
      if (!this.active) this.framesAtOn = 0;
      this.active = true;
      this.framesAtOn++;
      this.sinceOn = 0;
    } else if (this.active) {
      this.sinceOn++;
      this.active = score >= cfg.offScore && (this.framesAtOn >= cfg.shortRunFrames || this.sinceOn <= cfg.shortHoldFrames);
    }
    return this.active;
  }
}
