/**
 * Offline analysis of a two-channel call with exactly the calls the live path makes:
 * FrameExtractor per channel → TalkTimeEngine.process → finish → snapshot/segments.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TalkStats } from '../../lib/schema/talk';
import type { SpeechDetector } from '../../lib/talktime/detector';
import { type TalkTimeConfig, TalkTimeEngine } from '../../lib/talktime/engine';
import { FEATURE_SAMPLE_RATE, FrameExtractor } from '../../lib/talktime/features';
import { type ModelJson, type SpeechModelMetadata, loadSpeechDetector } from '../../lib/talktime/model';

export interface Channel {
  samples: Float32Array;
  sampleRate: number;
}

export interface AnalysisResult {
  stats: TalkStats;
  segments: { self: [number, number][]; other: [number, number][] };
  /** Per-frame final decisions (1 = talking), for scoring. */
  frames?: { self: Uint8Array; other: Uint8Array };
}

/** Seconds of input per processing chunk. */
const CHUNK_SECONDS = 10;

export async function analyzeCall(
  self: Channel,
  other: Channel,
  options: { detector?: SpeechDetector; config?: Partial<TalkTimeConfig> } = {},
): Promise<AnalysisResult> {
  const engine = new TalkTimeEngine(options);
  const xs = new FrameExtractor(self.sampleRate);
  const xo = new FrameExtractor(other.sampleRate);
  const seconds = Math.max(self.samples.length / self.sampleRate, other.samples.length / other.sampleRate);
  for (let t = 0; t < seconds; t += CHUNK_SECONDS) {
    const cut = (c: Channel) => c.samples.subarray(Math.round(t * c.sampleRate), Math.round((t + CHUNK_SECONDS) * c.sampleRate));
    await engine.process(xs.push(cut(self)), xo.push(cut(other)));
  }
  await engine.finish();
  return { stats: engine.snapshot(), segments: engine.segments() };
}

/** Frame decisions from segments (ms), on the engine's frame grid. */
export function framesFromSegments(segs: [number, number][], frameCount: number): Uint8Array {
  const hopMs = (1024 / FEATURE_SAMPLE_RATE) * 1000;
  const out = new Uint8Array(frameCount);
  for (const [a, b] of segs) {
    const from = Math.max(0, Math.round(a / hopMs - 0.5));
    const to = Math.min(frameCount, Math.round(b / hopMs - 0.5));
    for (let f = from; f < to; f++) out[f] = 1;
  }
  return out;
}

/** Default location of the shipped model. */
export const MODEL_DIR = join(import.meta.dirname, '..', '..', 'public', 'model');

/** Loads public/model (model.json, its weight files, metadata.json) as a speech detector. */
export async function loadModelFromDir(dir = MODEL_DIR): Promise<SpeechDetector> {
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as ModelJson;
  const parts = await Promise.all(json.weightsManifest.flatMap((g) => g.paths).map((p) => readFile(join(dir, p))));
  const total = parts.reduce((n, b) => n + b.length, 0);
  const weights = new Uint8Array(total);
  let o = 0;
  for (const b of parts) {
    weights.set(b, o);
    o += b.length;
  }
  const metadata = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8')) as SpeechModelMetadata;
  // tfjs greets Node users and speech-commands uses a deprecated tfjs call; neither is news
  // to someone running the analyzer, so those two notices are dropped while loading.
  const quiet = /TensorFlow\.js in Node\.js|tfjs-node|fromMemory\(\) with only one argument|^=+$|^\s*$/;
  const warn = console.warn;
  const log = console.log;
  const filter =
    (to: (...a: unknown[]) => void) =>
    (...a: unknown[]) => {
      if (!quiet.test(String(a[0] ?? '').trim())) to(...a);
    };
  console.warn = filter(warn);
  console.log = filter(log);
  try {
    const tf = await import('@tensorflow/tfjs');
    // Node has no WebGL: pick the CPU backend before speech-commands touches tfjs.
    await tf.setBackend('cpu');
    return await loadSpeechDetector(json, weights.buffer, metadata);
  } finally {
    console.warn = warn;
    console.log = log;
  }
}
