/**
 * Talk-time benchmark: `npm run bench:talktime [-- --split dev|test --calls N --seconds S --only a,b --variants v,w --model DIR --no-peers --legacy-truth]`.
 * `--legacy-truth`: score against the truth rule before 2026-12-03 (the recordings' background counted as talk; data.ts).
 * Builds the deterministic dev set from allowed sources (held-out voice groups) — or, with
 * `--split test`, the frozen test split (test-split.ts: voices and a noise generator nothing was
 * chosen on) — runs the Rapport engine (same calls as the analyze CLI) and the peers on every
 * variant, scores them and prints a Markdown table.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { SpeechDetector } from '../../lib/talktime/detector';
import type { TalkTimeConfig } from '../../lib/talktime/engine';
import { type Call, TEST_VARIANTS, VARIANTS, type Variant, makeCall, render } from './calls';
import { RATE, listClips, loadMusic, missingPackages, setTruthRule } from './data';
import { MODEL_DIR, analyzeCall, loadModelFromDir } from './pipeline';
import { type CallScore, type Summary, scoreCall, spansMs, summarise } from './score';
import { missingTestPackages, testClips } from './test-split';

type Segs = { self: [number, number][]; other: [number, number][] };
export interface System {
  name: string;
  /**
   * Each party's talk segments, and the talk totals the system reports when they are not the
   * segments' (Rapport's: the mean of its framings, lib/talktime/engine/framings.ts; its segments
   * are the first framing's). Share and talk errors are scored on the totals, F1 on the segments.
   */
  run(self: Float32Array, other: Float32Array, sampleRate: number): Promise<Segs & { totals?: { self: number; other: number } }>;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** A plain energy VAD per channel: 20 ms frames, fixed threshold over the channel's own 10th-percentile level, 300 ms hangover. */
export function energyVad(x: Float32Array, rate: number): [number, number][] {
  const hop = Math.round(rate * 0.02);
  const n = Math.floor(x.length / hop);
  const db = new Float32Array(n);
  for (let f = 0; f < n; f++) {
    let s = 0;
    for (let i = f * hop; i < (f + 1) * hop; i++) s += x[i]! * x[i]!;
    db[f] = 10 * Math.log10(s / hop + 1e-12);
  }
  const sorted = Float32Array.from(db).sort();
  const floor = sorted[Math.floor(n * 0.1)] ?? -120;
  const on = Array.from(db, (v) => v > floor + 12);
  return framesToSegments(on, 20, 15);
}

/** Boolean frames of `frameMs` → segments in ms, bridging gaps ≤ bridge frames. */
export function framesToSegments(on: boolean[], frameMs: number, bridge: number): [number, number][] {
  const segs: [number, number][] = [];
  let start = -1;
  let gap = 0;
  for (let f = 0; f <= on.length; f++) {
    const v = f < on.length && on[f];
    if (v) {
      if (start < 0) start = f;
      gap = 0;
    } else if (start >= 0) {
      gap++;
      if (gap > bridge || f === on.length) {
        segs.push([start * frameMs, (f - gap + 1) * frameMs]);
        start = -1;
        gap = 0;
      }
    }
  }
  return segs;
}

/** Applies the notes' simple cross-channel level rule to a per-channel VAD's self segments. */
export function withEchoRule(self: Float32Array, other: Float32Array, rate: number, segs: Segs): Segs {
  const hop = Math.round(rate * 0.02);
  const level = (x: Float32Array, f: number) => {
    let s = 0;
    for (let i = f * hop; i < (f + 1) * hop && i < x.length; i++) s += x[i]! * x[i]!;
    return 10 * Math.log10(s / hop + 1e-12);
  };
  const n = Math.floor(self.length / hop);
  const otherOn = new Uint8Array(n);
  for (const [a, b] of segs.other) for (let f = Math.floor(a / 20); f < Math.min(n, Math.ceil(b / 20)); f++) otherOn[f] = 1;
  const on: boolean[] = [];
  const selfOn = new Uint8Array(n);
  for (const [a, b] of segs.self) for (let f = Math.floor(a / 20); f < Math.min(n, Math.ceil(b / 20)); f++) selfOn[f] = 1;
  for (let f = 0; f < n; f++) {
    let keep = selfOn[f] === 1;
    if (keep) {
      let recent = false;
      let max = -Infinity;
      for (let k = Math.max(0, f - 7); k <= f; k++) {
        if (otherOn[k]) recent = true;
        max = Math.max(max, level(other, k));
      }
      if (recent && level(self, f) < max - 10) keep = false;
    }
    on.push(keep);
  }
  return { self: framesToSegments(on, 20, 15), other: segs.other };
}

async function peers(): Promise<System[]> {
  const dir = join(import.meta.dirname, 'peers');
  if (!existsSync(join(dir, 'node_modules'))) {
    console.error('bench: peers not installed (run `npm run bench:setup`); comparing with the energy VAD only');
    return [];
  }
  const mod = (await import(join(dir, 'peers.mjs'))) as {
    createPeers(): Promise<{ name: string; vad(x: Float32Array, rate: number): Promise<[number, number][]> }[]>;
  };
  const list = await mod.createPeers();
  const out: System[] = [];
  for (const p of list) {
    // The "+ echo rule" row reuses the plain row's output for the same audio (its time is the rule's only).
    const seen = new WeakMap<Float32Array, { o: Float32Array; segs: Segs }>();
    out.push({
      name: p.name,
      run: async (s, o, rate) => {
        const segs = { self: await p.vad(s, rate), other: await p.vad(o, rate) };
        seen.set(s, { o, segs });
        return segs;
      },
    });
    out.push({
      name: `${p.name} + echo rule`,
      run: async (s, o, rate) => {
        const hit = seen.get(s);
        const segs = hit && hit.o === o ? hit.segs : { self: await p.vad(s, rate), other: await p.vad(o, rate) };
        return withEchoRule(s, o, rate, segs);
      },
    });
  }
  return out;
}

async function main(): Promise<void> {
  const missing = missingPackages();
  if (missing.length) {
    console.error(`bench: missing allowed data packages; install with: sudo apt-get install --no-install-recommends ${missing.join(' ')}`);
    process.exit(1);
  }
  const split = arg('split', 'dev');
  if (split !== 'dev' && split !== 'test') throw new Error(`--split: dev or test, not "${split}"`);
  const missingTest = split === 'test' ? missingTestPackages() : [];
  if (missingTest.length) {
    console.error(
      `bench: the test split needs Festival voices; install with: sudo apt-get install --no-install-recommends ${missingTest.join(' ')}`,
    );
    process.exit(1);
  }
  const nCalls = Number(arg('calls', split === 'test' ? '10' : '6'));
  const seconds = Number(arg('seconds', '60'));
  const only = arg('only', '');
  if (process.argv.includes('--legacy-truth')) setTruthRule('legacy');
  const clips = split === 'test' ? testClips() : listClips();
  const music = loadMusic('dev');
  const calls: Call[] = [];
  for (let i = 0; i < nCalls; i++) calls.push(makeCall(clips, split, (split === 'test' ? 3000 : 1000) + i, seconds));
  let detector: SpeechDetector | undefined;
  const modelDir = arg('model', MODEL_DIR);
  if (existsSync(join(modelDir, 'model.json'))) detector = await loadModelFromDir(modelDir);
  const config: Partial<TalkTimeConfig> = JSON.parse(arg('config', '{}')) as Partial<TalkTimeConfig>;
  const systems: System[] = [];
  const rapport = (name: string, det: SpeechDetector | undefined): System => ({
    name,
    run: async (s, o, rate) => {
      const r = await analyzeCall({ samples: s, sampleRate: rate }, { samples: o, sampleRate: rate }, { detector: det, config });
      return { ...r.segments, totals: { self: r.stats.selfTalkMs, other: r.stats.otherTalkMs } };
    },
  });
  if (detector) systems.push(rapport('Rapport (level + echo + model veto)', detector));
  systems.push(rapport('Rapport without model', undefined));
  systems.push({ name: 'energy VAD', run: async (s, o, rate) => ({ self: energyVad(s, rate), other: energyVad(o, rate) }) });
  systems.push({
    name: 'energy VAD + echo rule',
    run: async (s, o, rate) => withEchoRule(s, o, rate, { self: energyVad(s, rate), other: energyVad(o, rate) }),
  });
  if (!process.argv.includes('--no-peers')) systems.push(...(await peers()));
  const chosen = only ? systems.filter((s) => only.split(',').some((o) => s.name.toLowerCase().includes(o.toLowerCase()))) : systems;
  const variants = (arg('variants', '') ? arg('variants', '').split(',') : split === 'test' ? TEST_VARIANTS : VARIANTS) as Variant[];

  const scores = new Map<string, Map<Variant, CallScore[]>>();
  const time = new Map<string, { audio: number; cpu: number }>();
  // Every call is rendered, and its garbage collected, before anything is timed: a timed run
  // right after a render paid for collecting the render's garbage (the first system of each
  // call ran up to 25 % slower than the same system later).
  const renderedAll = variants.map((v) => calls.map((call) => ({ call, x: render(call, v, music) })));
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  // One untimed call per system first, so none is timed while its code is still cold.
  for (const sys of chosen) {
    const first = renderedAll[0]?.[0];
    if (first) await sys.run(first.x.self, first.x.other, first.x.sampleRate);
  }
  // Variant by variant, each system in turn over the variant's calls: each system mostly pays
  // for collecting its own garbage (call by call, a system's speed depended on which one ran
  // before it, by up to 40 %), and all of them meet the shared machine's ups and downs alike
  // (one block per system for the whole dev set put whole minutes between them).
  for (const [vi, v] of variants.entries()) {
    for (const sys of chosen) {
      for (const { call, x } of renderedAll[vi]!) {
        const durationMs = (x.self.length / x.sampleRate) * 1000;
        const truth = {
          self: spansMs(call.truth.self, RATE),
          other: spansMs(call.truth.other, RATE),
        };
        // CPU time of this process (user + system), so other jobs on the machine do not count.
        const c0 = process.cpuUsage();
        const est = await sys.run(x.self, x.other, x.sampleRate);
        const c1 = process.cpuUsage(c0);
        const dt = (c1.user + c1.system) / 1000;
        const tm = time.get(sys.name) ?? { audio: 0, cpu: 0 };
        tm.audio += durationMs;
        tm.cpu += dt;
        time.set(sys.name, tm);
        const byV = scores.get(sys.name) ?? new Map<Variant, CallScore[]>();
        byV.set(v, [...(byV.get(v) ?? []), scoreCall(truth, est, durationMs, est.totals)]);
        scores.set(sys.name, byV);
      }
    }
    process.stderr.write(`bench: ${v} done\n`);
  }
  const fmt = (s: Summary) =>
    `${s.meanSharePp.toFixed(2)} / ${s.maxSharePp.toFixed(2)} | ${(s.relErr.self * 100).toFixed(1)} / ${(s.relErr.other * 100).toFixed(1)} | ${s.f1.self.toFixed(3)} / ${s.f1.other.toFixed(3)}`;
  const lines: string[] = [];
  lines.push(
    split === 'test'
      ? `Frozen test split: ${calls.length} calls × ${seconds} s per variant, Festival voices and a noise generator nothing was chosen on.`
      : `Dev set: ${calls.length} calls × ${seconds} s per variant, held-out voice groups of the allowed sources.`,
  );
  lines.push('');
  lines.push(
    '| system | all variants: selfShare err mean / max (pp) | rel. talk-time err self / other (%) | frame F1 self / other | speed (× realtime, 2 channels, CPU time) |',
  );
  lines.push('| --- | --- | --- | --- | --- |');
  for (const sys of chosen) {
    const all = [...scores.get(sys.name)!.values()].flat();
    const tm = time.get(sys.name)!;
    lines.push(`| ${sys.name} | ${fmt(summarise(all)).replace(/ \| /g, ' | ')} | ${(tm.audio / tm.cpu).toFixed(0)} |`);
  }
  const perVariant = (title: string, cell: (s: Summary) => string) => {
    lines.push('', title, '', `| system | ${variants.join(' | ')} |`, `| --- | ${variants.map(() => '---').join(' | ')} |`);
    for (const sys of chosen)
      lines.push(`| ${sys.name} | ${variants.map((v) => cell(summarise(scores.get(sys.name)!.get(v)!))).join(' | ')} |`);
  };
  perVariant(
    'Per variant — selfShare error mean / max (pp), frame F1 self / other:',
    (s) => `${s.meanSharePp.toFixed(2)} / ${s.maxSharePp.toFixed(1)}; ${s.f1.self.toFixed(2)} / ${s.f1.other.toFixed(2)}`,
  );
  perVariant(
    "Worst over-count of a party's talk over the calls, self / other (%; negative: every call under the truth):",
    (s) => `${(s.maxOver.self * 100).toFixed(0)} / ${(s.maxOver.other * 100).toFixed(0)}`,
  );
  console.log(lines.join('\n'));
}

main().catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
