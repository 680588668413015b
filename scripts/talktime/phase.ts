/**
 * `npm run bench:phase` — how far the offline analyzer's figures move when the same audio starts
 * a fraction of a frame hop later. A live capture starts wherever the page's audio graph was when
 * the call began, so a live figure can only be as near the analyzer's as the analyzer is to
 * itself at another start.
 *
 *   npm run bench:phase -- [--calls 12] [--variants clean,drift15] [--starts 8]
 *     Training-split calls (seeds 500…, recorded voices, as tune.ts --real) delayed by 0, 1/8, …
 *     7/8 of a hop; each party's total's spread over the starts, in % of its truth.
 *   npm run bench:phase -- --live FILE [--variants babble15] [--starts 8]
 *     The tracks a `bench:live --record` run received (`self-received-live.wav`,
 *     `other-received-live.wav`, analysed as the live meter's engine runs them) at the same starts,
 *     and whether each live figure of that run (FILE: its --json) falls inside their range.
 *     The calls' received tracks must still be those of that run (a later --record run overwrites them).
 *     Where the run kept the live meter's trace (a test build), the tracks start at the meter's
 *     frame 0 found by its levels (as bench:live's and bench:trace's analyzer do); otherwise at
 *     the recording's start, ≈ 1 s earlier, which warms the engine on other audio.
 *   [--span H]: the starts spread over H hops instead of one (H = 21, the speech model's block,
 *     moves where its blocks fall on the audio too).
 *   [--config JSON] [--no-model]: with a stage changed or off, to see which stage moves.
 *   [--framings N]: N framings a 1/N of a hop apart (1: the first framing alone; default FRAMINGS,
 *     as the live meter and the analyzer measure: lib/talktime/engine/framings.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FRAMINGS, type TalkTimeConfig } from '../../lib/talktime/engine';
import { FEATURE_SAMPLE_RATE, FRAME_HOP } from '../../lib/talktime/features';
import { type Variant, makeCall, render } from './calls';
import { LIVE_CALLS_DIR } from './live-calls';
import { RATE, listClips, loadMusic } from './data';
import { analyzeCall, loadModelFromDir } from './pipeline';
import { spansMs, totalMs } from './score';
import { liveMeterOptions, readReceivedTracks } from '../bench/record-tracks';
import { readMeterTrace } from '../bench/meter-trace-read';
import { meterFrameZero } from '../bench/trace-align';
import { median } from '../bench/popup-browser';

const { values: opts } = parseArgs({
  options: {
    calls: { type: 'string', default: '12' },
    variants: { type: 'string', default: 'clean,drift15' },
    starts: { type: 'string', default: '8' },
    span: { type: 'string', default: '1' },
    live: { type: 'string' },
    /** Engine configuration overrides, JSON (as bench:talktime's --config): which stage moves. */
    config: { type: 'string', default: '{}' },
    /** The level stage and rules alone, no speech model. */
    'no-model': { type: 'boolean', default: false },
    framings: { type: 'string', default: String(FRAMINGS) },
  },
});
const config = JSON.parse(opts.config) as Partial<TalkTimeConfig>;
const starts = Number(opts.starts);
const span = Number(opts.span);
const variants = opts.variants.split(',') as Variant[];
const detector = opts['no-model'] ? undefined : await loadModelFromDir();

const delayed = (x: Float32Array, n: number) => {
  const y = new Float32Array(x.length + n);
  y.set(x, n);
  return y;
};
/** Samples of a rate in k/starts of `span` hops. */
const delayOf = (k: number, rate: number) => Math.round((k * span * FRAME_HOP * rate) / FEATURE_SAMPLE_RATE / starts);

type Party = 'self' | 'other';
/** Each party's talk (ms) at every start. */
async function atStarts(
  self: { samples: Float32Array; sampleRate: number },
  other: { samples: Float32Array; sampleRate: number },
  options: Parameters<typeof analyzeCall>[2],
): Promise<Record<Party, number[]>> {
  const out: Record<Party, number[]> = { self: [], other: [] };
  for (let k = 0; k < starts; k++) {
    const r = await analyzeCall(
      { samples: delayed(self.samples, delayOf(k, self.sampleRate)), sampleRate: self.sampleRate },
      { samples: delayed(other.samples, delayOf(k, other.sampleRate)), sampleRate: other.sampleRate },
      { ...options, config, framings: Number(opts.framings) },
    );
    out.self.push(r.stats.selfTalkMs);
    out.other.push(r.stats.otherTalkMs);
  }
  return out;
}

const spreadPct = (xs: number[], truth: number) => (100 * (Math.max(...xs) - Math.min(...xs))) / truth;

console.log(
  "| audio | variant | calls | spread of a party's talk over the starts, user / other: median, max (% of truth) | spread ≤ 2 % (calls), user / other |",
);
console.log('| --- | --- | --- | --- | --- |');
const report = (audio: string, v: string, spreads: Record<Party, number[]>) =>
  console.log(
    `| ${audio} | ${v} | ${spreads.self.length} | ${median(spreads.self).toFixed(1)}, ${Math.max(...spreads.self).toFixed(1)} / ${median(spreads.other).toFixed(1)}, ${Math.max(...spreads.other).toFixed(1)} | ` +
      `${spreads.self.filter((s) => s <= 2).length} / ${spreads.other.filter((s) => s <= 2).length} |`,
  );

if (opts.live === undefined) {
  const clips = listClips().filter((c) => c.source !== 'espeak-ng' && c.source !== 'flite');
  const music = loadMusic('train');
  for (const v of variants) {
    const spreads: Record<Party, number[]> = { self: [], other: [] };
    for (let i = 0; i < Number(opts.calls); i++) {
      const call = makeCall(clips, 'train', 500 + i, 60);
      const x = render(call, v, music);
      const talk = await atStarts(
        { samples: x.self, sampleRate: x.sampleRate },
        { samples: x.other, sampleRate: x.sampleRate },
        { detector },
      );
      for (const p of ['self', 'other'] as const) spreads[p].push(spreadPct(talk[p], totalMs(spansMs(call.truth[p], RATE))));
    }
    report('training split, raw', v, spreads);
  }
} else {
  type LiveRow = {
    id: string;
    variant: string;
    processing: 'on' | 'off';
    truth: { selfMs: number; otherMs: number };
    live: { selfRatio: number; otherRatio: number } | null;
  };
  const rows = (JSON.parse(readFileSync(opts.live, 'utf8')) as { rows: LiveRow[] }).rows.filter(
    (r) => r.live && variants.includes(r.variant as Variant),
  );
  let inside = 0;
  const outside: string[] = [];
  for (const v of variants) {
    const spreads: Record<Party, number[]> = { self: [], other: [] };
    const rs = rows.filter((r) => r.variant === v);
    for (const r of rs) {
      const dir = path.join(LIVE_CALLS_DIR, r.id);
      const tracks = readReceivedTracks(dir, 'live');
      if (!tracks) throw new Error(`bench:phase: ${r.id} has no recorded tracks (run bench:live with --record)`);
      const trace = readMeterTrace(dir, 'live');
      if (trace) {
        const zero = meterFrameZero(dir, trace, tracks).starts;
        for (const p of ['self', 'other'] as const) tracks[p] = { ...tracks[p], samples: tracks[p].samples.subarray(zero[p]) };
      }
      const talk = await atStarts(tracks.self, tracks.other, liveMeterOptions(detector, r.processing));
      for (const p of ['self', 'other'] as const) {
        const truth = p === 'self' ? r.truth.selfMs : r.truth.otherMs;
        const live = (p === 'self' ? r.live!.selfRatio : r.live!.otherRatio) * truth;
        spreads[p].push(spreadPct(talk[p], truth));
        const [lo, hi] = [Math.min(...talk[p]), Math.max(...talk[p])];
        if (live >= lo - 0.5 && live <= hi + 0.5) inside++;
        else
          outside.push(
            `${r.id} ${p}: live ×${(live / truth).toFixed(3)}, the starts ×${(lo / truth).toFixed(3)}–×${(hi / truth).toFixed(3)}`,
          );
      }
    }
    if (rs.length) report(`received in ${path.basename(opts.live)} (processing ${rs[0]!.processing})`, v, spreads);
  }
  console.log(`\nLive figures inside the range of the starts: ${inside} of ${rows.length * 2} parties.`);
  for (const o of outside) console.log(`  outside: ${o}`);
}
