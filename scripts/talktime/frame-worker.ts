/**
 * A channel's feature extraction in a worker thread, so the analyzer uses both cores: the frame
 * extractor is most of its work, and the two channels are independent until the engine pairs
 * them. Each channel gets a worker, handed the WAV file's bytes (moved, not copied) as soon as
 * they are read: it decodes them a chunk at a time and runs the same FrameExtractor over the same pushes as
 * analyzeCall would on the main thread (pipeline.ts `pushSeconds`), so the frames — and the
 * analysis — are bit for bit the ones of a single-threaded run (unit test). Meanwhile the main
 * thread loads the speech model and runs the engine on the frames as they come, chunk by chunk.
 * Frames travel back packed, one transfer a chunk.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { FrameExtractor, NUM_BANDS, NUM_BINS, type Frame } from '../../lib/talktime/features';
import { compiledKernel } from '../../lib/talktime/features/kernel';
import { ENGINE_CHUNK_SECONDS, type ChannelFeed, pushSeconds } from './pipeline';
import { type WavLayout, decodeSamples } from './wav';

type Packed = { k: number; first: number; count: number; db: Float32Array; level: Float64Array; bands: Float32Array; hasLevels: boolean };
type Job = { bytes: Uint8Array; layout: WavLayout };

/** True in a frame worker: the script's bundle was started as one (it then only extracts frames). */
export const inFrameWorker = !isMainThread && (workerData as { rapportFrameWorker?: boolean } | null)?.rapportFrameWorker === true;

/** The worker's side: waits for its channel's WAV bytes, then extracts every chunk and posts each as soon as it is done. */
export function serveFrames(): void {
  parentPort!.once('message', ({ bytes, layout }: Job) => {
    const { sampleRate, frames: total } = layout;
    const x = new FrameExtractor(sampleRate, { kernel: compiledKernel() });
    const seconds = total / sampleRate;
    // Decoded a chunk at a time into one buffer: the same samples, without holding the whole call
    // decoded (a 20-minute channel is 77 MB of float32 that the allocator would have to fault in).
    const buffer = new Float32Array(Math.round(ENGINE_CHUNK_SECONDS * sampleRate) + 1);
    for (let t = 0, k = 0; t < seconds; t += ENGINE_CHUNK_SECONDS, k++) {
      const from = Math.round(t * sampleRate);
      const to = Math.min(total, Math.round((t + ENGINE_CHUNK_SECONDS) * sampleRate));
      const samples = decodeSamples(bytes, layout, from, to, buffer.subarray(0, to - from));
      const frames: Frame[] = [];
      pushSeconds(x, { samples, sampleRate }, t, t + ENGINE_CHUNK_SECONDS, frames, from);
      const n = frames.length;
      const packed: Packed = {
        k,
        first: n ? frames[0]!.index : 0,
        count: n,
        db: new Float32Array(n * NUM_BINS),
        level: new Float64Array(n),
        bands: new Float32Array(n * NUM_BANDS),
        hasLevels: n > 0 && frames[0]!.level !== undefined && frames[0]!.bands !== undefined,
      };
      frames.forEach((f, i) => {
        if (f.index !== packed.first + i) throw new Error('frame worker: frames out of order');
        packed.db.set(f.db, i * NUM_BINS);
        if (packed.hasLevels) {
          packed.level[i] = f.level!;
          packed.bands.set(f.bands!, i * NUM_BANDS);
        }
      });
      parentPort!.postMessage(packed, [
        packed.db.buffer as ArrayBuffer,
        packed.level.buffer as ArrayBuffer,
        packed.bands.buffer as ArrayBuffer,
      ]);
    }
  });
}

/** A worker on `script` (the running script's own bundle), started now, waiting for its channel. */
export class FrameWorker {
  private readonly worker: Worker;

  constructor(script: string) {
    this.worker = new Worker(script, { workerData: { rapportFrameWorker: true } });
  }

  /** Hands the worker a checked WAV file's bytes (moved: `bytes` is unusable after) and gives its frames chunk by chunk. */
  channel(bytes: Uint8Array, layout: WavLayout): ChannelFeed {
    const { worker } = this;
    // The file's bytes move to the worker when they are a buffer of their own (a large file's are).
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    const job: Job = { bytes: own ? bytes : bytes.slice(), layout };
    worker.postMessage(job, [job.bytes.buffer as ArrayBuffer]);
    const ready = new Map<number, Packed>();
    const waiting = new Map<number, (p: Packed) => void>();
    let failure: Error | null = null;
    const fail = (e: Error) => {
      failure = e;
      for (const resolve of waiting.values()) resolve(null as unknown as Packed);
    };
    worker.on('message', (p: Packed) => {
      const w = waiting.get(p.k);
      if (w) {
        waiting.delete(p.k);
        w(p);
      } else ready.set(p.k, p);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`frame worker exited with ${code}`));
    });
    const seconds = layout.frames / layout.sampleRate;
    const chunks = Math.ceil(seconds / ENGINE_CHUNK_SECONDS);
    return {
      seconds,
      frames: async (from) => {
        const k = Math.round(from / ENGINE_CHUNK_SECONDS);
        if (k >= chunks) return [];
        const p =
          ready.get(k) ??
          (await new Promise<Packed>((resolve) => (failure ? resolve(null as unknown as Packed) : waiting.set(k, resolve))));
        ready.delete(k);
        if (failure) throw failure;
        if (k === chunks - 1) void worker.terminate();
        return Array.from({ length: p.count }, (_, i) => ({
          index: p.first + i,
          db: p.db.subarray(i * NUM_BINS, (i + 1) * NUM_BINS),
          ...(p.hasLevels ? { level: p.level[i]!, bands: p.bands.subarray(i * NUM_BANDS, (i + 1) * NUM_BANDS) } : {}),
        }));
      },
    };
  }

  /** Ends a worker that was given no channel. */
  stop(): void {
    void this.worker.terminate();
  }
}
