import { type Frame, type FrameBlock, NUM_BANDS, NUM_BINS, withLevels } from '../features';

/**
 * One channel's frames waiting for the other channel's frames of the same time, in order: as
 * Frame objects (the live tap) or packed blocks (the offline analyzer), taken one at a time
 * without copying. `take` moves to the next frame and points `db`, `level` and `bands` (at
 * `bandsAt`) at its values until the next `take`; `db` stays valid for as long as it is kept.
 */
export class FrameQueue {
  /** Frames waiting. */
  length = 0;
  db: Float32Array = new Float32Array(0);
  level = 0;
  bands: Float32Array = new Float32Array(0);
  bandsAt = 0;
  private readonly parts: (readonly Required<Frame>[] | FrameBlock)[] = [];
  /** Frames of parts[0] already taken. */
  private pos = 0;

  /** Queues frames (a block must not change after this: its rows are kept as views). */
  push(frames: readonly Frame[] | FrameBlock): void {
    const n = isBlock(frames) ? frames.count : frames.length;
    if (n === 0) return;
    // Levels a producer left out are filled in as the frames arrive (withLevels).
    this.parts.push(isBlock(frames) ? frames : frames.map(withLevels));
    this.length += n;
  }

  /** Moves to the next frame (there must be one). */
  take(): void {
    const part = this.parts[0]!;
    const i = this.pos;
    if (isBlock(part)) {
      this.db = part.db.subarray(i * NUM_BINS, (i + 1) * NUM_BINS);
      this.level = part.level[i]!;
      this.bands = part.bands;
      this.bandsAt = i * NUM_BANDS;
    } else {
      const f = part[i]!;
      this.db = f.db;
      this.level = f.level;
      this.bands = f.bands;
      this.bandsAt = 0;
    }
    this.length--;
    if (++this.pos === (isBlock(part) ? part.count : part.length)) {
      this.parts.shift();
      this.pos = 0;
    }
  }
}

function isBlock<T>(x: readonly T[] | FrameBlock): x is FrameBlock {
  return !Array.isArray(x);
}
