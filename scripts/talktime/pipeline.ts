/**
 * Offline analysis of a two-channel call with exactly the calls the live path makes:
 * FrameExtractor per channel → TalkTimeEngine.process → finish → snapshot/segments.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TalkStats } from '../../lib/schema/talk';
import type { SpeechDetector } from '../../lib/talktime/detector';
import { FRAMINGS, TalkTimeEngine, type TalkTimeOptions, meanStats } from '../../lib/talktime/engine';
import { FEATURE_SAMPLE_RATE, FRAME_HOP, type FrameBlock, FrameExtractor, frameBlock } from '../../lib/talktime/features';
import { compiledKernel } from '../../lib/talktime/features/kernel';
import { type TfBackend, useTfBackend } from './tf-backend';
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

/**
 * Seconds of input per call to the engine. The model scores the windows of one call in one
 * batch, and every batch has a fixed cost in tfjs, so fewer, larger batches are cheaper.
 */
export const ENGINE_CHUNK_SECONDS = 60;
/** Seconds of input per push into a frame extractor: small enough for its buffers to stay in cache. */
export const FEED_SECONDS = 1;

/** Frames of a channel for [from, to) seconds, packed, in order, chunk after chunk (e.g. made in a worker thread). */
export type FrameFeed = (from: number, to: number) => Promise<FrameBlock>;

/** A channel whose frames are made elsewhere (a worker thread): its length and its frames. */
export interface ChannelFeed {
  seconds: number;
  frames: FrameFeed;
  /** Takes back a block of this feed that the engine no longer reads, to fill it again (fresh memory costs page faults). */
  recycle?: (block: FrameBlock) => void;
}

/** Room for the frames of `seconds` of input (a block grows if it needs more). */
export const framesIn = (seconds: number) => Math.ceil((seconds * FEATURE_SAMPLE_RATE) / FRAME_HOP) + 2;

/** Samples [from, to) of a channel, cut short at its end: a view, valid until the next call. */
export type SampleSource = (from: number, to: number) => Float32Array;

/**
 * The frames of a channel at `sampleRate` for [from, to) seconds as analyzeCall makes them:
 * FEED_SECONDS pushes into one extractor (or a set of framings' extractors), packed into `out`.
 */
export function pushSeconds<Out>(
  x: { pushInto(samples: Float32Array, out: Out): void },
  samples: SampleSource,
  sampleRate: number,
  from: number,
  to: number,
  out: Out,
): void {
  for (let t = from; t < to; t += FEED_SECONDS) {
    const end = Math.min(t + FEED_SECONDS, to);
    x.pushInto(samples(Math.round(t * sampleRate), Math.round(end * sampleRate)), out);
  }
}

/** A channel's frames on framing `k` of `n` (lib/talktime/features `framingLag`; 0: the first framing). */
function feedOf(c: Channel | ChannelFeed, k = 0, n = 1): ChannelFeed {
  if ('frames' in c) return c;
  const x = new FrameExtractor(c.sampleRate, { kernel: compiledKernel(), framing: { k, of: n } });
  const samples: SampleSource = (from, to) => c.samples.subarray(from, to);
  const free: FrameBlock[] = [];
  return {
    seconds: c.samples.length / c.sampleRate,
    frames: async (from, to) => {
      const out = free.pop() ?? frameBlock(framesIn(to - from));
      out.count = 0;
      pushSeconds(x, samples, c.sampleRate, from, to, out);
      return out;
    },
    recycle: (block) => free.push(block),
  };
}

/** Options of analyzeCall: the engine's, and how many framings (`Framings`; FRAMINGS unless said). */
export type AnalyzeOptions = TalkTimeOptions & {
  /**
   * n framings a 1/n of a hop apart (FRAMINGS by default, as the live meter's:
   * lib/talktime/engine/framings.ts): the figures are their mean; segments, timeline and turn
   * metrics the first framing's. 1: the first framing alone. Channels given as frames (`ChannelFeed`s)
   * have their later framings only in `more`, and are measured on as many as it holds.
   */
  framings?: number;
  /** The later framings' frames of channels given as feeds, in order. */
  more?: readonly { self: ChannelFeed; other: ChannelFeed }[];
};

export async function analyzeCall(
  self: Channel | ChannelFeed,
  other: Channel | ChannelFeed,
  options: AnalyzeOptions = {},
): Promise<AnalysisResult> {
  const { framings = FRAMINGS, more, ...engineOptions } = options;
  const runs = [new EngineRun(feedOf(self), feedOf(other), engineOptions)];
  // The probes watch the first framing only: they report its frames.
  const { stageProbe: _s, edgeProbe: _e, ...rest } = engineOptions;
  for (let k = 1; k < framings; k++) {
    const s = 'frames' in self ? more?.[k - 1]?.self : feedOf(self, k, framings);
    const o = 'frames' in other ? more?.[k - 1]?.other : feedOf(other, k, framings);
    if (!s || !o) break;
    runs.push(new EngineRun(s, o, rest));
  }
  // Both framings chunk by chunk, side by side: a feed made in a worker thread sends both
  // framings' chunks in turn, and neither framing's chunks wait in memory for the other's engine.
  const seconds = Math.max(...runs.map((r) => r.seconds));
  for (let t = 0; t < seconds; t += ENGINE_CHUNK_SECONDS) for (const r of runs) await r.chunk(t);
  for (const r of runs) await r.engine.finish();
  const [first, ...later] = runs.map((r) => r.engine);
  const stats = meanStats(
    first!.snapshot(),
    later.map((e) => e.snapshot()),
  );
  return { stats, segments: first!.segments() };
}

/** One engine over two channels' frames, a chunk at a time. */
class EngineRun {
  readonly engine: TalkTimeEngine;
  readonly seconds: number;
  /** Blocks the engine may still read, with the feed each goes back to. */
  private readonly held: [ChannelFeed, FrameBlock][] = [];

  constructor(
    private readonly fs: ChannelFeed,
    private readonly fo: ChannelFeed,
    options: TalkTimeOptions,
  ) {
    this.engine = new TalkTimeEngine(options);
    this.seconds = Math.max(fs.seconds, fo.seconds);
  }

  /** The frames of [t, t + ENGINE_CHUNK_SECONDS) seconds through the engine. */
  async chunk(t: number): Promise<void> {
    const { fs, fo, engine, held } = this;
    const s = await fs.frames(t, t + ENGINE_CHUNK_SECONDS);
    const o = await fo.frames(t, t + ENGINE_CHUNK_SECONDS);
    await engine.process(s, o);
    held.push([fs, s], [fo, o]);
    // Blocks whose every frame lies before what the engine still reads go back to be refilled.
    const oldest = engine.oldestHeldFrame;
    for (let i = held.length - 1; i >= 0; i--) {
      const [feed, block] = held[i]!;
      if (block.first + block.count > oldest) continue;
      held.splice(i, 1);
      feed.recycle?.(block);
    }
  }
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
export async function loadModelFromDir(dir = MODEL_DIR, backend: TfBackend = 'wasm'): Promise<SpeechDetector> {
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
    return await loadSpeechDetector(json, weights.buffer, metadata, await useTfBackend(backend));
  } finally {
    console.warn = warn;
    console.log = log;
  }
}
