/**
 * `npm run bench:framer`: the tap's framer as the call page's audio thread runs it — the
 * worklet's FrameBatcher (lib/capture/worklet.ts), JavaScript path, 128-sample render quanta of
 * two 48 kHz inputs — in CPU time per second of audio (% of one core), for 1, 2 and 4 framings,
 * against the same framings made by an extractor each (each resampling the input itself, as the
 * tap did before FramingExtractors), in the same run. Rounds alternate between the ways so a
 * shared machine's ups and downs fall on all of them alike; the median of the rounds is printed.
 *
 * The audio: syllable-like bursts (a 140 Hz pulse train's harmonics) over a soft floor, at other
 * times on each input; the framer's work does not depend on what it hears.
 * (48 kHz is the tap's input in Firefox; in Chromium its context runs at 22.05 kHz and nothing is
 * resampled in JavaScript: lib/capture/page-tap.ts.)
 * Options (env): BENCH_ROUNDS (default 7), BENCH_SECONDS (default 60).
 */
import { loadavg } from 'node:os';
import { FrameBatcher } from '../../lib/capture/worklet';
import { FrameExtractor, frameBlock } from '../../lib/talktime/features';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const RATE = 48000;
const QUANTUM = 128;

/** Two channels of speech-like audio at 48 kHz: bursts of a 140 Hz pulse train's harmonics over a soft floor, at other times on each. */
function audio(seed: number): Float32Array {
  let s = seed >>> 0;
  const rnd = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const x = new Float32Array(SECONDS * RATE);
  let t = 0;
  while (t < x.length) {
    const len = Math.floor((0.15 + 0.5 * rnd()) * RATE);
    const gap = Math.floor((0.1 + 0.8 * rnd()) * RATE);
    for (let i = 0; i < len && t + i < x.length; i++) {
      const env = Math.sin((Math.PI * i) / len);
      let v = 0;
      for (let h = 1; h <= 12; h++) v += Math.sin((2 * Math.PI * 140 * h * (t + i)) / RATE) / h;
      x[t + i] = 0.1 * env * v;
    }
    t += len + gap;
  }
  for (let i = 0; i < x.length; i++) x[i]! += 0.002 * (rnd() - 0.5);
  return x;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** The batcher over the whole call, quantum by quantum: CPU ms. */
function batcher(self: Float32Array, other: Float32Array, framings: number): number {
  const b = new FrameBatcher(RATE, { framings });
  const t0 = cpuMs();
  for (let i = 0; i + QUANTUM <= self.length; i += QUANTUM) b.push(self.subarray(i, i + QUANTUM), other.subarray(i, i + QUANTUM));
  return cpuMs() - t0;
}

/** The same framings with an extractor each, each resampling for itself (batches not assembled: a lower bound of that way's cost). */
function separate(self: Float32Array, other: Float32Array, framings: number): number {
  const xs = Array.from({ length: framings }, (_, k) =>
    [self, other].map(() => new FrameExtractor(RATE, { framing: { k, of: framings } })),
  );
  const blocks = xs.map((pair) => pair.map(() => frameBlock(64)));
  const t0 = cpuMs();
  for (let i = 0; i + QUANTUM <= self.length; i += QUANTUM) {
    for (let k = 0; k < framings; k++) {
      for (let c = 0; c < 2; c++) {
        const block = blocks[k]![c]!;
        xs[k]![c]!.pushInto((c === 0 ? self : other).subarray(i, i + QUANTUM), block);
        if (block.count >= 32) block.count = 0;
      }
    }
  }
  return cpuMs() - t0;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

const self = audio(1);
const other = audio(2);
const ways: [string, (n: number) => number][] = [
  ['FrameBatcher (one resampling per input)', (n) => batcher(self, other, n)],
  ['an extractor per framing (each resamples)', (n) => separate(self, other, n)],
];
const framings = [1, 2, 4];
// Untimed once each, so no way is timed while its code is still cold.
for (const [, run] of ways) for (const n of framings) run(n);
const times = new Map<string, number[]>();
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, run] of r % 2 ? [...ways].reverse() : ways) {
    for (const n of framings) {
      const key = `${name}|${n}`;
      times.set(key, [...(times.get(key) ?? []), run(n)]);
    }
  }
}
const pct = (ms: number) => ((100 * ms) / 1000 / SECONDS).toFixed(2);
console.log(
  `bench:framer: ${SECONDS} s of two 48 kHz inputs in ${QUANTUM}-sample quanta, ${ROUNDS} rounds, load ${loadavg()[0]!.toFixed(1)}`,
);
console.log('');
console.log(`| way | ${framings.map((n) => `${n} framing${n > 1 ? 's' : ''}`).join(' | ')} |`);
console.log(`| --- | ${framings.map(() => '---').join(' | ')} |`);
for (const [name] of ways) console.log(`| ${name} | ${framings.map((n) => `${pct(median(times.get(`${name}|${n}`)!))} %`).join(' | ')} |`);
const ratio = median(times.get(`${ways[1]![0]}|4`)!) / median(times.get(`${ways[0]![0]}|4`)!);
console.log('');
console.log(
  `CPU % of one core per second of audio (median of rounds). Four framings: the batcher takes 1/${ratio.toFixed(2)} of the separate way's time.`,
);
