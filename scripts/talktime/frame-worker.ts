/**
 * A channel's feature extraction in a worker thread, so the analyzer uses both cores: the frame
 * extractor is most of its work, and the two channels are independent until the engine pairs
 * them. Each channel gets a worker, handed the WAV file's path and checked layout as soon as its
 * header is read (or, for a file read whole, its bytes, moved): it reads and decodes the samples a
 * push at a time and runs the same FrameExtractor over the same pushes as
 * analyzeCall would on the main thread (pipeline.ts `pushSeconds`), so the frames — and the
 * analysis — are bit for bit the ones of a single-threaded run (unit test). Meanwhile the main
 * thread loads the speech model and runs the engine on the frames as they come, chunk by chunk.
 * Frames are made packed (FrameBlock) and travel back as they are, one transfer a chunk.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { Worker, isMainThread, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { type FrameBlock, FramingExtractors, frameBlock } from '../../lib/talktime/features';
import { compiledKernel } from '../../lib/talktime/features/kernel';
import { FRAMINGS } from '../../lib/talktime/engine/framings';
import { ENGINE_CHUNK_SECONDS, type ChannelFeed, FEED_SECONDS, type SampleSource, framesIn, pushSeconds } from './pipeline';
import { type WavLayout, decodeSamples } from './wav';

/** A chunk's frames: chunk k of framing j (0: the first; j: j/FRAMINGS of a hop later, lib/talktime/engine/framings.ts). */
type Packed = FrameBlock & { k: number; j: number };
/** A channel's samples: the WAV file's bytes, or its path (its samples are then read a part at a time). */
export type WavSource = { bytes: Uint8Array } | { path: string };
type Job = WavSource & { layout: WavLayout };

/** True in a frame worker: the script's bundle was started as one (it then only extracts frames). */
export const inFrameWorker = !isMainThread && (workerData as { rapportFrameWorker?: boolean } | null)?.rapportFrameWorker === true;

/** The worker's side: waits for its channel's WAV file (bytes or path), then extracts every chunk and posts each as soon as it is done. */
export function serveFrames(): void {
  parentPort!.once('message', (job: Job) => {
    const { layout } = job;
    const { sampleRate, frames: total } = layout;
    // Every framing on one resampling: framing j's frames j/FRAMINGS of a hop later (FramingExtractors).
    const xs = new FramingExtractors(sampleRate, FRAMINGS, { kernel: compiledKernel() });
    const seconds = total / sampleRate;
    // Read and decoded a push at a time into small buffers: the same samples, without holding
    // the call whole (a 20-minute channel is 77 MB of float32), and still in cache when framed.
    const buffer = new Float32Array(Math.ceil(FEED_SECONDS * sampleRate) + 2);
    const fd = 'path' in job ? openSync(job.path, 'r') : -1;
    const samples: SampleSource = 'bytes' in job ? fromBytes(job.bytes, layout, buffer) : fromFile(fd, job.path, layout, buffer);
    // Blocks the main thread sent back once the engine was done with them, to fill again.
    const free: Packed[] = [];
    for (let t = 0, k = 0; t < seconds; t += ENGINE_CHUNK_SECONDS, k++) {
      for (let m = receiveMessageOnPort(parentPort!); m; m = receiveMessageOnPort(parentPort!)) free.push(m.message as Packed);
      const blocks = Array.from({ length: FRAMINGS }, (_, j) => {
        const packed: Packed = free.pop() ?? { ...frameBlock(framesIn(ENGINE_CHUNK_SECONDS)), k, j };
        packed.k = k;
        packed.j = j;
        packed.count = 0;
        return packed;
      });
      // The pushes analyzeCall makes on the main thread, every framing's frames at once.
      pushSeconds(xs, samples, sampleRate, t, t + ENGINE_CHUNK_SECONDS, blocks);
      for (const packed of blocks) {
        parentPort!.postMessage(packed, [
          packed.db.buffer as ArrayBuffer,
          packed.level.buffer as ArrayBuffer,
          packed.bands.buffer as ArrayBuffer,
        ]);
      }
    }
    if (fd >= 0) closeSync(fd);
  });
}

/** Samples of a WAV file held in memory. */
function fromBytes(bytes: Uint8Array, layout: WavLayout, buffer: Float32Array): SampleSource {
  return (from, to) => {
    const end = Math.min(to, layout.frames);
    const start = Math.min(from, end);
    return decodeSamples(bytes, layout, start, end, buffer.subarray(0, end - start));
  };
}

/** Samples of a WAV file read from disk as they are asked for: the bytes of [from, to) only, decoded as decodeSamples would decode them in the whole file. */
function fromFile(fd: number, path: string, layout: WavLayout, buffer: Float32Array): SampleSource {
  const frameBytes = layout.channels * (layout.bits / 8);
  let bytes = Buffer.allocUnsafeSlow(buffer.length * frameBytes);
  const part: WavLayout = { ...layout, dataOffset: 0 };
  return (from, to) => {
    const end = Math.min(to, layout.frames);
    const start = Math.min(from, end);
    const n = (end - start) * frameBytes;
    if (n > bytes.length) bytes = Buffer.allocUnsafeSlow(n);
    let got = 0;
    while (got < n) {
      const r = readSync(fd, bytes, got, n - got, layout.dataOffset + start * frameBytes + got);
      if (r === 0) throw new Error(`${path}: the file changed while it was read`);
      got += r;
    }
    return decodeSamples(bytes, part, 0, end - start, buffer.subarray(0, end - start));
  };
}

/** A worker on `script` (the running script's own bundle), started now, waiting for its channel. */
export class FrameWorker {
  private readonly worker: Worker;

  constructor(script: string) {
    this.worker = new Worker(script, { workerData: { rapportFrameWorker: true } });
  }

  /**
   * Hands the worker a checked WAV file (its bytes, moved: unusable after; or its path, which the
   * worker reads) and gives its frames chunk by chunk.
   */
  channel(source: WavSource, layout: WavLayout): ChannelFeed & { more: ChannelFeed[] } {
    const { worker } = this;
    if ('bytes' in source) {
      // The file's bytes move to the worker when they are a buffer of their own (a large file's are).
      const { bytes } = source;
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
      const job: Job = { bytes: own ? bytes : bytes.slice(), layout };
      worker.postMessage(job, [job.bytes.buffer as ArrayBuffer]);
    } else worker.postMessage({ path: source.path, layout } satisfies Job);
    /** Chunks that came before they were asked for, and the askers waiting, by `k/j`. */
    const ready = new Map<string, Packed>();
    const waiting = new Map<string, (p: Packed) => void>();
    let failure: Error | null = null;
    /** Chunks of each framing taken; the worker is ended once all have taken the last. */
    const taken = new Array<number>(FRAMINGS).fill(0);
    const fail = (e: Error) => {
      failure = e;
      for (const resolve of waiting.values()) resolve(null as unknown as Packed);
    };
    worker.on('message', (p: Packed) => {
      const key = `${p.k}/${p.j}`;
      const w = waiting.get(key);
      if (w) {
        waiting.delete(key);
        w(p);
      } else ready.set(key, p);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`frame worker exited with ${code}`));
    });
    const seconds = layout.frames / layout.sampleRate;
    const chunks = Math.ceil(seconds / ENGINE_CHUNK_SECONDS);
    const done = () => taken.every((n) => n >= chunks);
    const feed = (j: number): ChannelFeed => ({
      seconds,
      frames: async (from) => {
        const k = Math.round(from / ENGINE_CHUNK_SECONDS);
        if (k >= chunks) return frameBlock(0);
        const key = `${k}/${j}`;
        const p =
          ready.get(key) ??
          (await new Promise<Packed>((resolve) => (failure ? resolve(null as unknown as Packed) : waiting.set(key, resolve))));
        ready.delete(key);
        if (failure) throw failure;
        taken[j] = Math.max(taken[j]!, k + 1);
        if (done()) void worker.terminate();
        return p;
      },
      recycle: (block) => {
        if (!done() && block.level.length > 0)
          worker.postMessage(block, [block.db.buffer as ArrayBuffer, block.level.buffer as ArrayBuffer, block.bands.buffer as ArrayBuffer]);
      },
    });
    return { ...feed(0), more: Array.from({ length: FRAMINGS - 1 }, (_, j) => feed(j + 1)) };
  }

  /** Ends a worker that was given no channel. */
  stop(): void {
    void this.worker.terminate();
  }
}
