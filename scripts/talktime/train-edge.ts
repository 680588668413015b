/**
 * Learns the edge judge's weights (lib/talktime/engine/edge-judge.ts) on TRAINING-split calls only:
 *   npm run train:edge -- [--calls N] [--no-captures] [--capture-variants a,b] [--dry-run]
 * The engine runs with the judge off (`edgeKeepProbability` 0) on the recorded voices of the
 * training split's calls in every training variant (as tune.ts builds them) and on the training
 * split's captures through Chromium's voice processing (bench:processed --split train, when
 * present in .cache/bench-live; only the kinds the shipped weights were trained on unless
 * `--capture-variants` names others, so that a capture made for a study does not change what
 * this command writes); every frame the rules let count is a sample, labelled by the
 * truth. The judge's network (one hidden layer; Adam on the log loss, seeded, so a run gives the
 * same weights) fitted to them is written to lib/talktime/engine/edge-weights.ts (`--dry-run`:
 * printed only). Prints by-call 4-fold cross-validated totals against the engine's: a party's
 * talk off its truth, per variant.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { EDGE_FEATURE_COUNT, EDGE_HIDDEN, type EdgeModel, probability } from '../../lib/talktime/engine/edge-judge';
import { DEFAULT_CONFIG, TalkTimeEngine, type Party, type SelfProcessing } from '../../lib/talktime/engine';
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
const cv = argv.indexOf('--capture-variants');
if (cv >= 0 && !argv[cv + 1]) throw new Error('train:edge: --capture-variants needs a list, e.g. clean,drift15');
/** The capture kinds the shipped weights (lib/talktime/engine/edge-weights.ts) were trained on. */
const captureVariants = new Set((cv >= 0 ? argv[cv + 1]! : 'clean,drift15,swell15,echo-25,echo-12').split(','));
const detector = await loadModelFromDir(MODEL_DIR);
const K = 4; // cross-validation folds, by call
const KEEP = DEFAULT_CONFIG.edgeKeepProbability; // for the cross-validated figures

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
    if (!m || Number(m[1]) >= nCalls || !captureVariants.has(m[2]!)) continue;
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

/** A seeded generator of uniform numbers in [0, 1) (mulberry32): the same weights on every run. */
function random(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

const EPOCHS = 20;
const BATCH = 8192;
const RATE_ADAM = 0.01;
const L2 = 1e-4;

/**
 * Standardisation, then the judge's network (one hidden tanh layer, a logistic output) fitted by
 * Adam on mini-batches of the log loss, with a small L2 penalty on the weights.
 */
function fit(xs: Float64Array[], ys: number[]): EdgeModel {
  const d = EDGE_FEATURE_COUNT;
  const H = EDGE_HIDDEN;
  const n = xs.length;
  const means = new Array<number>(d).fill(0);
  const scales = new Array<number>(d).fill(0);
  for (const x of xs) for (let i = 0; i < d; i++) means[i]! += x[i]! / n;
  for (const x of xs) for (let i = 0; i < d; i++) scales[i]! += (x[i]! - means[i]!) ** 2 / n;
  for (let i = 0; i < d; i++) scales[i] = Math.sqrt(scales[i]!) + 1e-6;
  const z = xs.map((x) => Float64Array.from(x, (v, i) => (v - means[i]!) / scales[i]!));
  const rnd = random(1);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  // Parameters, one array: hidden weights (H × d), hidden biases (H), output weights (H), output bias.
  const P = H * d + H + H + 1;
  const w = new Float64Array(P);
  for (let k = 0; k < H * d; k++) w[k] = normal() / Math.sqrt(d);
  for (let k = 0; k < H; k++) w[H * d + H + k] = normal() / Math.sqrt(H);
  const m = new Float64Array(P);
  const v = new Float64Array(P);
  const g = new Float64Array(P);
  const hid = new Float64Array(H);
  const order = Array.from({ length: n }, (_, i) => i);
  let t = 0;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let start = 0; start < n; start += BATCH) {
      const end = Math.min(n, start + BATCH);
      g.fill(0);
      for (let b = start; b < end; b++) {
        const x = z[order[b]!]!;
        let out = w[P - 1]!;
        for (let h = 0; h < H; h++) {
          let a = w[H * d + h]!;
          for (let i = 0; i < d; i++) a += w[h * d + i]! * x[i]!;
          hid[h] = Math.tanh(a);
          out += w[H * d + H + h]! * hid[h]!;
        }
        const err = (1 / (1 + Math.exp(-out)) - ys[order[b]!]!) / (end - start);
        g[P - 1]! += err;
        for (let h = 0; h < H; h++) {
          g[H * d + H + h]! += err * hid[h]!;
          const back = err * w[H * d + H + h]! * (1 - hid[h]! * hid[h]!);
          g[H * d + h]! += back;
          for (let i = 0; i < d; i++) g[h * d + i]! += back * x[i]!;
        }
      }
      for (let k = 0; k < H * d; k++) g[k]! += L2 * w[k]!;
      for (let k = 0; k < H; k++) g[H * d + H + k]! += L2 * w[H * d + H + k]!;
      t++;
      for (let k = 0; k < P; k++) {
        m[k] = 0.9 * m[k]! + 0.1 * g[k]!;
        v[k] = 0.999 * v[k]! + 0.001 * g[k]! * g[k]!;
        w[k]! -= (RATE_ADAM * (m[k]! / (1 - 0.9 ** t))) / (Math.sqrt(v[k]! / (1 - 0.999 ** t)) + 1e-8);
      }
    }
  }
  return {
    means,
    scales,
    hiddenWeights: Array.from(w.subarray(0, H * d)),
    hiddenBias: Array.from(w.subarray(H * d, H * d + H)),
    outputWeights: Array.from(w.subarray(H * d + H, H * d + 2 * H)),
    outputBias: w[P - 1]!,
  };
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
/** The edge judge's network (edge-judge.ts, \`EdgeModel\`): standardisation, hidden layer, output. */
export const EDGE_WEIGHTS = {
  means: ${r6(model.means)},
  scales: ${r6(model.scales)},
  hiddenWeights: ${r6(model.hiddenWeights)},
  hiddenBias: ${r6(model.hiddenBias)},
  outputWeights: ${r6(model.outputWeights)},
  outputBias: ${Number(model.outputBias.toFixed(6))},
} as const;
`;
if (argv.includes('--dry-run')) console.log(text);
else {
  const out = join(import.meta.dirname, '..', '..', 'lib', 'talktime', 'engine', 'edge-weights.ts');
  // As the house style wraps it, so that `npm run check` passes on what the trainer writes.
  writeFileSync(out, await format(text, { ...(await resolveConfig(out)), filepath: out }));
  console.log('train:edge: wrote lib/talktime/engine/edge-weights.ts');
}
