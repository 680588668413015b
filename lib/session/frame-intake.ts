import { CoverageMeter } from '../capture/coverage';
import type { BatchFrames } from '../capture/worklet';
import { maxDb, type ChannelMonitor } from '../capture/health';
import { decodeFrames } from '../capture/tab-capture-codec';
import { TabFramePairer, type FramePair } from '../capture/tab-capture-queue';
import { FRAME_BANDS, FRAME_BINS } from '../messaging/frames';
import type { FramingFrames } from '../talktime/engine/framings';
import type { Frame, FrameBlock } from '../talktime/features';

/**
 * Frames from the page are rate-limited with a token bucket: real time is ≈ 43 frames a second;
 * bursts after a busy main thread are let through, a page flooding forged frames is not.
 */
export const FRAME_BUCKET = { capacity: 600, refillPerSecond: 65 };
/** A silent frame as the extractor makes it from digital silence. */
const SILENT_FRAME = new Float32Array(FRAME_BINS).fill(-Infinity);

/** Tab capture (offscreen document) as the companion reports it to the side panel. */
export type TabCaptureState = { state: 'off' | 'listening' | 'failed'; error: string | null };

/**
 * Where admitted frames go: both channels, aligned, with consecutive indexes from 0 (as frames, or
 * packed blocks); `more` the same frames on each later framing when the tap sent them.
 */
export type FrameSink = (
  self: readonly Frame[] | FrameBlock,
  other: readonly Frame[] | FrameBlock,
  more?: readonly FramingFrames[],
) => void;

/** Each frame's level and band levels as the tap's extractor computed them (a tap batch's optional part): the microphone's, then the other party's. */
export interface TapLevels {
  levels: Float64Array;
  bands: Float32Array;
}

type Bucket = { tokens: number; at: number };

/**
 * One live session's frame intake in the call page: the tap's batches (untrusted: the page can
 * post the same) and the tab capture's (from the extension, for sites whose remote party only the
 * tab's audio carries). It rate-limits and de-duplicates batches, counts coverage, pairs the
 * microphone with the tab's audio while tab capture listens, feeds the channel monitors and hands
 * aligned frames to the sink. A new session gets a new intake, so nothing carries over.
 */
export class FrameIntake {
  /** Where this session's audio went: heard, dropped, or never rendered. */
  readonly coverage = new CoverageMeter();
  /** Measurement paused by the user: frames are counted as paused, not heard. */
  paused: boolean;
  private tab: TabCaptureState = { state: 'off', error: null };
  /** The capture said it stopped: late frames in flight must not switch it back on. */
  private tabStopped = false;
  private pairer = new TabFramePairer(SILENT_FRAME);
  private readonly tapBucket: Bucket;
  private readonly tabBucket: Bucket;
  /** Index the tap's next batch should start at (replays and forgeries start earlier). */
  private tapIndex = 0;
  /** Index the tab capture's next batch should start at. */
  private tabIndex = 0;
  /** Index of the next frame the sink gets. */
  private nextIndex = 0;
  private readonly now: () => number;

  constructor(
    private readonly sink: FrameSink,
    private readonly monitors: { self: ChannelMonitor; other: ChannelMonitor },
    options: { paused?: boolean; now?: () => number } = {},
  ) {
    this.paused = options.paused ?? false;
    this.now = options.now ?? Date.now;
    const at = this.now();
    this.tapBucket = { tokens: FRAME_BUCKET.capacity, at };
    this.tabBucket = { tokens: FRAME_BUCKET.capacity, at };
  }

  /** Tab capture's state, for the side panel. */
  get tabCapture(): TabCaptureState {
    return this.tab;
  }

  /** Frames handed to the sink so far. */
  get framesOut(): number {
    return this.nextIndex;
  }

  /**
   * A batch from the page tap: `count` frames of each channel, back to back, with their levels
   * when the tap sent them (then the batch goes on as two blocks, without a copy or an object per
   * frame; an older tap's rows get their levels computed from the dB values by the engine), and
   * with the later framings' when it sent them (the meter's later engines get them).
   */
  tapFrames(
    startIndex: number,
    count: number,
    self: Float32Array,
    other: Float32Array,
    levels?: TapLevels,
    more?: readonly BatchFrames[],
  ): void {
    this.coverage.arrived(count, this.now());
    if (this.paused) return this.coverage.paused(count);
    // A page flooding frames gets nothing counted; replayed or forged indexes neither.
    if (!this.admit(this.tapBucket, count) || startIndex < this.tapIndex) return this.coverage.dropped(count);
    this.coverage.heard(count);
    this.tapIndex = startIndex + count;
    if (this.tab.state === 'listening') {
      // The tab's audio is the other party now; the tap's remote channel would count it twice.
      this.emit(this.pairer.pushSelf(split(self, count)));
      return;
    }
    if (levels) {
      const { levels: level, bands } = levels;
      const b = count * FRAME_BANDS;
      const first = this.nextIndex;
      this.emitBlocks(
        { first, count, db: self, level: level.subarray(0, count), bands: bands.subarray(0, b) },
        { first, count, db: other, level: level.subarray(count), bands: bands.subarray(b) },
        more?.map((f) => ({
          self: { first, count, db: f.self, level: f.levels.subarray(0, count), bands: f.bands.subarray(0, b) },
          other: { first, count, db: f.other, level: f.levels.subarray(count), bands: f.bands.subarray(b) },
        })),
      );
      return;
    }
    const otherFrames = split(other, count);
    this.emit(split(self, count).map((s, i) => ({ self: s, other: otherFrames[i]! })));
  }

  /** A batch of the other party's frames from tab capture (base64 float32, as runtime messaging carries it). */
  tabFrames(startIndex: number, count: number, base64: string): void {
    // After a reload of this page the offscreen document is still capturing the tab: its frames
    // (only the extension can send them, for this session) mean it listens.
    if (this.tab.state === 'off' && !this.tabStopped) this.tabState('listening', null);
    if (this.paused || this.tab.state !== 'listening') return;
    if (!this.admit(this.tabBucket, count)) return;
    if (startIndex < this.tabIndex) return; // replayed
    const values = decodeFrames(base64, count);
    if (!values) return;
    this.tabIndex = startIndex + count;
    this.emit(this.pairer.pushOther(split(values, count)));
  }

  /** Tab capture started, stopped or failed. */
  tabState(state: 'listening' | 'stopped' | 'failed', error: string | null): void {
    this.tabStopped = state !== 'listening';
    if (state === 'listening') {
      this.tab = { state: 'listening', error: null };
      this.tabIndex = 0;
      this.pairer = new TabFramePairer(SILENT_FRAME);
      return;
    }
    this.emit(this.pairer.flush());
    this.tab = { state: state === 'failed' ? 'failed' : 'off', error };
  }

  /** Takes `count` frames off the token bucket; false when a sender floods. */
  private admit(b: Bucket, count: number): boolean {
    const t = this.now();
    b.tokens = Math.min(FRAME_BUCKET.capacity, b.tokens + ((t - b.at) / 1000) * FRAME_BUCKET.refillPerSecond);
    b.at = t;
    if (b.tokens < count) return false;
    b.tokens -= count;
    return true;
  }

  private emit(pairs: FramePair[]): void {
    if (pairs.length === 0) return;
    const now = this.now();
    const selfFrames: Frame[] = [];
    const otherFrames: Frame[] = [];
    for (const p of pairs) {
      this.monitors.self.frame(maxDb(p.self), now);
      this.monitors.other.frame(maxDb(p.other), now);
      selfFrames.push({ index: this.nextIndex, db: p.self });
      otherFrames.push({ index: this.nextIndex, db: p.other });
      this.nextIndex++;
    }
    this.sink(selfFrames, otherFrames);
  }

  /** Two aligned blocks of the same frames (starting at `nextIndex`). */
  private emitBlocks(self: FrameBlock, other: FrameBlock, more?: readonly { self: FrameBlock; other: FrameBlock }[]): void {
    const now = this.now();
    for (let i = 0; i < self.count; i++) {
      this.monitors.self.frame(maxDb(self.db, i * FRAME_BINS, (i + 1) * FRAME_BINS), now);
      this.monitors.other.frame(maxDb(other.db, i * FRAME_BINS, (i + 1) * FRAME_BINS), now);
    }
    this.nextIndex += self.count;
    this.sink(self, other, more);
  }
}

/** A batch's rows as views (the batch's array is this script's own and nothing writes to it). */
function split(values: Float32Array, count: number): Float32Array[] {
  return Array.from({ length: count }, (_, i) => values.subarray(i * FRAME_BINS, (i + 1) * FRAME_BINS));
}
