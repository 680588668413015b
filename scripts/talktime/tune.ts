/**
 * Level-stage tuning on TRAINING-split calls (never the dev set):
 *   node scripts/run-ts.mjs scripts/talktime/tune.ts '{"onScore":[1.5,2]}' [--calls N] [--model | --model-dir DIR] [--bias]
 *     [--real] [--variants a,b] [--legacy-truth]
 * Every variant of the dev set's table and the extra ones (drifting noise), or those of
 * `--variants`; `--real`: recorded voices only (the synthetic espeak/flite ones left out, as the
 * live benchmark's calls are made).
 * Frames are computed once; every config combination then runs the engine only. Prints the share
 * error (mean, max, per variant) and how far each party's talk is from its truth, per call.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SpeechDetector } from '../../lib/talktime/detector';
import { DEFAULT_CONFIG, type TalkTimeConfig, TalkTimeEngine } from '../../lib/talktime/engine';
import { type Frame, FrameExtractor } from '../../lib/talktime/features';
import { compiledKernel } from '../../lib/talktime/features/kernel';
import { EXTRA_VARIANTS, VARIANTS, type Variant, makeCall, render } from './calls';
import { RATE, listClips, loadMusic, setTruthRule } from './data';
import { MODEL_DIR, loadModelFromDir } from './pipeline';
import { type CallScore, scoreCall, spansMs, summarise, totalMs } from './score';

const grid = JSON.parse(process.argv[2] ?? '{}') as Record<string, number[]>;
const ci = process.argv.indexOf('--calls');
const nCalls = ci >= 0 ? Number(process.argv[ci + 1]) : 3;
if (process.argv.includes('--legacy-truth')) setTruthRule('legacy');
const real = process.argv.includes('--real');
const clips = listClips().filter((c) => !real || (c.source !== 'espeak-ng' && c.source !== 'flite'));
const vi = process.argv.indexOf('--variants');
const tunable: readonly Variant[] = [...VARIANTS, ...EXTRA_VARIANTS];
const variants = vi >= 0 ? (process.argv[vi + 1]!.split(',') as Variant[]) : [...tunable];
// Nothing is chosen on the frozen test split's variants (nor on anything not a variant).
const refused = variants.filter((v) => !tunable.includes(v));
if (refused.length) {
  console.error(`tune: not a training variant: ${refused.join(', ')} (choose among ${tunable.join(', ')})`);
  process.exit(2);
}
const music = loadMusic('train');
let detector: SpeechDetector | undefined;
const mdi = process.argv.indexOf('--model-dir');
const modelDir = mdi >= 0 ? process.argv[mdi + 1]! : MODEL_DIR;
if (mdi >= 0 && !existsSync(join(modelDir, 'model.json'))) {
  console.error(`tune: no model.json in ${modelDir}`);
  process.exit(1);
}
if ((process.argv.includes('--model') || mdi >= 0) && existsSync(join(modelDir, 'model.json'))) detector = await loadModelFromDir(modelDir);
const cases: { v: string; self: Frame[]; other: Frame[]; truth: { self: [number, number][]; other: [number, number][] }; ms: number }[] =
  [];
for (let i = 0; i < nCalls; i++) {
  const call = makeCall(clips, 'train', 500 + i, 60);
  for (const v of variants) {
    const x = render(call, v, music);
    const ms = (x.self.length / x.sampleRate) * 1000;
    cases.push({
      v,
      self: new FrameExtractor(x.sampleRate, { kernel: compiledKernel() }).push(x.self),
      other: new FrameExtractor(x.sampleRate, { kernel: compiledKernel() }).push(x.other),
      truth: { self: spansMs(call.truth.self, RATE), other: spansMs(call.truth.other, RATE) },
      ms,
    });
  }
}
const keys = Object.keys(grid);
const combos: Partial<TalkTimeConfig>[] = [{}];
for (const k of keys) {
  const next: Partial<TalkTimeConfig>[] = [];
  for (const c of combos) for (const v of grid[k]!) next.push({ ...c, [k]: v });
  combos.splice(0, combos.length, ...next);
}
for (const config of combos) {
  const byV = new Map<string, CallScore[]>();
  const bias = new Map<string, number[]>();
  const party = { sum: [0, 0], max: [0, 0], over5: [0, 0] };
  let worst = { err: -1, at: '' };
  for (const [ci, c] of cases.entries()) {
    const e = new TalkTimeEngine({ config, detector });
    await e.process(c.self, c.other);
    await e.finish();
    const seg = e.segments();
    const score = scoreCall(c.truth, seg, c.ms);
    byV.set(c.v, [...(byV.get(c.v) ?? []), score]);
    if (score.shareErrPp > worst.err)
      worst = { err: score.shareErrPp, at: `${c.v} call ${500 + Math.floor(ci / (cases.length / nCalls))}` };
    // Each party's talk against its truth in this call (talk / truth − 1): summed per variant as
    // the mean bias, and as its size per call.
    const rel = [totalMs(seg.self) / totalMs(c.truth.self) - 1, totalMs(seg.other) / totalMs(c.truth.other) - 1];
    const b = bias.get(c.v) ?? [0, 0];
    rel.forEach((r, p) => {
      b[p]! += r / nCalls;
      party.sum[p]! += Math.abs(r);
      party.max[p] = Math.max(party.max[p]!, Math.abs(r));
      if (Math.abs(r) > 0.05) party.over5[p]!++;
    });
    bias.set(c.v, b);
  }
  const all = summarise([...byV.values()].flat());
  const per = [...byV].map(([v, s]) => `${v} ${summarise(s).meanSharePp.toFixed(1)}`).join(' ');
  if (process.argv.includes('--bias'))
    console.log([...bias].map(([v, b]) => `${v} ${(b[0]! * 100).toFixed(1)}%/${(b[1]! * 100).toFixed(1)}%`).join(' '));
  const pct = (x: number) => (100 * x).toFixed(2);
  console.log(`  worst call: ${worst.at} (${worst.err.toFixed(2)} pp)`);
  console.log(
    `  each party's talk off its truth, self/other: mean ${pct(party.sum[0]! / cases.length)}/${pct(party.sum[1]! / cases.length)} %, ` +
      `max ${pct(party.max[0]!)}/${pct(party.max[1]!)} %, over 5 % in ${party.over5[0]}/${party.over5[1]} of ${cases.length} calls`,
  );
  console.log(
    `${JSON.stringify(config)} mean ${all.meanSharePp.toFixed(2)} max ${all.maxSharePp.toFixed(1)} F1 ${all.f1.self.toFixed(3)}/${all.f1.other.toFixed(3)} | ${per}`,
  );
}
void DEFAULT_CONFIG;
