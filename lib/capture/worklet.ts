import { FRAMINGS } from '../talktime/engine/framings';
import { type FrameBlock, FramingExtractors, NUM_BANDS, NUM_BINS, frameBlock } from '../talktime/features';

/**
 * Frames per message from the worklet: ≈ 372 ms. Every message costs the call page's main thread
 * more than its bytes do (the tap relays it to the content script, and each script world that
 * listens to the window's messages, the site's too, decodes it), and the engine decides 1–2 s
 * behind the audio anyway.
 */
export const FRAMES_PER_BATCH = 16;

/**
 * One batch of both channels' frames: `self` and `other` hold `count` dB rows each, back to back;
 * `levels` each frame's level (the microphone's `count`, then the other party's) and `bands` its
 * band levels (the microphone's `count × NUM_BANDS`, then the other party's), as the extractor
 * computed them, so the content script need not recompute them from the dB rows.
 */
export type WorkletBatch = BatchFrames & {
  startIndex: number;
  count: number;
  /** The same stretch on each later framing, k/n of a hop after the first (lib/talktime/engine/framings.ts), laid out alike. */
  more?: BatchFrames[];
};

/** A batch's frames of one framing: dB rows, levels and band levels of both channels. */
export type BatchFrames = {
  self: Float32Array;
  other: Float32Array;
  levels: Float64Array;
  bands: Float32Array;
};

/**
 * Turns the two inputs of the tap's AudioWorkletNode (0: the microphone as the call sends it,
 * 1: the remote party) into aligned spectral frames with the talk-time engine's own extractor,
 * so live frames are computed exactly as the offline analyzer computes them. Both inputs share
 * one render clock, so frame i of each covers the same time.
 *
 * It runs on the page's real-time audio thread 172 times a second (375 at 48 kHz): the frames go
 * straight into packed blocks (no object, array or typed array per frame or per render quantum),
 * and only a batch's own arrays are allocated, once per batch, because they are transferred.
 */
export class FrameBatcher {
  /** Each input framed `framings` ways on one resampling (FramingExtractors); framing k's frames in blocks[k]. */
  private readonly self: FramingExtractors;
  private readonly other: FramingExtractors;
  private readonly selfBlocks: FrameBlock[];
  private readonly otherBlocks: FrameBlock[];
  private startIndex = 0;
  private readonly silence = new Float32Array(128);

  /** `framings`: 1 … FRAMINGS (FRAMINGS unless said; anything else is taken as the nearest of them). */
  constructor(sampleRate: number, options: { framings?: number } = {}) {
    // The JavaScript path, not the WebAssembly kernel (no `kernel` passed, and its bytes are not
    // in this bundle): compiling WebAssembly in a call page whose Content Security Policy forbids
    // it would file a violation report naming this worklet with the site, and the extension's own
    // pages forbid it too. The frames are the same bits either way (tests/talktime/kernel.test.ts).
    // A live call needs 86 frames a second per framing (344 with FRAMINGS = 4). In Chromium the tap's
    // context runs at the frames' own 22.05 kHz (lib/capture/page-tap.ts): nothing to resample here;
    // at a device's rate (Firefox) all framings of an input share one resampling.
    const asked = Math.round(Number(options.framings ?? FRAMINGS));
    const n = Number.isFinite(asked) ? Math.min(FRAMINGS, Math.max(1, asked)) : FRAMINGS;
    this.self = new FramingExtractors(sampleRate, n);
    this.other = new FramingExtractors(sampleRate, n);
    this.selfBlocks = Array.from({ length: n }, () => frameBlock(2 * FRAMES_PER_BATCH));
    this.otherBlocks = Array.from({ length: n }, () => frameBlock(2 * FRAMES_PER_BATCH));
  }

  /** Framings each batch carries. */
  get framings(): number {
    return this.self.count;
  }

  /** Whether the extractors run on the WebAssembly kernel (never, see the constructor). */
  get usesWasm(): boolean {
    return this.self.usesWasm || this.other.usesWasm;
  }

  /**
   * Adds one render quantum of each input (mono: the first channel; a missing input is silence)
   * and returns a batch once FRAMES_PER_BATCH frames of both channels are ready.
   */
  push(selfSamples: Float32Array | undefined, otherSamples: Float32Array | undefined): WorkletBatch | null {
    const n = selfSamples?.length ?? otherSamples?.length ?? 128;
    if (this.silence.length !== n) return null;
    this.self.pushInto(selfSamples ?? this.silence, this.selfBlocks);
    this.other.pushInto(otherSamples ?? this.silence, this.otherBlocks);
    const count = FRAMES_PER_BATCH;
    // A later framing's frame ends a fraction of a hop before framing 0's: it is never behind.
    // Indexed loops all the same: this runs 172–375 times a second on the audio thread.
    const { selfBlocks, otherBlocks } = this;
    for (let k = 0; k < selfBlocks.length; k++) if (selfBlocks[k]!.count < count || otherBlocks[k]!.count < count) return null;
    const batch: WorkletBatch = { startIndex: this.startIndex, count, ...this.take(0, count) };
    if (selfBlocks.length > 1) {
      const more: BatchFrames[] = [];
      for (let k = 1; k < selfBlocks.length; k++) more.push(this.take(k, count));
      batch.more = more;
    }
    this.startIndex += count;
    return batch;
  }

  /** Framing k's first `count` frames of both channels, in arrays of their own (transferred with the batch). */
  private take(k: number, count: number): BatchFrames {
    const levels = new Float64Array(2 * count);
    const bands = new Float32Array(2 * count * NUM_BANDS);
    return {
      self: takeFront(this.selfBlocks[k]!, count, levels.subarray(0, count), bands.subarray(0, count * NUM_BANDS)),
      other: takeFront(this.otherBlocks[k]!, count, levels.subarray(count), bands.subarray(count * NUM_BANDS)),
      levels,
      bands,
    };
  }
}

/**
 * Takes the block's first `count` frames out: their dB rows as an array of their own (returned),
 * their levels and band levels into `level` and `bands`; the frames after them move to the front.
 */
function takeFront(block: FrameBlock, count: number, level: Float64Array, bands: Float32Array): Float32Array {
  const db = block.db.slice(0, count * NUM_BINS);
  level.set(block.level.subarray(0, count));
  bands.set(block.bands.subarray(0, count * NUM_BANDS));
  block.db.copyWithin(0, count * NUM_BINS, block.count * NUM_BINS);
  block.level.copyWithin(0, count, block.count);
  block.bands.copyWithin(0, count * NUM_BANDS, block.count * NUM_BANDS);
  block.first += count;
  block.count -= count;
  return db;
}
