import { NUM_BANDS, NUM_BINS } from './recipe';

/**
 * Consecutive frames packed in three typed arrays instead of one object each, for moving many
 * at once (from a worker thread, into the engine): frame `first + i` has its dB row at
 * `db[i·NUM_BINS …]`, its level at `level[i]` and its band levels at `bands[i·NUM_BANDS …]` —
 * the values its Frame would hold. The arrays may be longer than `count` frames.
 */
export interface FrameBlock {
  /** Index of the first frame. */
  first: number;
  /** Frames held. */
  count: number;
  db: Float32Array;
  level: Float64Array;
  bands: Float32Array;
}

/** An empty block with room for `capacity` frames. */
export function frameBlock(capacity: number): FrameBlock {
  return {
    first: 0,
    count: 0,
    db: new Float32Array(capacity * NUM_BINS),
    level: new Float64Array(capacity),
    bands: new Float32Array(capacity * NUM_BANDS),
  };
}

/** Makes room for one more frame (doubling the arrays when they are full) and returns its slot. */
export function nextSlot(block: FrameBlock): number {
  const i = block.count;
  if (i === block.level.length) {
    const grown = frameBlock(Math.max(16, 2 * i));
    grown.db.set(block.db.subarray(0, i * NUM_BINS));
    grown.level.set(block.level.subarray(0, i));
    grown.bands.set(block.bands.subarray(0, i * NUM_BANDS));
    block.db = grown.db;
    block.level = grown.level;
    block.bands = grown.bands;
  }
  block.count = i + 1;
  return i;
}
