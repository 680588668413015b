/**
 * `npm run bench:stages` — where each party's talk is found and where it is lost, stage by stage
 * (the engine's `stageProbe`): after the level stage (with the echo rule and mute), the model's
 * veto, bridging, the rules (near-vowel, cross-talk, far end, shape), the talker gate, the edge
 * judge, and in the end (less what the gate's hindsight took back). At each stage, of the
 * party's true talk the share still counted ("found") and the talk counted where there was none
 * ("extra"), both in % of the truth, summed over the calls of a variant. A stage that loses true
 * talk or lets extra through shows where to look; the figures are the analyzer's, not a target.
 *
 *   npm run bench:stages -- [--split train] [--calls 6] [--variants clean,drift15,...]
 *     The calls bench:processed captured through Chromium's voice processing (the microphone as
 *     the page got it, `self-processed.wav`; an echo call's room capture where there is one),
 *     analysed as bench:processed does. Calls not captured yet are skipped (say which).
 *   --raw: the same calls' microphone recordings as they were, before any processing.
 *   --live FILE: the tracks a `bench:live --record` run received (FILE: its --json), analysed as
 *     the live meter's engine runs them.
 *   --per-call: a row per call, not per variant.
 *   [--config JSON] [--no-model]
 *
 * A second table says how much of each party's words the path removed before the engine saw them:
 * of the true talk frames where the party's clean recording is within 30 dB of its loudest, those
 * where the track the engine read stands 20 dB or more under that recording (less the path's
 * median gain): a browser's echo canceller ducking the user while the other party talks, its noise
 * suppressor taking soft words with the room. No analyzer can count what is not there; the part in
 * double talk is the part the other party did not hear either.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Party, Stage, TalkTimeConfig, TalkTimeOptions } from '../../lib/talktime/engine';
import { FEATURE_SAMPLE_RATE, FRAME_HOP } from '../../lib/talktime/features';
import { LIVE_CALLS_DIR } from './live-calls';
import { type Lag, NO_LAG, type Track, frameLevelsDb, removedByPath, trackLag } from './track-path';
import { type AnalysisResult, analyzeCall, framesFromSegments, loadModelFromDir } from './pipeline';
import { parseWav } from './wav';
import { liveMeterOptions, readReceivedTracks } from '../bench/record-tracks';

const { values: opts } = parseArgs({
  options: {
    split: { type: 'string', default: 'train' },
    calls: { type: 'string', default: '6' },
    variants: { type: 'string', default: 'clean,drift15,echo-25,echo-12,babble15,combined' },
    raw: { type: 'boolean', default: false },
    live: { type: 'string' },
    config: { type: 'string', default: '{}' },
    'no-model': { type: 'boolean', default: false },
    'per-call': { type: 'boolean', default: false },
  },
  strict: true,
});
const config = JSON.parse(opts.config) as Partial<TalkTimeConfig>;
const detector = opts['no-model'] ? undefined : await loadModelFromDir();
const variants = opts.variants.split(',');
const HOP_S = FRAME_HOP / FEATURE_SAMPLE_RATE;
const STAGES: readonly (Stage | 'final')[] = ['level', 'veto', 'bridged', 'rules', 'gate', 'judged', 'final'];
const PARTIES: readonly Party[] = ['self', 'other'];

interface Job {
  id: string;
  variant: string;
  dir: string;
  self: Track;
  other: Track;
  options: TalkTimeOptions;
}

const readTrack = (file: string): Track => {
  const wav = parseWav(readFileSync(file));
  return { samples: wav.mono, sampleRate: wav.sampleRate };
};

function jobs(): { jobs: Job[]; audio: string; skipped: string[] } {
  const out: Job[] = [];
  const skipped: string[] = [];
  if (opts.live !== undefined) {
    type LiveRow = { id: string; variant: string; processing: 'on' | 'off'; live: unknown };
    const rows = (JSON.parse(readFileSync(opts.live, 'utf8')) as { rows: LiveRow[] }).rows.filter(
      (r) => r.live && variants.includes(r.variant),
    );
    for (const r of rows) {
      const dir = path.join(LIVE_CALLS_DIR, r.id);
      const tracks = readReceivedTracks(dir, 'live');
      if (!tracks) skipped.push(r.id);
      else out.push({ id: r.id, variant: r.variant, dir, ...tracks, options: liveMeterOptions(detector, r.processing) });
    }
    const processing = rows[0]?.processing ?? 'on';
    return { jobs: out, audio: `received in ${path.basename(opts.live)} (processing ${processing})`, skipped };
  }
  const first = opts.split === 'train' ? 500 : 2000;
  for (let i = 0; i < Number(opts.calls); i++)
    for (const variant of variants) {
      const id = `${opts.split}-${first + i}-${variant}`;
      const dir = path.join(LIVE_CALLS_DIR, id);
      if (!existsSync(path.join(dir, 'truth.json'))) {
        skipped.push(id);
        continue;
      }
      const other = readTrack(path.join(dir, 'other.wav'));
      if (opts.raw) {
        out.push({ id, variant, dir, self: readTrack(path.join(dir, 'self.wav')), other, options: { detector } });
        continue;
      }
      const capture = ['self-processed-room.wav', 'self-processed.wav'].map((f) => path.join(dir, f)).find((f) => existsSync(f));
      if (!capture) {
        skipped.push(id);
        continue;
      }
      out.push({
        id,
        variant,
        dir,
        self: readTrack(capture),
        other,
        options: { detector, selfProcessing: { echoCancelled: true, noiseSuppressed: true } },
      });
    }
  return { jobs: out, audio: `${opts.split} split, ${opts.raw ? 'raw microphone' : 'through Chromium\u2019s processing'}`, skipped };
}

/** Per party and stage: frames counted inside the truth, and outside it. */
type Tally = Record<Party, Record<string, { found: number; extra: number }>>;
const emptyTally = (): Tally => {
  const t = {} as Tally;
  for (const p of PARTIES) {
    t[p] = {};
    for (const s of STAGES) t[p][s] = { found: 0, extra: 0 };
  }
  return t;
};

/** How late a party's track carries its recording (see trackLag); the truth is moved with it. */
function lagOf(job: Job, party: Party): Lag {
  return trackLag(job[party], readTrack(path.join(job.dir, `${party}.wav`)));
}

/** The truth of a call as frames of the engine's grid, each party's moved by how late its track carries it. */
function truthFrames(dir: string, frames: number, lag: Record<Party, Lag>): Record<Party, Uint8Array> {
  const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as {
    sampleRate: number;
    spans: Record<Party, [number, number][]>;
  };
  const out = {} as Record<Party, Uint8Array>;
  for (const p of PARTIES) {
    const t = new Uint8Array(frames);
    // A moment s of the recording sits at s + lag(t) on the track, t being that place on the
    // track: one step from t ≈ s is enough, the lag moving by ms over seconds.
    const at = (x: number) => {
      const s = x / truth.sampleRate;
      return Math.round((s + lag[p](s + lag[p](s))) / HOP_S);
    };
    for (const [a, b] of truth.spans[p]) for (let f = Math.max(0, at(a)); f < Math.min(frames, at(b)); f++) t[f] = 1;
    out[p] = t;
  }
  return out;
}

/** What the path removed of each party's words (see removedByPath), against the clean call of the same seed. */
function removedOf(job: Job, truth: Record<Party, Uint8Array>, lags: Record<Party, Lag>, frames: number) {
  const out = {} as Removed;
  // The clean call's recording of the same seed: the party's words without the room or the echo.
  const cleanDir = job.dir.replace(new RegExp(`-${job.variant}$`), '-clean');
  for (const p of PARTIES) {
    const file = [path.join(cleanDir, `${p}.wav`), path.join(job.dir, `${p}.wav`)].find((f) => existsSync(f))!;
    const clean = frameLevelsDb(readTrack(file), frames, HOP_S, lags[p]);
    const heard = frameLevelsDb(job[p], frames, HOP_S);
    out[p] = removedByPath(heard, clean, truth[p], truth[p === 'self' ? 'other' : 'self']);
  }
  return out;
}

const { jobs: todo, audio, skipped } = jobs();
type Removed = Record<Party, ReturnType<typeof removedByPath>>;
/** Per variant, or per call with --per-call. */
const groups = new Map<string, { tally: Tally; truth: Record<Party, number>; calls: number; removed: Removed }>();
for (const job of todo) {
  const seconds = Math.max(job.self.samples.length / job.self.sampleRate, job.other.samples.length / job.other.sampleRate);
  const frames = Math.ceil(seconds / HOP_S) + 2;
  // Only a received track is written on the page's timeline; a capture is aligned to its
  // recording when it is made (bench:processed), and the raw files are the truth's own.
  const lags = opts.live === undefined ? { self: NO_LAG, other: NO_LAG } : { self: lagOf(job, 'self'), other: lagOf(job, 'other') };
  const truth = truthFrames(job.dir, frames, lags);
  const key = opts['per-call'] ? job.id : job.variant;
  const entry = groups.get(key) ?? {
    tally: emptyTally(),
    truth: { self: 0, other: 0 },
    calls: 0,
    removed: { self: { removed: 0, doubleTalk: 0 }, other: { removed: 0, doubleTalk: 0 } },
  };
  groups.set(key, entry);
  entry.calls++;
  if (!opts.raw) {
    const gone = removedOf(job, truth, lags, frames);
    for (const p of PARTIES) {
      entry.removed[p].removed += gone[p].removed;
      entry.removed[p].doubleTalk += gone[p].doubleTalk;
    }
  }
  for (const p of PARTIES) entry.truth[p] += truth[p].reduce((a, v) => a + v, 0);
  const count = (party: Party, stage: string, f: number, talk: boolean) => {
    if (!talk || f >= frames) return;
    const cell = entry.tally[party][stage]!;
    if (truth[party][f]) cell.found++;
    else cell.extra++;
  };
  const result: AnalysisResult = await analyzeCall(job.self, job.other, {
    ...job.options,
    config,
    stageProbe: (party, stage, f, talk) => count(party, stage, f, talk),
  });
  for (const p of PARTIES) {
    const final = framesFromSegments(result.segments[p] as [number, number][], frames);
    for (let f = 0; f < frames; f++) count(p, 'final', f, final[f] === 1);
  }
}

console.log(`Where the talk goes, stage by stage: ${audio}. Each stage: found / extra, % of the party's true talk.\n`);
console.log(`| ${opts['per-call'] ? 'call' : 'variant'} | calls | party | truth (s) | ${STAGES.join(' | ')} |`);
console.log(`| --- | --- | --- | --- | ${STAGES.map(() => '---').join(' | ')} |`);
for (const [variant, { tally, truth, calls }] of groups)
  for (const p of PARTIES) {
    const cells = STAGES.map((s) => {
      const c = tally[p][s]!;
      return `${((100 * c.found) / truth[p]).toFixed(1)} / ${((100 * c.extra) / truth[p]).toFixed(1)}`;
    });
    console.log(`| ${variant} | ${calls} | ${p === 'self' ? 'user' : 'other'} | ${(truth[p] * HOP_S).toFixed(0)} | ${cells.join(' | ')} |`);
  }
if (!opts.raw) {
  console.log(`\nWhat the path removed of each party's words before the engine saw them, % of their true talk (of it, in double talk):\n`);
  console.log(`| ${opts['per-call'] ? 'call' : 'variant'} | user | other |`);
  console.log('| --- | --- | --- |');
  for (const [key, { removed, truth }] of groups) {
    const cell = (p: Party) =>
      `${((100 * removed[p].removed) / truth[p]).toFixed(1)} (${((100 * removed[p].doubleTalk) / truth[p]).toFixed(1)})`;
    console.log(`| ${key} | ${cell('self')} | ${cell('other')} |`);
  }
}
if (skipped.length) console.log(`\nNot captured or not recorded (skipped): ${skipped.join(', ')}`);
