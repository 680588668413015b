/**
 * `npm run bench:meter`: the live meter's engines as the call page's main thread runs them — one
 * engine per framing (FRAMINGS), the shipped model on tfjs's pure-JavaScript backend as the
 * extension loads it, frames in the tap's 16-frame batches fed one after another without waiting
 * — in CPU time per second of call (% of one core), with the engines sharing their model calls
 * (`coalescingDetector`, as the meter runs them) and with each engine calling the model itself,
 * in the same run. Rounds alternate between the two ways; the median of the rounds is printed,
 * with the model calls each way made and whether the figures came out the same.
 *
 * The calls: the first dev-split calls as bench:talktime renders them (16 kHz; clean and
 * drift15), framed by the tap's FrameBatcher. Needs the allowed data packages (BENCHMARKS).
 * Options (env): BENCH_ROUNDS (default 5), BENCH_CALLS (default 2).
 */
import { loadavg } from 'node:os';
import { FrameBatcher, type WorkletBatch } from '../../lib/capture/worklet';
import { type SpeechDetector, coalescingDetector } from '../../lib/talktime/detector';
import { FRAMINGS, Framings, TalkTimeEngine } from '../../lib/talktime/engine';
import { NUM_BANDS } from '../../lib/talktime/features';
import { makeCall, render } from '../talktime/calls';
import { listClips, loadMusic } from '../talktime/data';
import { loadModelFromDir } from '../talktime/pipeline';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CALLS = Number(process.env.BENCH_CALLS ?? 2);

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

const clips = listClips();
const music = loadMusic('dev');
const calls: { id: string; batches: WorkletBatch[]; seconds: number }[] = [];
for (let i = 0; i < CALLS; i++) {
  const call = makeCall(clips, 'dev', 1000 + i, 60);
  for (const variant of ['clean', 'drift15'] as const) {
    const x = render(call, variant, music);
    const batcher = new FrameBatcher(x.sampleRate);
    const batches: WorkletBatch[] = [];
    for (let s = 0; s + 128 <= x.self.length; s += 128) {
      const b = batcher.push(x.self.subarray(s, s + 128), x.other.subarray(s, s + 128));
      if (b) batches.push(b);
    }
    calls.push({ id: `dev-${1000 + i}-${variant}`, batches, seconds: x.self.length / x.sampleRate });
  }
}

const model = await loadModelFromDir(undefined, 'cpu');
let modelCalls = 0;
const counted: SpeechDetector = {
  speechProbabilities: (w, n) => {
    modelCalls++;
    return model.speechProbabilities(w, n);
  },
};

/** One call through FRAMINGS engines as the meter feeds them: CPU ms, model calls, the totals. */
async function meter(batches: WorkletBatch[], shared: boolean): Promise<{ ms: number; calls: number; totals: string }> {
  const d = shared ? coalescingDetector(counted) : counted;
  const engine = () => new TalkTimeEngine({ detector: d, otherReceived: true });
  const f = new Framings(engine(), Array.from({ length: FRAMINGS - 1 }, engine));
  modelCalls = 0;
  const t0 = cpuMs();
  let first = 0;
  for (const b of batches) {
    const blocks = (x: { self: Float32Array; other: Float32Array; levels: Float64Array; bands: Float32Array }) => ({
      self: { first, count: b.count, db: x.self, level: x.levels.subarray(0, b.count), bands: x.bands.subarray(0, b.count * NUM_BANDS) },
      other: { first, count: b.count, db: x.other, level: x.levels.subarray(b.count), bands: x.bands.subarray(b.count * NUM_BANDS) },
    });
    const a = blocks(b);
    // The meter does not wait for one batch before the next; the page's task ends between batches.
    void f.process(a.self, a.other, b.more?.map(blocks));
    await new Promise((r) => setImmediate(r));
    first += b.count;
  }
  await f.finish();
  const ms = cpuMs() - t0;
  const s = f.snapshot();
  return { ms, calls: modelCalls, totals: `${s.selfTalkMs}/${s.otherTalkMs}` };
}

const ways = [false, true];
const seconds = calls.reduce((n, c) => n + c.seconds, 0);
// Untimed once each, so neither way is timed while its code is still cold.
for (const shared of ways) await meter(calls[0]!.batches, shared);
const times = new Map<boolean, number[]>();
const modelCallsBy = new Map<boolean, number>();
const totals = new Map<boolean, string>();
for (let r = 0; r < ROUNDS; r++) {
  for (const shared of r % 2 ? [...ways].reverse() : ways) {
    let ms = 0;
    let n = 0;
    const t: string[] = [];
    for (const c of calls) {
      const m = await meter(c.batches, shared);
      ms += m.ms;
      n += m.calls;
      t.push(m.totals);
    }
    times.set(shared, [...(times.get(shared) ?? []), ms]);
    modelCallsBy.set(shared, n);
    totals.set(shared, t.join(' '));
  }
}
const pct = (ms: number) => ((100 * ms) / 1000 / seconds).toFixed(2);
console.log(
  `bench:meter: ${calls.length} calls (${calls.map((c) => c.id).join(', ')}), ${seconds.toFixed(0)} s, ${FRAMINGS} engines, tfjs cpu backend, ${ROUNDS} rounds, load ${loadavg()[0]!.toFixed(1)}`,
);
console.log('');
console.log('| way | CPU, % of one core (median of rounds) | model calls a minute |');
console.log('| --- | --- | --- |');
for (const shared of ways) {
  console.log(
    `| ${shared ? 'engines share their model calls (coalescingDetector)' : 'each engine calls the model'} | ${pct(median(times.get(shared)!))} % | ${((60 * modelCallsBy.get(shared)!) / seconds).toFixed(0)} |`,
  );
}
console.log('');
console.log(
  `Same talk totals both ways: ${totals.get(true) === totals.get(false) ? 'yes' : `NO (${totals.get(false)} against ${totals.get(true)})`}.`,
);
