/**
 * Learns the edge judge's weights (lib/talktime/engine/edge-judge.ts) on TRAINING-split calls only:
 *   npm run train:edge -- [--calls N] [--no-captures] [--dry-run]
 * The engine runs with the judge off (`edgeKeepProbability` 0) on the recorded voices of the
 * training split's calls in every training variant (as tune.ts builds them) and on the training
 * split's captures through Chromium's voice processing (bench:processed --split train, when
 * present in .cache/bench-live); every frame the rules let count is a sample, labelled by the
 * truth. A logistic regression (Newton's method, a small ridge) fitted to them is written to
 * lib/talktime/engine/edge-weights.ts (`--dry-run`: printed only). Prints by-call 4-fold
 * cross-validated totals against the engine's: a party's talk off its truth, per variant.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EDGE_FEATURE_COUNT, probability } from '../../lib/talktime/engine/edge-judge';
import { TalkTimeEngine, type Party, type SelfProcessing } from '../../lib/talktime/engine';
import { type Frame, FrameExtractor } from '../../lib/talktime/features';
import { compiledKernel } from '../../lib/talktime/features/kernel';
import { EXTRA_VARIANTS, VARIANTS, makeCall, render } from './calls';
import { RATE, listClips, loadMusic } from './data';
import { MODEL_DIR, framesFromSegments, loadModelFromDir } from './pipeline';
import { spansMs } from './score';
import { parseWav } from './wav';

const argv = process.argv.slice(2);
const ci = argv.indexOf('--calls');
const nCalls = ci >= 0 ? Number(argv[ci + 1]) : 12;
const detector = await loadModelFromDir(MODEL_DIR);
const K = 4; // cross-validation folds, by call
const KEEP = 0.3; // the shipped edgeKeepProbability, for the cross-validated figures

interface Case {
  name: string;
  variant: string;
  call: number;
  self: Frame[];
  other: Frame[];
  truth: Record<Party, [number, number][]>;
  selfProcessing?: SelfProcessing;
}
const cases: Case[] = [];
const frames = (samples: Float32Array, rate: number) => new FrameExtractor(rate, { kernel: compiledKernel() }).push(samples);

const clips = listClips().filter((c) => c.source !== 'espeak-ng' && c.source !== 'flite');
const music = loadMusic('train');
for (let i = 0; i < nCalls; i++) {
  const call = makeCall(clips, 'train', 500 + i, 60);
  for (const v of [...VARIANTS, ...EXTRA_VARIANTS]) {
    const x = render(call, v, music);
    const truth = { self: spansMs(call.truth.self, RATE), other: spansMs(call.truth.other, RATE) };
    cases.push({
      name: `train-${500 + i}-${v}`,
      variant: v,
      call: i,
      self: frames(x.self, x.sampleRate),
      other: frames(x.other, x.sampleRate),
      truth,
    });
  }
}
const captures = join(import.meta.dirname, '..', '..', '.cache', 'bench-live');
if (!argv.includes('--no-captures') && existsSync(captures)) {
  for (const dir of readdirSync(captures).sort()) {
    const m = /^train-5(\d\d)-(.+)$/.exec(dir);
    if (!m || Number(m[1]) >= nCalls) continue;
    const file = ['self-processed.wav', 'self-processed-room.wav'].map((f) => join(captures, dir, f)).find((f) => existsSync(f));
    if (!file || !existsSync(join(captures, dir, 'truth.json'))) continue;
    const t = JSON.parse(readFileSync(join(captures, dir, 'truth.json'), 'utf8')) as {
      sampleRate: number;
      spans: Record<Party, [number, number][]>;
    };
    const s = parseWav(readFileSync(file));
    const o = parseWav(readFileSync(join(captures, dir, 'other.wav')));
    cases.push({
      name: `${dir} processed`,
      variant: `${m[2]} processed`,
      call: Number(m[1]),
      self: frames(s.mono, s.sampleRate),
      other: frames(o.mono, o.sampleRate),
      truth: { self: spansMs(t.spans.self, t.sampleRate), other: spansMs(t.spans.other, t.sampleRate) },
      selfProcessing: { echoCancelled: true, noiseSuppressed: true },
    });
  }
}

/** Every frame the rules let count, per case and party: features, label; and the engine's totals. */
interface Samples {
  x: Float64Array[];
  y: number[];
}
const perCase: { c: Case; party: Party; s: Samples; truthFrames: number }[] = [];
for (const c of cases) {
  const got: Record<Party, Samples> = { self: { x: [], y: [] }, other: { x: [], y: [] } };
  const at: Record<Party, number[]> = { self: [], other: [] };
  const engine = new TalkTimeEngine({
    detector,
    config: { edgeKeepProbability: 0 },
    selfProcessing: c.selfProcessing,
    edgeProbe: (party, frame, features) => {
      got[party].x.push(Float64Array.from(features));
      at[party].push(frame);
    },
  });
  await engine.process(c.self, c.other);
  await engine.finish();
  const n = engine.settledFrames;
  for (const party of ['self', 'other'] as const) {
    const truth = framesFromSegments(c.truth[party], n);
    got[party].y = at[party].map((f) => truth[f]!);
    perCase.push({ c, party, s: got[party], truthFrames: truth.reduce((a, b) => a + b, 0) });
  }
}

/** Standardisation and a ridge logistic regression by Newton's method. */
function fit(xs: Float64Array[], ys: number[]) {
  const d = EDGE_FEATURE_COUNT;
  const means = new Array<number>(d).fill(0);
  const scales = new Array<number>(d).fill(0);
  for (const x of xs) for (let i = 0; i < d; i++) means[i]! += x[i]! / xs.length;
  for (const x of xs) for (let i = 0; i < d; i++) scales[i]! += (x[i]! - means[i]!) ** 2 / xs.length;
  for (let i = 0; i < d; i++) scales[i] = Math.sqrt(scales[i]!) + 1e-6;
  const w = new Float64Array(d + 1);
  const z = new Float64Array(d + 1);
  for (let it = 0; it < 12; it++) {
    const g = new Float64Array(d + 1);
    const h = Array.from({ length: d + 1 }, () => new Float64Array(d + 1));
    for (let k = 0; k < xs.length; k++) {
      for (let i = 0; i < d; i++) z[i] = (xs[k]![i]! - means[i]!) / scales[i]!;
      z[d] = 1;
      let a = 0;
      for (let i = 0; i <= d; i++) a += w[i]! * z[i]!;
      const p = 1 / (1 + Math.exp(-a));
      for (let i = 0; i <= d; i++) {
        g[i]! += ((p - ys[k]!) * z[i]!) / xs.length;
        for (let j = 0; j <= d; j++) h[i]![j]! += (p * (1 - p) * z[i]! * z[j]!) / xs.length;
      }
    }
    for (let i = 0; i <= d; i++) {
      g[i]! += 1e-3 * w[i]!;
      h[i]![i]! += 1e-3;
    }
    const step = solve(h, g);
    for (let i = 0; i <= d; i++) w[i]! -= step[i]!;
  }
  return { means, scales, weights: Array.from(w.subarray(0, d)), bias: w[d]! };
}

/** Solves h·s = g by Gaussian elimination with partial pivoting. */
function solve(h: Float64Array[], g: Float64Array): Float64Array {
  const n = g.length;
  const a = h.map((row, i) => [...row, g[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k <= n; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  const s = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let v = a[r]![n]!;
    for (let k = r + 1; k < n; k++) v -= a[r]![k]! * s[k]!;
    s[r] = v / a[r]![r]!;
  }
  return s;
}

const pool = (rows: typeof perCase) => ({ x: rows.flatMap((r) => r.s.x), y: rows.flatMap((r) => r.s.y) });

// Cross-validated: a party's talk (frames the rules let count, less those the judge drops) against its truth.
const byVariant = new Map<string, { engine: number[]; judged: number[] }>();
for (let k = 0; k < K; k++) {
  const train = pool(perCase.filter((r) => r.c.call % K !== k));
  const m = fit(train.x, train.y);
  for (const r of perCase.filter((q) => q.c.call % K === k)) {
    const kept = r.s.x.filter((x) => probability(x, m) >= KEEP).length;
    const e = byVariant.get(r.c.variant) ?? { engine: [], judged: [] };
    e.engine.push(r.s.x.length / r.truthFrames - 1);
    e.judged.push(kept / r.truthFrames - 1);
    byVariant.set(r.c.variant, e);
  }
}
const summary = (a: number[]) =>
  `${((100 * a.reduce((s, v) => s + Math.abs(v), 0)) / a.length).toFixed(1)} % (${a.filter((v) => Math.abs(v) > 0.05).length} over 5 %)`;
console.log(
  `train:edge: ${cases.length} cases, ${perCase.reduce((n, r) => n + r.s.x.length, 0)} talk frames; a party's talk off its truth, mean |…|, cross-validated by call (${K} folds):`,
);
for (const [v, e] of byVariant) console.log(`  ${v.padEnd(18)} engine ${summary(e.engine)} → judged ${summary(e.judged)}`);
const all = [...byVariant.values()];
console.log(`  ${'all'.padEnd(18)} engine ${summary(all.flatMap((e) => e.engine))} → judged ${summary(all.flatMap((e) => e.judged))}`);

const full = pool(perCase);
const model = fit(full.x, full.y);
const r6 = (a: readonly number[]) => `[${a.map((v) => Number(v.toFixed(6))).join(', ')}]`;
const text = `// Written by \`npm run train:edge\` (scripts/talktime/train-edge.ts); do not edit by hand.
/** The edge judge's logistic model: standardised features (x − mean) / scale, weights, bias. */
export const EDGE_WEIGHTS = {
  means: ${r6(model.means)},
  scales: ${r6(model.scales)},
  weights: ${r6(model.weights)},
  bias: ${Number(model.bias.toFixed(6))},
} as const;
`;
if (argv.includes('--dry-run')) console.log(text);
else {
  writeFileSync(join(import.meta.dirname, '..', '..', 'lib', 'talktime', 'engine', 'edge-weights.ts'), text);
  console.log('train:edge: wrote lib/talktime/engine/edge-weights.ts');
}
