import { AgingLevelHistogram, LOWEST_DB } from './talker-level';

/** Recompute the headroom every this many frames with a level (a quantile costs O(bins)). */
const REFRESH_FRAMES = 8;
/** No headroom before this many frames with a level. */
const MIN_FRAMES = 200;
/** The room's quantile of every frame's level, and the loud frames'. */
const ROOM_QUANTILE = 0.2;
const LOUD_QUANTILE = 0.98;

/**
 * How far a channel's loud frames stand over its room (`noisyBridgeHeadroomDb`): the 98th
 * percentile of every frame's level less the 20th, older frames weighing less (a half-life of
 * `halfLifeFrames`), known after 200 frames with a level. It reads levels only, no decision, so
 * a frame's value does not depend on how the audio was batched. On the training split's calls:
 * 60–66 dB clean, with echo or through a telephone channel; 39–49 with noise 30 dB under the
 * speech, 22–35 with noise 15 dB under it (steady, drifting, or people talking), 14–20 with noise
 * 5 dB under it (`.cache/diag/headroom.ts` measured the talker gate's reference less its room,
 * which this follows).
 */
export class Headroom {
  private readonly levels: AgingLevelHistogram;
  private frames = 0;
  /** The headroom, dB (NaN: not yet known). */
  db = NaN;

  constructor(halfLifeFrames: number) {
    this.levels = new AgingLevelHistogram(halfLifeFrames);
  }

  /** Takes one frame's level (dB); returns the headroom as of that frame. */
  push(levelDb: number): number {
    this.levels.age();
    if (Number.isFinite(levelDb) && levelDb > LOWEST_DB) {
      this.levels.add(levelDb);
      if (++this.frames >= MIN_FRAMES && this.frames % REFRESH_FRAMES === 0)
        this.db = this.levels.quantile(LOUD_QUANTILE) - this.levels.quantile(ROOM_QUANTILE);
    }
    return this.db;
  }
}
