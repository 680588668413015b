import { BINS, LOWEST_DB, binOf, quantile } from './talker-level';

/** Recompute the quantiles every this many frames. */
const REFRESH_FRAMES = 8;

/**
 * How far a channel's loud frames stand over its room (`noisyBridgeHeadroomDb`): the `hi`
 * quantile of every frame's level less the `lo` quantile, older frames weighing less (a
 * half-life of `halfLifeFrames`), known after `minFrames` frames with a level. It reads levels
 * only, no decision, so a frame's value does not depend on how the audio was batched. On the
 * training split's calls: 60–66 dB clean, with echo or through a telephone channel; 39–49 with
 * noise 30 dB under the speech, 22–35 with noise 15 dB under it (steady, drifting, or people
 * talking), 14–20 with noise 5 dB under it (`.cache/diag/headroom.ts` measured the talker gate's
 * reference less its room, which this follows).
 */
export class Headroom {
  private readonly bins = new Float64Array(BINS);
  private total = 0;
  private weight = 1;
  private frames = 0;
  private readonly grow: number;
  /** The headroom, dB (NaN: not yet known). */
  db = NaN;

  constructor(
    halfLifeFrames: number,
    private readonly lo = 0.2,
    private readonly hi = 0.98,
    private readonly minFrames = 200,
  ) {
    this.grow = Math.pow(2, 1 / halfLifeFrames);
  }

  /** Takes one frame's level (dB); returns the headroom as of that frame. */
  push(levelDb: number): number {
    this.weight *= this.grow;
    if (this.weight > 1e100) {
      const k = 1 / this.weight;
      for (let i = 0; i < BINS; i++) this.bins[i]! *= k;
      this.total *= k;
      this.weight = 1;
    }
    if (Number.isFinite(levelDb) && levelDb > LOWEST_DB) {
      this.bins[binOf(levelDb)]! += this.weight;
      this.total += this.weight;
      if (++this.frames >= this.minFrames && this.frames % REFRESH_FRAMES === 0)
        this.db = quantile(this.bins, this.total * this.hi) - quantile(this.bins, this.total * this.lo);
    }
    return this.db;
  }
}
