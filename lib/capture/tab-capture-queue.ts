import { FRAME_MS } from '../talktime/features';

/** How far the two channels may drift apart before frames are padded or dropped (≈ 0.5 s). */
export const MAX_LAG_FRAMES = Math.round(500 / FRAME_MS);

/** Frame values of one frame (FRAME_BINS dB). */
export type FrameValues = Float32Array;

/** One aligned pair for the talk-time engine. */
export type FramePair = { self: FrameValues; other: FrameValues };

/**
 * Pairs the page tap's microphone frames with the other party's frames from tab capture. The two
 * arrive on different clocks and paths (the call page's AudioContext; the offscreen document's,
 * through the background), in batches of ≈ 190 ms, so each side waits in a queue for the other:
 *
 * - both sides present: paired in arrival order;
 * - tab frames late by more than MAX_LAG_FRAMES (capture stalled or stopped): the oldest
 *   microphone frames go on with silence as the other party, so the engine never falls behind;
 * - tab frames ahead by more than MAX_LAG_FRAMES (the tap stalled, or clocks drifted): the
 *   oldest tab frames are dropped, so the two stay within ≈ 0.5 s of each other.
 */
export class TabFramePairer {
  private selfQueue: FrameValues[] = [];
  private otherQueue: FrameValues[] = [];
  /** Frames of the other party dropped because they ran ahead (for tests and diagnostics). */
  dropped = 0;
  /** Microphone frames paired with silence because the other party's were missing. */
  padded = 0;

  constructor(private readonly silence: FrameValues) {}

  pushSelf(frames: FrameValues[]): FramePair[] {
    this.selfQueue.push(...frames);
    return this.drain();
  }

  pushOther(frames: FrameValues[]): FramePair[] {
    this.otherQueue.push(...frames);
    return this.drain();
  }

  /** Everything still waiting, the missing side padded with silence (capture stopped). */
  flush(): FramePair[] {
    const pairs = this.drain();
    for (const self of this.selfQueue) pairs.push({ self, other: this.silence });
    this.padded += this.selfQueue.length;
    this.selfQueue = [];
    this.otherQueue = [];
    return pairs;
  }

  /** Frames waiting on each side. */
  get waiting(): { self: number; other: number } {
    return { self: this.selfQueue.length, other: this.otherQueue.length };
  }

  private drain(): FramePair[] {
    const pairs: FramePair[] = [];
    const n = Math.min(this.selfQueue.length, this.otherQueue.length);
    for (let i = 0; i < n; i++) pairs.push({ self: this.selfQueue[i]!, other: this.otherQueue[i]! });
    this.selfQueue = this.selfQueue.slice(n);
    this.otherQueue = this.otherQueue.slice(n);
    const lateBy = this.selfQueue.length - MAX_LAG_FRAMES;
    if (lateBy > 0) {
      for (const self of this.selfQueue.splice(0, lateBy)) pairs.push({ self, other: this.silence });
      this.padded += lateBy;
    }
    const aheadBy = this.otherQueue.length - MAX_LAG_FRAMES;
    if (aheadBy > 0) {
      this.otherQueue.splice(0, aheadBy);
      this.dropped += aheadBy;
    }
    return pairs;
  }
}
