/**
 * Offline talk-time analyzer.
 *   npm run --silent analyze -- --self self.wav --other other.wav [--json] [--no-model] [--model DIR]
 * Prints one JSON object with --json, a readable summary otherwise. Errors are one line on
 * stderr and a non-zero exit code. RAPPORT_ANALYZE_THREADS=1 keeps it on one thread;
 * RAPPORT_ANALYZE_TIMING=1 prints when each phase ended.
 */
import { existsSync, statSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { SpeechDetector } from '../../lib/talktime/detector';
import { FrameWorker, inFrameWorker, serveFrames } from './frame-worker';
import { type Channel, type ChannelFeed, MODEL_DIR, analyzeCall, loadModelFromDir } from './pipeline';
import { WavError, type WavLayout, decodeWav, wavLayout, wavLayoutOfHead } from './wav';

class UsageError extends Error {}

const USAGE = 'usage: npm run --silent analyze -- --self SELF.wav --other OTHER.wav [--json] [--no-model] [--model DIR] [--other-received]';

function parseArgs(argv: string[]) {
  const opts = { self: '', other: '', json: false, model: MODEL_DIR as string | null, otherReceived: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--self') opts.self = value();
    else if (a === '--other') opts.other = value();
    else if (a === '--json') opts.json = true;
    else if (a === '--no-model') opts.model = null;
    else if (a === '--model') opts.model = value();
    // The other party's file is what a call received from them (the live meter's channel), not a
    // recording at their microphone: the far end's rule judges it (`TalkTimeOptions.otherReceived`).
    else if (a === '--other-received') opts.otherReceived = true;
    else if (a === '--help' || a === '-h') opts.help = true;
    else throw new UsageError(`unknown argument ${a}`);
  }
  if (!opts.help && (!opts.self || !opts.other)) throw new UsageError('both --self and --other are required');
  return opts;
}

/** A WAV file's checked layout, and its bytes unless only its head was read (its samples are then read in a worker). */
interface WavInput {
  path: string;
  layout: WavLayout;
  bytes: Uint8Array | null;
}

/** Bytes read from the start of a long call's file to find its layout. */
const HEAD_BYTES = 1 << 16;

/** Reads a WAV file, or only as much of it as its layout needs when `headOnly`. */
async function readWav(path: string, headOnly: boolean): Promise<WavInput> {
  const fail = (e: unknown): never => {
    const code = (e as NodeJS.ErrnoException).code;
    throw new WavError(
      `${path}: ${code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code ?? 'error'})`}`,
    );
  };
  const checked = <T>(check: () => T): T => {
    try {
      return check();
    } catch (e) {
      if (e instanceof WavError) throw new WavError(`${path}: ${e.message}`);
      throw e;
    }
  };
  if (headOnly) {
    let head: Uint8Array;
    let size: number;
    try {
      const file = await open(path);
      try {
        size = (await file.stat()).size;
        const { buffer, bytesRead } = await file.read(Buffer.alloc(Math.min(HEAD_BYTES, size)), 0, Math.min(HEAD_BYTES, size), 0);
        head = buffer.subarray(0, bytesRead);
      } finally {
        await file.close();
      }
    } catch (e) {
      return fail(e);
    }
    const layout = checked(() => wavLayoutOfHead(head, size));
    if (layout) return { path, layout, bytes: head.length >= size ? head : null };
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return fail(e);
  }
  const data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { path, layout: checked(() => wavLayout(data)), bytes: data };
}

/** Calls shorter than this are analysed on the main thread alone: starting workers would cost more than they save. */
const WORKERS_FROM_SECONDS = 120;

const clock = (ms: number) => {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** RAPPORT_ANALYZE_TIMING=1: each phase's end on stderr, in ms since the process started (BENCHMARKS.md). */
const mark = (phase: string) => {
  if (process.env.RAPPORT_ANALYZE_TIMING === '1') process.stderr.write(`analyze: ${performance.now().toFixed(0)} ms ${phase}\n`);
};
async function main(): Promise<number> {
  mark('bundle loaded');
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  // Workers start while the files are read when the files are large enough to be a long call
  // (2 minutes of 16-bit 16 kHz mono); they are ended unused if the call turns out short.
  const bundle = process.env.RAPPORT_RUN_TS_BUNDLE;
  const threads = bundle !== undefined && process.env.RAPPORT_ANALYZE_THREADS !== '1';
  const size = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  const early =
    threads && Math.max(size(opts.self), size(opts.other)) > WORKERS_FROM_SECONDS * 16000 * 2
      ? [new FrameWorker(bundle), new FrameWorker(bundle)]
      : null;
  // Both files are read at once (the reads run on libuv's threads); a problem with --self is told
  // first. When workers were started, only the files' heads are read here: each worker reads its
  // channel's samples itself, a part at a time.
  const read = await Promise.allSettled([readWav(opts.self, early !== null), readWav(opts.other, early !== null)]);
  for (const r of read) if (r.status === 'rejected') throw r.reason;
  const [self, other] = read.map((r) => (r as PromiseFulfilledResult<WavInput>).value) as [WavInput, WavInput];
  mark('files read');
  const seconds = (w: WavInput) => w.layout.frames / w.layout.sampleRate;
  // On a long call each channel's samples are decoded and framed in a worker thread of its own
  // while this thread loads the model and then runs the engine (same frames, same result).
  const inWorkers = threads && Math.max(seconds(self), seconds(other)) > WORKERS_FROM_SECONDS;
  if (!inWorkers) early?.forEach((w) => w.stop());
  const channel = async (w: WavInput, i: number): Promise<Channel | (ChannelFeed & { more: ChannelFeed[] })> => {
    if (inWorkers) return (early?.[i] ?? new FrameWorker(bundle)).channel(w.bytes ? { bytes: w.bytes } : { path: w.path }, w.layout);
    const bytes = w.bytes ?? (await readWav(w.path, false)).bytes!;
    const { mono, sampleRate } = decodeWav(bytes, w.layout);
    return { samples: mono, sampleRate };
  };
  const selfChannel = await channel(self, 0);
  const otherChannel = await channel(other, 1);
  let detector: SpeechDetector | undefined;
  if (opts.model) {
    if (existsSync(join(opts.model, 'model.json'))) detector = await loadModelFromDir(opts.model);
    else if (opts.model !== MODEL_DIR) throw new UsageError(`${opts.model}: no model.json there`);
  }
  mark('model loaded');
  // Frames made in workers come with the later framings' (lib/talktime/engine/framings.ts).
  const more =
    'more' in selfChannel && 'more' in otherChannel
      ? selfChannel.more.map((self, j) => ({ self, other: otherChannel.more[j]! }))
      : undefined;
  const { stats, segments } = await analyzeCall(selfChannel, otherChannel, { detector, otherReceived: opts.otherReceived, more });
  mark('frames and engine done');
  if (opts.json) {
    const { durationMs, selfTalkMs, otherTalkMs, overlapMs, silenceMs, selfShare, metrics } = stats;
    console.log(
      JSON.stringify({
        selfTalkMs,
        otherTalkMs,
        overlapMs,
        silenceMs,
        selfShare,
        durationMs,
        segments,
        metrics,
        speechModel: detector !== undefined,
      }),
    );
    return 0;
  }
  const m = stats.metrics;
  const share = stats.selfShare === null ? 'nobody talked' : `${Math.round(stats.selfShare * 100)} % of the talk`;
  const gap = (v: number | null) => (v === null ? '–' : `${(v / 1000).toFixed(1)} s`);
  console.log(
    [
      `Call length     ${clock(stats.durationMs)}   (self: ${basename(opts.self)}, ${self.layout.sampleRate} Hz; other: ${basename(opts.other)}, ${other.layout.sampleRate} Hz)`,
      `Self talked     ${clock(stats.selfTalkMs)}   ${share}`,
      `Other talked    ${clock(stats.otherTalkMs)}`,
      `Both at once    ${clock(stats.overlapMs)}   silence ${clock(stats.silenceMs)}`,
      `Longest turn    self ${clock(m.longestMonologueMs.self)}, other ${clock(m.longestMonologueMs.other)}`,
      `Turn switches   ${m.turnSwitchesPerMin.toFixed(1)} per minute`,
      `Response gap    self ${gap(m.meanResponseGapMs.self)}, other ${gap(m.meanResponseGapMs.other)}`,
      `Interruptions   self ${m.interruptions.self}, other ${m.interruptions.other}`,
      `Speech model    ${detector ? 'on' : 'off (level stage only)'}`,
    ].join('\n'),
  );
  return 0;
}

if (inFrameWorker) serveFrames();
else
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      if (e instanceof UsageError) {
        console.error(`analyze: ${e.message}\n${USAGE}`);
        process.exit(2);
      }
      const msg = e instanceof Error ? e.message : String(e);
      console.error(`analyze: ${msg.split('\n')[0]}`);
      process.exit(1);
    },
  );
