import { describe, expect, it, vi } from 'vitest';
import { FRAME_BINS } from '../../lib/messaging/frames';
import type { Detection } from '../../lib/platforms/detect';
import { createEngineModule, createMeter } from '../../lib/session/engine-chunk';
import { ROW_FLOATS, ROW_FRAMES, TRACE_GLOBAL, newMeterTrace, type MeterTrace } from '../../lib/session/meter-trace';
import type { SpeechDetector } from '../../lib/talktime/detector';
import { FRAMINGS, TalkTimeEngine, type TalkTimeOptions } from '../../lib/talktime/engine';

/** The options of every engine built (the real engine runs; this only records how it was asked for). */
const built = vi.hoisted(() => [] as (TalkTimeOptions | undefined)[]);
vi.mock('../../lib/talktime/engine', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/talktime/engine')>();
  class Recorded extends real.TalkTimeEngine {
    constructor(options?: TalkTimeOptions) {
      super(options);
      built.push(options);
    }
  }
  return { ...real, TalkTimeEngine: Recorded };
});

const detection: Detection = { inCall: true, ended: false, micMuted: false, meetingLink: null, path: 'adapter', warning: null };
const tap = { peerConnections: 1, remoteAudioTracks: 1, micTracks: 1, micEnabled: true, capturing: true, error: null };
const context = (now: number) => ({ detection, tap, tabCaptureSite: false, noRemoteSince: null, now });

/** Self talking in syllable-like bursts over a quiet room, the other party silent, `seconds` long (after 2 s of room tone). */
function feed(intake: { tapFrames(s: number, c: number, a: Float32Array, b: Float32Array): void }, seconds: number) {
  const batch = 40;
  const total = Math.round(((seconds + 2) * 1000) / 23.22);
  for (let start = 0; start < total; start += batch) {
    const self = new Float32Array(batch * FRAME_BINS);
    for (let f = 0; f < batch; f++) {
      const index = start + f;
      const talking = index > 2000 / 23.22 && index % 12 < 9;
      for (let k = 0; k < FRAME_BINS; k++)
        self[f * FRAME_BINS + k] = talking && k > 4 && k < 120 ? -30 - k / 10 : -95 + ((index * 7 + k * 13) % 5);
    }
    intake.tapFrames(start, batch, self, new Float32Array(batch * FRAME_BINS).fill(-Infinity));
  }
}

describe('engine chunk (issue 20)', () => {
  it('loads the speech model once per page, whether prepared first or not', async () => {
    const loadDetector = vi.fn(async () => null);
    const m = createEngineModule(loadDetector);
    await m.prepare();
    await m.createMeter({ paused: false, baseline: null, offsetMs: 0 });
    await m.createMeter({ paused: false, baseline: null, offsetMs: 0 });
    expect(loadDetector).toHaveBeenCalledTimes(1);
  });

  it('a meter measures the frames it is given and reports live figures; the model state is the engine’s', async () => {
    const noModel = await createEngineModule(async () => null).createMeter({ paused: false, baseline: null, offsetMs: 0 });
    feed(noModel.intake, 6);
    await noModel.finish();
    const info = noModel.info(context(Date.now()));
    expect(info.model).toBe('unavailable');
    expect(info.stats.selfTalkMs).toBeGreaterThan(3000);
    expect(info.stats.otherTalkMs).toBe(0);
    expect(info.health.self.state).toBe('listening');

    const detector: SpeechDetector = { speechProbabilities: async (_w, count) => new Float32Array(count).fill(1) };
    const withModel = await createEngineModule(async () => detector).createMeter({ paused: false, baseline: null, offsetMs: 0 });
    expect(withModel.info(context(Date.now())).model).toBe('loaded');
  });

  it('a paused meter measures nothing until resumed', async () => {
    const meter = await createEngineModule(async () => null).createMeter({ paused: true, baseline: null, offsetMs: 0 });
    feed(meter.intake, 3);
    await meter.finish();
    expect(meter.info(context(Date.now())).stats.selfTalkMs).toBe(0);
  });

  it('judges the other party’s channel as a call received it: what their suppressor let through far from their words does not count', async () => {
    // The other party's words (voiced: harmonics 6 bins apart) at 2–5 s, then 2 s at 5.6–7.6 s of
    // unvoiced sound uneven across bands — what their noise suppressor let through of their room.
    const rows = (from: number, n: number, party: 'self' | 'other') => {
      const a = new Float32Array(n * FRAME_BINS);
      for (let f = 0; f < n; f++) {
        const i = from + f;
        const t = i * 23.22;
        const words = party === 'other' && t > 2000 && t < 5000 && i % 12 < 9;
        const leftovers = party === 'other' && t > 5600 && t < 7600;
        for (let k = 0; k < FRAME_BINS; k++)
          a[f * FRAME_BINS + k] =
            words && k > 4 && k < 120
              ? -30 - k / 10 - (k % 6 === 0 ? 0 : 25)
              : leftovers && k > 2 && k < 60
                ? -55 + 6 * Math.sin(k / 3 + i)
                : -95 + ((i * 7 + k * 13) % 5);
      }
      return a;
    };
    const otherTalk = async (meter: Awaited<ReturnType<ReturnType<typeof createEngineModule>['createMeter']>>) => {
      const total = Math.round(9000 / 23.22);
      for (let s = 0; s < total; s += 40) {
        const n = Math.min(40, total - s);
        meter.intake.tapFrames(s, n, rows(s, n, 'self'), rows(s, n, 'other'));
      }
      await meter.finish();
      return meter.info(context(Date.now())).stats.otherTalkMs;
    };
    const options = { paused: false, baseline: null, offsetMs: 0 };
    built.length = 0;
    const live = await otherTalk(await createEngineModule(async () => null).createMeter(options));
    // An engine per framing, all told (the batches here carry no later framings, so their engines
    // are dropped at the first and the figure is the first's: lib/talktime/engine/framings.ts).
    expect(built.map((o) => o?.otherReceived)).toEqual(new Array(FRAMINGS).fill(true));
    // The same frames through engines told that the channel was received, and told nothing.
    const received = await otherTalk(createMeter(new TalkTimeEngine({ otherReceived: true }), options));
    const recording = await otherTalk(createMeter(new TalkTimeEngine(), options));
    expect(live).toBe(received);
    expect(live).toBeGreaterThan(2900);
    expect(live).toBeLessThan(3700);
    expect(recording).toBeGreaterThanOrEqual(live);
    // The edge judge drops these leftovers too, so the shipped engine counts the same either way;
    // with it off, only the far end's rule (which the meter's engine must be told of) drops them.
    const judgeOff = { edgeKeepProbability: 0 };
    const ruleOnly = await otherTalk(createMeter(new TalkTimeEngine({ otherReceived: true, config: judgeOff }), options));
    const neither = await otherTalk(createMeter(new TalkTimeEngine({ config: judgeOff }), options));
    expect(neither).toBeGreaterThan(ruleOnly + 300);
  });
});

describe('meter trace (test builds only, issue 16)', () => {
  const options = { paused: false, baseline: null, offsetMs: 0 };
  const traces = () => (globalThis as unknown as Record<string, MeterTrace[] | undefined>)[TRACE_GLOBAL] ?? [];

  it('keeps each frame’s level on both channels, when each batch came, and the settled segments', async () => {
    let clock = 1_000;
    const before = traces().length;
    const meter = createMeter(new TalkTimeEngine(), options, () => (clock += 5), newMeterTrace);
    feed(meter.intake, 6);
    const trace = traces().at(-1)!;
    expect(traces()).toHaveLength(before + 1);
    expect(trace.segments).toBeNull();
    await meter.finish();
    const frames = trace.batches.reduce((n, [, , count]) => n + count, 0);
    expect(frames).toBe(Math.ceil(Math.round(8000 / 23.22) / 40) * 40);
    expect(trace.levels.self).toHaveLength(frames);
    expect(trace.levels.other).toHaveLength(frames);
    // Batches cover the frames back to back, their times in the order they came.
    expect(trace.batches.map(([, first]) => first)).toEqual(trace.batches.map((_, i) => i * 40));
    expect(trace.batches.every(([at], i) => i === 0 || at > trace.batches[i - 1]![0])).toBe(true);
    // A talking frame is louder than the room; the silent channel (−∞ everywhere) is written as −200.
    const talking = 132; // 3.07 s in, a syllable (index % 12 < 9)
    expect(trace.levels.self[talking]!).toBeGreaterThan(trace.levels.self[10]! + 30);
    expect(new Set(trace.levels.other)).toEqual(new Set([-200]));
    // The segments are the engine's: the user's talk, nobody else's.
    expect(trace.segments!.other).toEqual([]);
    const selfMs = trace.segments!.self.reduce((n, [a, b]) => n + b - a, 0);
    expect(selfMs).toBeCloseTo(meter.info(context(Date.now())).stats.selfTalkMs, 0);
  });

  it('keeps the frames themselves, read out as base64, and what the meter was told', async () => {
    const meter = createMeter(new TalkTimeEngine(), options, Date.now, newMeterTrace);
    const rows = new Float32Array(3 * FRAME_BINS).map((_, i) => -90 + (i % 50));
    meter.intake.tapFrames(0, 3, rows, new Float32Array(3 * FRAME_BINS).fill(-Infinity));
    meter.setSelfProcessing({ echoCancelled: true, noiseSuppressed: false });
    meter.setSelfMuted(true);
    // Told again the same (the companion tells it every second): noted once.
    meter.setSelfMuted(true);
    meter.setSelfProcessing({ echoCancelled: true, noiseSuppressed: false });
    meter.intake.tapFrames(3, 1, rows.subarray(0, FRAME_BINS), new Float32Array(FRAME_BINS).fill(-Infinity));
    await meter.finish();
    const trace = traces().at(-1)!;
    expect(trace.told).toEqual([
      [3, 'processing', { echoCancelled: true, noiseSuppressed: false }],
      [3, 'muted', true],
    ]);
    expect(trace.rows).toBeNull();
    const read = JSON.parse(JSON.stringify(trace)) as MeterTrace;
    const bytes = (b64: string) => Buffer.from(b64, 'base64');
    const self = bytes(read.rows!.self.rows);
    expect(self.length).toBe(4 * ROW_FLOATS * 4);
    const floats = new Float32Array(self.buffer, self.byteOffset, self.length / 4);
    // Frame 1's dB row as the tap sent it, then its bands (finite, as the engine computed them).
    expect(Array.from(floats.subarray(ROW_FLOATS, ROW_FLOATS + FRAME_BINS))).toEqual(Array.from(rows.subarray(FRAME_BINS, 2 * FRAME_BINS)));
    expect(floats.subarray(ROW_FLOATS + FRAME_BINS, 2 * ROW_FLOATS).every(Number.isFinite)).toBe(true);
    const levels = bytes(read.rows!.self.levels);
    const level64 = new Float64Array(levels.buffer.slice(levels.byteOffset, levels.byteOffset + levels.length));
    expect(level64).toHaveLength(4);
    expect(level64[1]!).toBeCloseTo(trace.levels.self[1]!, 1);
    // The silent channel's frames are kept as they came: −∞.
    const other = bytes(read.rows!.other.rows);
    expect(new Float32Array(other.buffer, other.byteOffset, other.length / 4)[0]).toBe(-Infinity);
  });

  it('keeps the rows of its first minutes only', async () => {
    // 600 frames every 20 s: within what the intake lets through.
    let clock = 0;
    const meter = createMeter(new TalkTimeEngine(), options, () => (clock += 20_000), newMeterTrace);
    const batch = 600;
    const quiet = new Float32Array(batch * FRAME_BINS).fill(-90);
    for (let start = 0; start < ROW_FRAMES + 1000; start += batch) meter.intake.tapFrames(start, batch, quiet, quiet);
    const read = JSON.parse(JSON.stringify(traces().at(-1)!)) as MeterTrace;
    expect(read.levels.self.length).toBeGreaterThan(ROW_FRAMES);
    expect(Buffer.from(read.rows!.self.rows, 'base64').length).toBe(ROW_FRAMES * ROW_FLOATS * 4);
    await meter.finish();
  });

  it('keeps nothing unless asked (release builds)', async () => {
    const before = traces().length;
    const meter = await createEngineModule(async () => null).createMeter(options);
    feed(meter.intake, 1);
    await meter.finish();
    expect(traces()).toHaveLength(before);
  });
});
