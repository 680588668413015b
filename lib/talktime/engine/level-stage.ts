import { NUM_BANDS } from '../features';
import type { TalkTimeConfig } from './config';
import { NoiseFloor, SteadySoundDetector } from './noise-floor';

/**
 * Level stage of one channel: how far a frame stands above the room's noise. Its raw score is
 * the mean of the `scoreBands` highest band SNRs over the tracked floor, each clamped to
 * `snrClampDb`, in dB.
 */
export class LevelStage {
  /** The latest frame's raw score, dB. */
  score = 0;
  /** The latest frame's spread of band SNRs, dB: their standard deviation across the bands, each floored at −3 dB (`shapeMinDb`). */
  spread = 0;
  /** … and the mean of those clamped band SNRs, dB: how far the frame as a whole stands over the floor. */
  rise = 0;
  /** dB taken off every band SNR (`snrBiasDb`; `processedSnrBiasDb` behind a noise suppressor). */
  biasDb: number;
  private readonly floor: NoiseFloor;
  private readonly steady: SteadySoundDetector | null;
  private readonly snrs = new Float64Array(NUM_BANDS);
  /**
   * Frames still to keep out of the floor after digital silence. A stream that starts (or
   * resumes after a muted sender) with zeros would otherwise teach the floor "−100 dB" and
   * count the room noise that follows as talk until the zeros leave the window (≈ 3 s). The
   * first two frames of a stream count as such too: a source that starts (a microphone
   * opening, a decoder's first packet) often fades in within them.
   */
  private framesToSkip = 2;

  constructor(private readonly cfg: TalkTimeConfig) {
    this.biasDb = cfg.snrBiasDb;
    this.floor = new NoiseFloor(cfg);
    this.steady = cfg.stationaryFrames > 0 ? new SteadySoundDetector(cfg) : null;
  }

  /**
   * Returns the frame's raw score; `bands` holds its band levels (dB) from `at`, `level` is its
   * level (dB), for telling steady noise from speech.
   */
  push(bands: Float32Array, level: number, at = 0): number {
    const { cfg, floor, snrs } = this;
    let loudest = -Infinity;
    for (let b = 0; b < NUM_BANDS; b++) if (bands[at + b]! > loudest) loudest = bands[at + b]!;
    // Digital silence and the frames whose window still holds part of it (a window spans two
    // hops) say nothing about the room's noise: they neither enter the floor nor the smoother.
    if (loudest < cfg.digitalSilenceDb) this.framesToSkip = 3;
    const learn = this.framesToSkip === 0;
    if (this.framesToSkip > 0) this.framesToSkip--;
    if (learn) floor.learn(bands, at);
    let sum = 0;
    let spreadSum = 0;
    let spreadSquares = 0;
    for (let b = 0; b < NUM_BANDS; b++) {
      const over = bands[at + b]! - floor.floorDb(b);
      const d = over < -3 ? -3 : over;
      spreadSum += d;
      spreadSquares += d * d;
      let snr = over - this.biasDb;
      if (snr < 0) snr = 0;
      else if (snr > cfg.snrClampDb) snr = cfg.snrClampDb;
      snrs[b] = snr;
      sum += snr;
    }
    if (cfg.scoreBands < NUM_BANDS) sum = sumOfLargest(snrs, cfg.scoreBands) * (NUM_BANDS / cfg.scoreBands);
    floor.endFrame();
    this.score = sum / NUM_BANDS;
    const mean = spreadSum / NUM_BANDS;
    this.rise = mean;
    this.spread = Math.sqrt(Math.max(0, spreadSquares / NUM_BANDS - mean * mean));
    if (learn && this.steady?.push(level, this.score)) floor.jumpToCurrent();
    return this.score;
  }
}

/** Sum of the n largest values (sorts `values` in place, descending: insertion sort of a few values). */
function sumOfLargest(values: Float64Array, n: number): number {
  for (let i = 1; i < values.length; i++) {
    const x = values[i]!;
    let j = i - 1;
    while (j >= 0 && values[j]! < x) {
      values[j + 1] = values[j]!;
      j--;
    }
    values[j + 1] = x;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  return sum;
}
