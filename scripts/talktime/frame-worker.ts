/**
 * The other channel's feature extraction in a worker thread, so the analyzer uses two cores: the
 * frame extractor is ≈ three quarters of its work, and the two channels are independent until the
 * engine pairs them. The worker runs the same FrameExtractor over the same pushes as the main
 * thread would (same chunks, same 1 s feeds), so the frames — and the analysis — are bit for bit
 * the ones of a single-threaded run (unit test). Frames travel back packed, one transfer a chunk.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { FrameExtractor, NUM_BANDS, NUM_BINS, type Frame } from '../../lib/talktime/features';
import { compiledKernel } from '../../lib/talktime/features/kernel';
import { ENGINE_CHUNK_SECONDS, FEED_SECONDS, type Channel, type FrameFeed } from './pipeline';

type Packed = { k: number; first: number; count: number; db: Float32Array; level: Float64Array; bands: Float32Array; hasLevels: boolean };

/** True in a frame worker: the script's bundle was started as one (it then only extracts frames). */
export const inFrameWorker = !isMainThread && (workerData as { rapportFrameWorker?: boolean } | null)?.rapportFrameWorker === true;

/** The worker's side: extracts every chunk of the channel it was given and posts each as soon as it is done. */
export function serveFrames(): void {
  const { samples, sampleRate } = workerData as { samples: Float32Array; sampleRate: number };
  const x = new FrameExtractor(sampleRate, { kernel: compiledKernel() });
  const seconds = samples.length / sampleRate;
  for (let t = 0, k = 0; t < seconds; t += ENGINE_CHUNK_SECONDS, k++) {
    const frames: Frame[] = [];
    // Exactly the pushes analyzeCall makes on the main thread (pipeline.ts).
    for (let s = t; s < t + ENGINE_CHUNK_SECONDS; s += FEED_SECONDS) {
      const end = Math.min(s + FEED_SECONDS, t + ENGINE_CHUNK_SECONDS);
      for (const f of x.push(samples.subarray(Math.round(s * sampleRate), Math.round(end * sampleRate)))) frames.push(f);
    }
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
}

/**
 * Starts a worker on `script` (the running script's own bundle) extracting `channel`, and gives
 * its frames chunk by chunk as the analyzer asks for them. The worker is ended after the last.
 */
export function framesInWorker(script: string, channel: Channel): FrameFeed {
  const samples = channel.samples.slice();
  const worker = new Worker(script, {
    workerData: { rapportFrameWorker: true, samples, sampleRate: channel.sampleRate },
    transferList: [samples.buffer],
  });
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
  const chunks = Math.ceil(channel.samples.length / channel.sampleRate / ENGINE_CHUNK_SECONDS);
  return async (from) => {
    const k = Math.round(from / ENGINE_CHUNK_SECONDS);
    if (k >= chunks) return [];
    const p =
      ready.get(k) ?? (await new Promise<Packed>((resolve) => (failure ? resolve(null as unknown as Packed) : waiting.set(k, resolve))));
    ready.delete(k);
    if (failure) throw failure;
    if (k === chunks - 1) void worker.terminate();
    return Array.from({ length: p.count }, (_, i) => ({
      index: p.first + i,
      db: p.db.subarray(i * NUM_BINS, (i + 1) * NUM_BINS),
      ...(p.hasLevels ? { level: p.level[i]!, bands: p.bands.subarray(i * NUM_BANDS, (i + 1) * NUM_BANDS) } : {}),
    }));
  };
}
