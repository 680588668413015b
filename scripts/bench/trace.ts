/**
 * `npm run bench:trace` — the live meter beside the offline analyzer, frame by frame, on the audio
 * the call page received. A `bench:live --record` run leaves, beside each call, the page's
 * received tracks (`self-received-live.wav`, `other-received-live.wav`) and what the live meter was
 * given and decided (`trace-live.json`: each frame's level as the tap computed it, when each batch
 * came, the engine's segments; test builds keep it). For each call this finds where on the
 * recording the meter's frame 0 fell, to the sample, by the levels themselves; says how close
 * the tap's levels are to the analyzer's on the same samples (equal, to rounding, when the tap
 * heard what the track carried), in 5-s windows, so a window the tap lost or got late shows;
 * runs the analyzer from that very sample, to count the frames where the live engine and the
 * analyzer decided differently on the same audio; and runs the engine again on the very frames the
 * live one got (the trace keeps their first three minutes), to tell the engine's part from the
 * audio's.
 *
 *   npm run bench:trace -- [--calls ID,ID…] [--processing on|off] [--json FILE]
 *     Every call under .cache/bench-live with a trace and received tracks (or those named);
 *     the tracks and traces must be from the same run (a --record run writes both), and
 *     --processing as that run's.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROW_FLOATS, type MeterTrace } from '../../lib/session/meter-trace';
import { type SelfProcessing, TalkTimeEngine, type TalkTimeOptions } from '../../lib/talktime/engine';
import { FRAME_MS, type FrameBlock, NUM_BANDS, NUM_BINS, frameBlock } from '../../lib/talktime/features';
import { LIVE_CALLS_DIR } from '../talktime/live-calls';
import { analyzeCall, framesFromSegments, loadModelFromDir } from '../talktime/pipeline';
import { readMeterTrace } from './meter-trace-read';
import { liveMeterOptions, readReceivedTracks } from './record-tracks';
import { type Track, alignWindows, levelsFrom, loudFrames, medianGap, meterFrameZero } from './trace-align';

const { values: opts } = parseArgs({
  options: {
    calls: { type: 'string' },
    json: { type: 'string' },
    /** The microphone's processing in that run (as bench:live's --processing). */
    processing: { type: 'string', default: 'on' },
  },
});

type Party = 'self' | 'other';
const PARTIES: readonly Party[] = ['self', 'other'];

type CallReport = {
  id: string;
  /** Where the meter's frame 0 fell on the microphone's recorded track (s). */
  startS: number;
  /** How much later the other party's track has the meter's frame 0 than the microphone's (ms). */
  otherShiftMs: number;
  /** When the first batch reached the engine, on the recording's clock (s; null when the recording kept no clock). */
  firstBatchS: number | null;
  frames: number;
  /**
   * Per party: median |tap level − analyzer level| (dB) on loud frames over the call, from its
   * frame 0; the worst 5-s window's, each window aligned on its own; how far the windows' own
   * places lie from the call's (ms, earliest and latest): where one graph slipped against the other.
   */
  level: Record<Party, { gapDb: number; worstWindowDb: number; slipsMs: [number, number] }>;
  /** Talk (ms) live and by the analyzer from the same sample, and the frames (ms) only one of them counted. */
  talk: Record<Party, { liveMs: number; analyzerMs: number; onlyLiveMs: number; onlyAnalyzerMs: number }>;
  /** The live segments against the engine run again here on the frames the live one got (`replay`'s three ways): a = live. */
  replayed?: Record<Party, { live: Differ; held: Differ; once: Differ }>;
  /** The longest gap between batches reaching the engine (ms), and the batches. */
  longestBatchGapMs: number;
  batches: number;
};

async function compare(
  id: string,
  dir: string,
  trace: MeterTrace,
  tracks: { self: Track; other: Track },
  detector: Awaited<ReturnType<typeof loadModelFromDir>>,
): Promise<CallReport> {
  const rate = tracks.self.sampleRate;
  const frames = trace.levels.self.length;
  const { starts, firstBatchS } = meterFrameZero(dir, trace, tracks);
  const start = starts.self;
  const level = {} as CallReport['level'];
  for (const party of PARTIES) {
    const live = trace.levels[party];
    const windows = alignWindows(tracks[party], live, starts[party], 0.1);
    const slips = windows.map((w) => ((w.start - starts[party]) / rate) * 1000);
    level[party] = {
      gapDb: medianGap(live, levelsFrom(tracks[party], starts[party], frames), loudFrames(live)),
      worstWindowDb: Math.max(0, ...windows.map((w) => w.gapDb)),
      slipsMs: [Math.min(0, ...slips), Math.max(0, ...slips)],
    };
  }
  const options = liveMeterOptions(detector, opts.processing as 'on' | 'off');
  const cut = (party: Party) => ({ samples: tracks[party].samples.subarray(starts[party]), sampleRate: tracks[party].sampleRate });
  const analyzed = await analyzeCall(cut('self'), cut('other'), options);
  // The engine again on the very frames the live one got (as live; without what it was told as the call ended; in one batch).
  const asLive = await replay(trace, options, 'live');
  const held = await replay(trace, options, 'held');
  const atOnce = await replay(trace, options, 'once');
  const talk = {} as CallReport['talk'];
  const replayed = {} as NonNullable<CallReport['replayed']>;
  for (const party of PARTIES) {
    const live = framesFromSegments(trace.segments?.[party] ?? [], frames);
    const vs = (segments: [number, number][]) => differ(live, framesFromSegments(segments, frames));
    const a = vs(analyzed.segments[party]);
    talk[party] = { liveMs: a.aMs, analyzerMs: a.bMs, onlyLiveMs: a.onlyAMs, onlyAnalyzerMs: a.onlyBMs };
    if (asLive && held && atOnce) replayed[party] = { live: vs(asLive[party]), held: vs(held[party]), once: vs(atOnce[party]) };
  }
  let longest = 0;
  for (let i = 1; i < trace.batches.length; i++) longest = Math.max(longest, trace.batches[i]![0] - trace.batches[i - 1]![0]);
  return {
    id,
    startS: start / rate,
    otherShiftMs: ((starts.other - start) / rate) * 1000,
    firstBatchS,
    frames,
    level,
    talk,
    ...(asLive && held && atOnce ? { replayed } : {}),
    longestBatchGapMs: longest,
    batches: trace.batches.length,
  };
}

type Differ = { aMs: number; bMs: number; onlyAMs: number; onlyBMs: number };

/** Talk in two frame decisions, and the frames only one of them counted (ms). */
function differ(a: Uint8Array, b: Uint8Array): Differ {
  let na = 0;
  let nb = 0;
  let onlyA = 0;
  let onlyB = 0;
  for (let f = 0; f < a.length; f++) {
    na += a[f]!;
    nb += b[f]!;
    if (a[f] && !b[f]) onlyA++;
    if (b[f] && !a[f]) onlyB++;
  }
  return { aMs: na * FRAME_MS, bMs: nb * FRAME_MS, onlyAMs: onlyA * FRAME_MS, onlyBMs: onlyB * FRAME_MS };
}

/**
 * The engine on the frames a trace kept (null when it kept none, or not all of the call's), its
 * segments: `live`, in the live meter's batches, told what it was told at the same frames;
 * `held`, the same but for what it was told after the last frame (as the call ended); `once`, in
 * one batch, the microphone's processing as first told from frame 0 (the offline analyzer's way).
 */
async function replay(
  trace: MeterTrace,
  options: TalkTimeOptions,
  how: 'live' | 'held' | 'once',
): Promise<Record<Party, [number, number][]> | null> {
  if (!trace.rows) return null;
  const frames = trace.levels.self.length;
  const decode = (b64: string, Type: Float32ArrayConstructor | Float64ArrayConstructor) => {
    const bytes = Buffer.from(b64, 'base64');
    return new Type(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  };
  const kept = {
    self: { rows: decode(trace.rows.self.rows, Float32Array), levels: decode(trace.rows.self.levels, Float64Array) },
    other: { rows: decode(trace.rows.other.rows, Float32Array), levels: decode(trace.rows.other.levels, Float64Array) },
  };
  if (kept.self.levels.length < frames || kept.other.levels.length < frames) return null;
  const blockOf = (party: Party, first: number, count: number): FrameBlock => {
    const b = frameBlock(count);
    b.first = first;
    b.count = count;
    for (let i = 0; i < count; i++) {
      const row = kept[party].rows.subarray((first + i) * ROW_FLOATS, (first + i + 1) * ROW_FLOATS);
      b.db.set(row.subarray(0, NUM_BINS), i * NUM_BINS);
      b.bands.set(row.subarray(NUM_BINS), i * NUM_BANDS);
      b.level[i] = kept[party].levels[first + i]!;
    }
    return b;
  };
  if (how === 'once') {
    if (trace.told.some(([, kind, value]) => kind === 'muted' && value)) return null;
    const processing = trace.told.find((t): t is [number, 'processing', SelfProcessing] => t[1] === 'processing')?.[2];
    const engine = new TalkTimeEngine({ ...options, ...(processing ? { selfProcessing: processing } : {}) });
    await engine.process(blockOf('self', 0, frames), blockOf('other', 0, frames));
    await engine.finish();
    return engine.segments();
  }
  const engine = new TalkTimeEngine(options);
  const told = how === 'held' ? trace.told.filter(([at]) => at < frames) : trace.told;
  const tell = (t: MeterTrace['told'][number]) => {
    if (t[1] === 'muted') engine.setSelfMuted(t[2]);
    else engine.setSelfProcessing(t[2]);
  };
  let next = 0;
  for (const [, first, count] of trace.batches) {
    while (next < told.length && told[next]![0] <= first) tell(told[next++]!);
    await engine.process(blockOf('self', first, count), blockOf('other', first, count));
  }
  for (; next < told.length; next++) tell(told[next]!);
  await engine.finish();
  return engine.segments();
}

async function main(): Promise<void> {
  const wanted = opts.calls?.split(',');
  const ids = (wanted ?? readdirSync(LIVE_CALLS_DIR)).filter((id) => existsSync(path.join(LIVE_CALLS_DIR, id, 'trace-live.json'))).sort();
  if (ids.length === 0) throw new Error('no call has a meter trace: run bench:live with --record on a test build first');
  const detector = await loadModelFromDir();
  const reports: CallReport[] = [];
  for (const id of ids) {
    const dir = path.join(LIVE_CALLS_DIR, id);
    const trace = readMeterTrace(dir, 'live');
    const tracks = readReceivedTracks(dir, 'live');
    if (!trace || !tracks || !trace.segments) {
      console.error(`bench:trace: ${id} has no complete trace or no received tracks; skipped`);
      continue;
    }
    reports.push(await compare(id, dir, trace, tracks, detector));
  }
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const slip = ([a, b]: [number, number]) => `${a.toFixed(0)} … ${b.toFixed(0)}`;
  const level = (l: CallReport['level'][Party]) => `${l.gapDb.toFixed(2)} (${l.worstWindowDb.toFixed(2)})`;
  console.log("\nWhere the meter's frames lie on the recorded tracks, and how near its levels are to the analyzer's there");
  console.log(
    "| call | frame 0 at (s) | the first batch reached the engine at (s) | other party's frame 0 later (ms) | tap − analyzer, user (dB; worst 5-s window) | other | 5-s windows' slips, user (ms) | other | longest gap between batches (ms) |",
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of reports)
    console.log(
      `| ${r.id} | ${r.startS.toFixed(3)} | ${r.firstBatchS?.toFixed(3) ?? '—'} | ${r.otherShiftMs.toFixed(1)} | ${level(r.level.self)} | ${level(r.level.other)} | ${slip(r.level.self.slipsMs)} | ${slip(r.level.other.slipsMs)} | ${r.longestBatchGapMs} |`,
    );
  console.log(
    '\nTalk (s) live, by the analyzer on the tracks from the same sample, and by the engine again on the very frames the live one got; (only live / only the other)',
  );
  console.log(
    '| call | party | live | analyzer on the tracks | the frames again, as live | as live, not told the microphone ended | at once, the processing from frame 0 |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of reports)
    for (const party of PARTIES) {
      const t = r.talk[party];
      const d = (x: Differ | undefined) => (x ? `${s(x.bMs)} (${s(x.onlyAMs)} / ${s(x.onlyBMs)})` : '—');
      console.log(
        `| ${r.id} | ${party} | ${s(t.liveMs)} | ${s(t.analyzerMs)} (${s(t.onlyLiveMs)} / ${s(t.onlyAnalyzerMs)}) | ${d(r.replayed?.[party].live)} | ${d(r.replayed?.[party].held)} | ${d(r.replayed?.[party].once)} |`,
      );
    }
  if (opts.json) writeFileSync(opts.json, JSON.stringify(reports, null, 1));
}

await main();
