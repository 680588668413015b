import { FrameExtractor, NUM_BINS } from '../talktime/features';

/** Frames per message from the worklet: ≈ 186 ms, a good balance of latency and message count. */
export const FRAMES_PER_BATCH = 8;

export type WorkletBatch = { startIndex: number; count: number; self: Float32Array; other: Float32Array };

/**
 * Turns the two inputs of the tap's AudioWorkletNode (0: the microphone as the call sends it,
 * 1: the remote party) into aligned spectral frames with the talk-time engine's own extractor,
 * so live frames are computed exactly as the offline analyzer computes them. Both inputs share
 * one render clock, so frame i of each covers the same time.
 */
export class FrameBatcher {
  private readonly self: FrameExtractor;
  private readonly other: FrameExtractor;
  private selfBuf: Float32Array[] = [];
  private otherBuf: Float32Array[] = [];
  private startIndex = 0;
  private readonly silence = new Float32Array(128);

  constructor(sampleRate: number) {
    // The JavaScript path, not the WebAssembly kernel (no `kernel` passed, and its bytes are not
    // in this bundle): compiling WebAssembly in a call page whose Content Security Policy forbids
    // it would file a violation report naming this worklet with the site, and the extension's own
    // pages forbid it too. The frames are the same bits either way (tests/talktime/kernel.test.ts);
    // a live call needs 86 a second, ≈ 2 ms of CPU a second here on this path.
    this.self = new FrameExtractor(sampleRate);
    this.other = new FrameExtractor(sampleRate);
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
    for (const f of this.self.push(selfSamples ?? this.silence)) this.selfBuf.push(f.db);
    for (const f of this.other.push(otherSamples ?? this.silence)) this.otherBuf.push(f.db);
    if (this.selfBuf.length < FRAMES_PER_BATCH || this.otherBuf.length < FRAMES_PER_BATCH) return null;
    const count = FRAMES_PER_BATCH;
    const batch: WorkletBatch = {
      startIndex: this.startIndex,
      count,
      self: flatten(this.selfBuf.splice(0, count)),
      other: flatten(this.otherBuf.splice(0, count)),
    };
    this.startIndex += count;
    return batch;
  }
}

function flatten(frames: Float32Array[]): Float32Array {
  const out = new Float32Array(frames.length * NUM_BINS);
  frames.forEach((f, i) => out.set(f, i * NUM_BINS));
  return out;
}
