/**
 * `npm run bench:live` — talk time as a mentor sees it on a real call, scored against the truth.
 *
 * Each call is two real voices from the dev split of the allowed sources (scripts/talktime/data.ts;
 * the synthetic espeak/flite voices left out), rendered as a variant (clean, room noise that drifts
 * and swells at 15 dB on both sides, loudspeaker echo at −25 or −12 dB), with 3 s of room tone
 * before and after. The built extension runs in Chromium on the demo call:
 * - the microphone is the call's "self" recording through Chromium's fake capture device, asked
 *   for as call sites ask (`getUserMedia({audio: true})`: echo canceller, noise suppressor and gain
 *   control on), or raw (`--processing off`, to compare the live path with the analyzer);
 * - the other party's recording comes over an RTCPeerConnection from a far end on another origin,
 *   on the microphone's timeline (started `--lead` ms ahead, 80: the time its audio takes to cross
 *   the connection on an idle machine); the call page plays it aloud (unmuted), so the echo
 *   canceller has its reference;
 * - the echo calls' echo (`--echo room`, the default) is made from what the call page plays: the
 *   browser runs on a private PulseAudio server (scripts/sound-server.mjs) whose microphone hears
 *   the user's recording (the clean call's) plus the browser's own output, 40 ms later, at the
 *   variant's level, as a loudspeaker's echo in a room — so it follows its source however late the
 *   source arrives, on a busy machine too. `--echo file` instead plays the echo variant's
 *   recording, with an echo baked in 30–120 ms after the far end's file, through the fake capture
 *   device: that echo comes before its source whenever the connection takes longer than
 *   `--lead` (under load it does). The page's lag probe (demo-call/public/lag-probe.js)
 *   measures the echo's delay at the page on every echo call;
 * - idle, or busy: the call also sends and receives a 640×360 30 fps video both ways (the call
 *   tab encodes and decodes it, as a real call's does) while `--busy-workers` processes spin on
 *   the 2 cores for the whole call.
 * The stored session (IndexedDB) is scored against the truth of the same audio, next to the
 * offline analyzer on the same raw audio. The browser's CPU time is measured over the call, and
 * for one call per condition also with no extension loaded, in the same run (every other pair
 * with the extension first): by kind of process, by thread of the page renderers, and again from
 * 20 s into the call.
 *
 *   npm run bench:live -- [--calls 6] [--variants clean,drift15,echo-25,echo-12]
 *     [--processing on,off] [--load idle,busy] [--echo room|file] [--runs 1] [--cpu-pairs 1]
 *     [--no-build] [--json FILE] [--record] [--split dev|train]
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import type { TalkStats } from '../../lib/schema/talk';
import type { Variant } from '../talktime/calls';
import {
  LIVE_CALLS_DIR,
  type LiveCall,
  type Truth,
  envelopeLag,
  levelEnvelopeDb,
  roomEchoDb,
  roomMicOf,
  variantsToRender,
  writeLiveCalls,
} from '../talktime/live-calls';
import { analyzeCall, loadModelFromDir } from '../talktime/pipeline';
import {
  liveMeterOptions,
  readReceivedTracks,
  receivedOffsetS,
  recordTracks,
  removeReceivedTracks,
  saveRecordedTracks,
} from './record-tracks';
import { meterTracePath, readMeterTrace, saveMeterTrace } from './meter-trace-read';
import { frameZero } from './trace-align';
import { readStoredSessions } from './stored-session';
import { ROOM_ECHO_LATENCY_MS, type SoundServer, startSoundServer } from '../sound-server.mjs';
// @ts-expect-error -- plain JS module shared with `npm start`
import { chromiumArgs } from '../chromium-args.mjs';
// @ts-expect-error -- plain JS module shared with `npm start`
import { startDemoServer } from '../demo-call/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const extensionDir = path.join(root, '.output/chrome-mv3-test');
const extensionId = readFileSync(path.join(root, 'scripts/keys/test-extension-id.txt'), 'utf8').trim();
const workDir = LIVE_CALLS_DIR;

const { values: opts } = parseArgs({
  options: {
    calls: { type: 'string', default: '6' },
    seconds: { type: 'string', default: '60' },
    variants: { type: 'string', default: 'clean,drift15,echo-25,echo-12' },
    processing: { type: 'string', default: 'on,off' },
    load: { type: 'string', default: 'idle,busy' },
    'busy-workers': { type: 'string', default: '3' },
    runs: { type: 'string', default: '1' },
    lead: { type: 'string', default: '80' },
    echo: { type: 'string', default: 'room' },
    /** `train`: the training split's calls (seeds 500…, as tune.ts), on which rules may be chosen; the figures are then not the benchmark's. */
    split: { type: 'string', default: 'dev' },
    /** Pairs of the first call with and without the extension, per condition, for the CPU figure (0: none). */
    'cpu-pairs': { type: 'string', default: '1' },
    'no-build': { type: 'boolean', default: false },
    /** The call page also records its microphone track and the other party's, as `self-received-live.wav` / `other-received-live.wav` (scripts/bench/record-tracks.ts), and the offline analyzer runs on them: live against offline on the audio the page received. */
    record: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
  strict: true,
});

const list = (s: string) =>
  s
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
if (opts.split !== 'dev' && opts.split !== 'train') throw new Error(`--split: dev or train, not "${opts.split}"`);
const nCalls = Number(opts.calls);
const seconds = Number(opts.seconds);
const variants = list(opts.variants) as Variant[];
const processings = list(opts.processing) as ('on' | 'off')[];
const loads = list(opts.load) as ('idle' | 'busy')[];
const runs = Number(opts.runs);
const busyWorkers = Number(opts['busy-workers']);
const leadMs = Number(opts.lead);
if (opts.echo !== 'room' && opts.echo !== 'file') throw new Error(`--echo: room or file, not "${opts.echo}"`);
const echoMode: 'room' | 'file' = opts.echo;
for (const p of processings) if (p !== 'on' && p !== 'off') throw new Error(`--processing: on or off, not "${p}"`);
for (const l of loads) if (l !== 'idle' && l !== 'busy') throw new Error(`--load: idle or busy, not "${l}"`);
if (!(nCalls >= 1 && seconds >= 10 && runs >= 1 && busyWorkers >= 1))
  throw new Error('--calls, --runs, --busy-workers ≥ 1; --seconds ≥ 10');

/**
 * `micWav`: what the microphone plays; `roomEchoDb`: the room's echo level (echo variants in the
 * room); `fileEchoLagMs`: the echo's delay in the WAV files (echo variants played from the files),
 * measured as at the call page.
 */
type Prepared = LiveCall & { offline: TalkStats; micWav: string; roomEchoDb?: number; fileEchoLagMs?: number };

/** The speech model, loaded once: the offline analyzer's, on the raw files and on what the page received (`--record`). */
let detector: Awaited<ReturnType<typeof loadModelFromDir>> | undefined;

async function prepare(): Promise<Prepared[]> {
  detector = await loadModelFromDir();
  const out: Prepared[] = [];
  // In the room an echo call's microphone plays the clean call's recording; the room adds the echo.
  for (const c of writeLiveCalls(nCalls, seconds, variantsToRender(variants, echoMode), opts.split as 'dev' | 'train')) {
    if (!variants.includes(c.variant)) continue;
    const offline = await analyzeCall(
      { samples: c.self, sampleRate: c.sampleRate },
      { samples: c.other, sampleRate: c.sampleRate },
      // The engine as the live meter runs it (the file is the raw microphone).
      liveMeterOptions(detector, 'off'),
    );
    const echoDb = roomEchoDb(c.variant, echoMode);
    out.push({
      ...c,
      offline: offline.stats,
      micWav: echoDb !== undefined ? roomMicOf(c) : path.join(c.dir, 'self.wav'),
      ...(echoDb !== undefined ? { roomEchoDb: echoDb } : {}),
      ...(echoDb === undefined && c.variant.startsWith('echo')
        ? { fileEchoLagMs: envelopeLag(levelEnvelopeDb(c.self, c.sampleRate), levelEnvelopeDb(c.other, c.sampleRate)).lagMs }
        : {}),
    });
  }
  return out;
}

// ---- CPU time of the browser's process tree (this process's chromium descendants) ----

/**
 * Which of Chromium's processes a process is, from its command line: the browser, a page's
 * renderer, the extension's renderer (its service worker and side panel), the GPU process, the
 * audio service, the network service or another utility.
 */
function processKind(cmdline: string): string {
  const type = /--type=([\w-]+)/.exec(cmdline)?.[1];
  if (!type) return 'browser';
  if (type === 'renderer') return cmdline.includes('--extension-process') ? 'extension' : 'page';
  if (type === 'gpu-process') return 'gpu';
  if (type === 'utility') {
    const sub = /--utility-sub-type=([\w.]+)/.exec(cmdline)?.[1] ?? '';
    return /audio/i.test(sub) ? 'audio' : /network/i.test(sub) ? 'network' : 'utility';
  }
  return type;
}

/** A thread's name with its serial number dropped ("ThreadPoolForeg3" → "ThreadPoolForeg"), so one kind of thread sums across processes. */
const threadKind = (comm: string) => comm.replace(/\d+$/, '').trim() || comm;

/** CPU ticks of a page renderer's threads, by name (threadKind), added to `into`. */
function addThreadTicks(pid: number, into: Map<string, number>): void {
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return; // ended meanwhile
  }
  for (const tid of tasks) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = threadKind(stat.slice(stat.indexOf('(') + 1, close));
      const fields = stat.slice(close + 2).split(' ');
      into.set(name, (into.get(name) ?? 0) + Number(fields[11]) + Number(fields[12]));
    } catch {
      // the thread ended while we looked
    }
  }
}

/**
 * CPU ticks (1/100 s) of the browser's processes, by kind (processKind); and, in `pageThreads`,
 * the page renderers' ticks by thread name (where in the call page the time goes: its main
 * thread, the audio threads, WebRTC's, the compositor's).
 */
function cpuTicksOfBrowser(pageThreads?: Map<string, number>): Map<string, number> {
  const children = new Map<number, number[]>();
  const info = new Map<number, { comm: string; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      const ppid = Number(fields[1]);
      info.set(Number(name), { comm, ticks: Number(fields[11]) + Number(fields[12]) });
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended while we looked
    }
  }
  const ticks = new Map<string, number>();
  const walk = (pid: number) => {
    for (const c of children.get(pid) ?? []) {
      const p = info.get(c);
      if (p && /chrom/i.test(p.comm)) {
        let kind = 'other';
        try {
          kind = processKind(readFileSync(`/proc/${c}/cmdline`, 'utf8').replaceAll('\0', ' '));
        } catch {
          // ended meanwhile
        }
        ticks.set(kind, (ticks.get(kind) ?? 0) + p.ticks);
        if (kind === 'page' && pageThreads) addThreadTicks(c, pageThreads);
      }
      walk(c);
    }
  };
  walk(process.pid);
  return ticks;
}

/** % of one core per kind of process between two readings `seconds` apart, and in all. */
function cpuShares(
  before: Map<string, number>,
  after: Map<string, number>,
  seconds: number,
): { total: number; byKind: Record<string, number> } {
  const byKind: Record<string, number> = {};
  let total = 0;
  for (const [kind, t] of after) {
    // A process that started after the first reading counts from zero.
    const pct = (t - (before.get(kind) ?? 0)) / seconds;
    byKind[kind] = Math.round(pct * 10) / 10;
    total += pct;
  }
  return { total, byKind };
}

/** A run's CPU by kind of process, for the log: "page 44.7, extension 0.8, …". */
function cpuKinds(r: LiveResult): string {
  return Object.entries(r.cpuByKind ?? {})
    .map(([k, v]) => `${k} ${v.toFixed(1)}`)
    .join(', ');
}

/** The page renderers' threads that differ most between a run with and one without the extension: "CrRendererMain +3.1 (12.0 / 8.9), …". */
function pageThreadDiff(a: Record<string, number> = {}, b: Record<string, number> = {}, top = 8): string {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .map((name) => ({ name, w: a[name] ?? 0, wo: b[name] ?? 0 }))
    .sort((x, y) => Math.abs(y.w - y.wo) - Math.abs(x.w - x.wo))
    .slice(0, top)
    .map((t) => `${t.name} ${t.w - t.wo >= 0 ? '+' : ''}${f1(t.w - t.wo)} (${f1(t.w)} / ${f1(t.wo)})`)
    .join(', ');
}

/** Seconds into the call after which its CPU is read again, once the extension's start is over. */
const STEADY_AFTER_S = 20;

/** Processes that keep the 2 cores busy for the length of a call: the "busy computer". */
function startBusy(): ChildProcess[] {
  return Array.from({ length: busyWorkers }, () =>
    spawn(process.execPath, ['-e', 'const end = Date.now() + 600000; let x = 0; while (Date.now() < end) x += Math.sqrt(x + 1);'], {
      stdio: 'ignore',
    }),
  );
}

/** How far the microphone's echo trailed (+) or led (−) its source at the call page (`lag-probe.js`). */
type EchoLag = ReturnType<typeof envelopeLag>;
type LiveResult = {
  talk: TalkStats | null;
  /** When the session (and its engine) started, wall clock (ms). */
  startedAt?: number | null;
  cpuPercent: number;
  /** % of one core by kind of Chromium process (processKind). */
  cpuByKind?: Record<string, number>;
  /** % of one core by thread name in the page renderers (the call page and the far end). */
  pageThreads?: Record<string, number>;
  /** The same from STEADY_AFTER_S seconds into the call to its end. */
  steady?: { cpuPercent: number; pageThreads: Record<string, number> };
  load: number;
  echoLag?: EchoLag;
  error?: string;
};

async function readSession(context: BrowserContext): Promise<{ talk: TalkStats | null; startedAt: number | null; ended: boolean }> {
  const s = (await readStoredSessions(context, extensionId))[0];
  return { talk: s?.talk ?? null, startedAt: s?.startedAt ?? null, ended: (s?.endedAt ?? null) !== null };
}

/** Waits on the page, in steps of at most 2 s, until the clock reads `at` (ms). */
async function waitUntil(page: Page, at: number): Promise<void> {
  while (Date.now() < at) await page.waitForTimeout(Math.min(2000, Math.max(1, at - Date.now())));
}

/** The room's sound server (`--echo room`), started once for the run when it has echo calls. */
let room: SoundServer | null = null;

async function liveRun(p: Prepared, processing: 'on' | 'off', load: 'idle' | 'busy', withExtension: boolean): Promise<LiveResult> {
  const demo = (await startDemoServer(0, { audioDir: workDir })) as { callUrl: string; close: () => Promise<void> };
  const inTheRoom = p.roomEchoDb !== undefined && room !== null;
  // In the room the microphone is the sound server's, not the fake capture device.
  const args = chromiumArgs({ extensionDir, extensionId, micWav: inTheRoom ? null : p.micWav }).filter(
    (a: string) => withExtension || !/extension/.test(a),
  );
  const context = await chromium.launchPersistentContext('', {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    permissions: ['microphone'],
    ignoreDefaultArgs: ['--mute-audio'],
    args,
    ...(inTheRoom ? { env: { ...process.env, ...room!.env } } : {}),
  });
  try {
    if (withExtension) await (context.serviceWorkers()[0] ?? context.waitForEvent('serviceworker'));
    const call = await context.newPage();
    if (opts.record && withExtension) {
      // A run whose recording fails must not be scored on the tracks an earlier run left.
      removeReceivedTracks(p.dir, 'live');
      rmSync(meterTracePath(p.dir, 'live'), { force: true });
      await call.addInitScript(recordTracks);
    }
    let micStart = '';
    if (inTheRoom) {
      room!.setEcho(p.roomEchoDb!);
      micStart = `&micstart=${room!.speak(p.micWav)}`;
    }
    const query = `autojoin&voice=/bench-audio/${encodeURIComponent(p.id)}/other.wav&lead=${leadMs}&lagprobe${processing === 'off' ? '&raw' : ''}${load === 'busy' ? '&video' : ''}${micStart}`;
    await call.goto(`${demo.callUrl}?${query}`);
    await call.getByText('In the call with Alex.').waitFor({ timeout: 30_000 });
    const micStartedAt = Number(await call.evaluate(() => document.body.dataset.micStartedAt ?? '0'));
    const threads0 = new Map<string, number>();
    const cpu0 = cpuTicksOfBrowser(threads0);
    const t0 = Date.now();
    const load0 = loadavg()[0]!;
    // The microphone's recording ends (and stays silent: %noloop) at micStartedAt + its length.
    const endAt = (micStartedAt || t0) + p.truth.durationMs + 1000;
    // A second reading once the call has settled: the engine chunk, the model and the audio graph
    // start in the first seconds of a call, a cost a 60 s call spreads far thicker than a real one.
    // (A call shorter than that plus 10 s has no such reading.)
    const steadyAt = Math.min(t0 + STEADY_AFTER_S * 1000, endAt);
    await waitUntil(call, steadyAt);
    const threadsMid = new Map<string, number>();
    const cpuMid = cpuTicksOfBrowser(threadsMid);
    const tMid = Date.now();
    await waitUntil(call, endAt);
    const threads1 = new Map<string, number>();
    const elapsed = (Date.now() - t0) / 1000;
    const cpu1 = cpuTicksOfBrowser(threads1);
    const { total: cpuPercent, byKind: cpuByKind } = cpuShares(cpu0, cpu1, elapsed);
    const pageThreads = cpuShares(threads0, threads1, elapsed).byKind;
    const steadyElapsed = (Date.now() - tMid) / 1000;
    const steady =
      steadyElapsed >= 10
        ? { cpuPercent: cpuShares(cpuMid, cpu1, steadyElapsed).total, pageThreads: cpuShares(threadsMid, threads1, steadyElapsed).byKind }
        : undefined;
    const measured = {
      cpuPercent,
      cpuByKind,
      pageThreads,
      ...(steady ? { steady } : {}),
      load: Math.max(load0, loadavg()[0]!),
    };
    const envelopes = await call
      .evaluate(() =>
        (window as unknown as { __lagProbe?: { envelopes: () => { mic: number[]; remote: number[] } } }).__lagProbe?.envelopes(),
      )
      .catch(() => undefined);
    const echoLag = envelopes ? envelopeLag(envelopes.mic, envelopes.remote) : undefined;
    if (opts.record && withExtension) await saveRecordedTracks(call, p, 'live', (line) => console.error(`bench:live: ${line}`));
    await call.getByTestId('leave').click();
    if (!withExtension) return { talk: null, ...measured, ...(echoLag ? { echoLag } : {}) };
    // The session ends with its final figures once the content script has settled the engine.
    let session = await readSession(context);
    for (let i = 0; i < 20 && !session.ended; i++) {
      await call.waitForTimeout(500);
      session = await readSession(context);
    }
    if (!session.ended) {
      // Tell a far end that sent nothing (its audio graph suspended) from the extension missing a call.
      const far = call.frames().find((f) => f.url().includes('/far.html'));
      const farAudio = far ? await far.evaluate(() => document.body.dataset.audio ?? 'unknown').catch(() => 'gone') : 'no far end';
      return { talk: session.talk, ...measured, error: `session did not end (far end's audio: ${farAudio})` };
    }
    if (opts.record) {
      const trace = await saveMeterTrace(call, extensionId, p.dir, 'live');
      if (!trace) console.error(`bench:live: ${p.id} the build kept no meter trace (not a test build?)`);
    }
    return { talk: session.talk, startedAt: session.startedAt, ...measured, ...(echoLag ? { echoLag } : {}) };
  } catch (error) {
    return { talk: null, cpuPercent: 0, load: loadavg()[0]!, error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  } finally {
    await context.close();
    await demo.close();
    if (inTheRoom) room!.setEcho(null);
  }
}

// ---- scoring ----

type Row = {
  id: string;
  variant: Variant;
  processing: 'on' | 'off';
  load: 'idle' | 'busy';
  run: number;
  truth: Truth;
  offline: { shareErrPp: number; selfRatio: number; otherRatio: number };
  live: {
    shareErrPp: number;
    selfRatio: number;
    otherRatio: number;
    vsOfflineSelfPct: number;
    vsOfflineOtherPct: number;
    heardPct: number | null;
    droppedMs: number | null;
  } | null;
  /**
   * `--record`: the offline analyzer on the tracks the page received (its microphone as the call
   * site asked for it, the remote track), and the live figures against it: what the extension's
   * path (tap, worklet, messages, engine in batches) changed, apart from how the audio differs
   * from the files (the room's echo, the browser's processing, the network).
   */
  received?: { shareErrPp: number; selfRatio: number; otherRatio: number; vsLiveSelfPct: number; vsLiveOtherPct: number };
  cpuPercent: number;
  cpuByKind?: Record<string, number>;
  loadAvg: number;
  echoLag?: EchoLag;
  fileEchoLagMs?: number;
  error?: string;
};

function score(p: Prepared, talk: TalkStats) {
  const share = talk.selfShare ?? 0;
  return {
    shareErrPp: (share - p.truth.share) * 100,
    selfRatio: talk.selfTalkMs / p.truth.selfMs,
    otherRatio: talk.otherTalkMs / p.truth.otherMs,
  };
}

/**
 * The offline analyzer on the tracks a `--record` run wrote beside the call, as the live meter's
 * engine runs them, from where the live engine's frame 0 lies on them: found to the sample by the
 * levels the meter's trace kept (test builds; `npm run bench:trace`), else the session's start on
 * the recording's clock (≈ 0.2 s early: the meter is made after the session starts), else the
 * first sample. An engine that starts a few seconds later warms its floor and its talker gate on
 * other audio, and the same audio framed a few milliseconds later moves a party's total by up
 * to several per cent on processed audio (bench:phase).
 */
async function analyzeReceived(p: Prepared, processing: 'on' | 'off', startedAt: number | null | undefined): Promise<TalkStats | null> {
  const tracks = readReceivedTracks(p.dir, 'live');
  if (!tracks) return null;
  const offset = startedAt == null ? null : receivedOffsetS(p.dir, 'live', startedAt);
  const rate = tracks.self.sampleRate;
  const from = Math.round(Math.max(0, offset ?? 0) * rate);
  const trace = readMeterTrace(p.dir, 'live');
  const starts = trace ? frameZero(tracks, trace.levels, from, 1) : { self: from, other: from };
  if (trace)
    console.error(
      `bench:live: ${p.id} the meter's frame 0 lies ${(starts.self / rate).toFixed(3)} s into the recorded tracks (the session began at ${offset?.toFixed(2) ?? '—'} s)`,
    );
  else if (offset !== null) console.error(`bench:live: ${p.id} the session began ${offset.toFixed(2)} s into the recorded tracks`);
  const cut = (party: 'self' | 'other') => ({
    samples: tracks[party].samples.subarray(starts[party]),
    sampleRate: tracks[party].sampleRate,
  });
  return (await analyzeCall(cut('self'), cut('other'), liveMeterOptions(detector, processing))).stats;
}

const rel = (a: number, b: number) => (100 * (a - b)) / Math.max(1, b);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');

async function main(): Promise<void> {
  if (!opts['no-build']) {
    execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore', env: { ...process.env, RAPPORT_TEST_BUILD: '1' } });
  }
  mkdirSync(workDir, { recursive: true });
  const prepared = await prepare();
  if (prepared.some((p) => p.roomEchoDb !== undefined)) {
    room = startSoundServer({ room: true });
    if (!room) throw new Error('--echo room needs PulseAudio (apt-get install pulseaudio pulseaudio-utils), or use --echo file');
    await room.ready();
  }
  console.log(
    `bench:live: ${prepared.length} calls (${nCalls} × ${variants.join(', ')}), ${cpus().length} cores, lead ${leadMs} ms, echo ${echoMode === 'room' ? `from the room (${ROOM_ECHO_LATENCY_MS} ms after the page plays it)` : 'from the files'}`,
  );
  const rows: Row[] = [];
  const baselines: {
    processing: string;
    load: string;
    withExt: number[];
    without: number[];
    steadyWith: number[];
    steadyWithout: number[];
    threads: { with: Record<string, number>; without: Record<string, number> }[];
  }[] = [];
  for (const load of loads) {
    for (const processing of processings) {
      const busy = load === 'busy' ? startBusy() : [];
      try {
        const pairs = Number(opts['cpu-pairs']);
        if (pairs > 0) {
          // The same call with and without the extension, back to back: the extension's cost.
          const first = prepared[0]!;
          const b = {
            processing,
            load,
            withExt: [] as number[],
            without: [] as number[],
            steadyWith: [] as number[],
            steadyWithout: [] as number[],
            threads: [] as { with: Record<string, number>; without: Record<string, number> }[],
          };
          for (let i = 0; i < pairs; i++) {
            // Every other pair runs the extension first, so neither side always has the machine
            // fresh from the run before.
            let without: LiveResult;
            let withExt: LiveResult;
            if (i % 2 === 0) {
              without = await liveRun(first, processing, load, false);
              withExt = await liveRun(first, processing, load, true);
            } else {
              withExt = await liveRun(first, processing, load, true);
              without = await liveRun(first, processing, load, false);
            }
            b.without.push(without.cpuPercent);
            b.withExt.push(withExt.cpuPercent);
            console.error(
              `bench:live: cpu ${processing}/${load}: ${f1(withExt.cpuPercent)} % with (${cpuKinds(withExt)}), ${f1(without.cpuPercent)} % without (${cpuKinds(without)})`,
            );
            console.error(
              `bench:live: cpu ${processing}/${load}: page threads, with − without: ${pageThreadDiff(withExt.pageThreads, without.pageThreads)}`,
            );
            console.error(
              `bench:live: cpu ${processing}/${load}: from ${STEADY_AFTER_S} s on: ${f1(withExt.steady?.cpuPercent ?? NaN)} % with, ${f1(without.steady?.cpuPercent ?? NaN)} % without; page threads ${pageThreadDiff(withExt.steady?.pageThreads, without.steady?.pageThreads)}`,
            );
            b.steadyWith.push(withExt.steady?.cpuPercent ?? NaN);
            b.steadyWithout.push(without.steady?.cpuPercent ?? NaN);
            b.threads.push({ with: withExt.pageThreads ?? {}, without: without.pageThreads ?? {} });
          }
          baselines.push(b);
        }
        for (let run = 1; run <= runs; run++) {
          for (const p of prepared) {
            const r = await liveRun(p, processing, load, true);
            const live = r.talk
              ? {
                  ...score(p, r.talk),
                  vsOfflineSelfPct: rel(r.talk.selfTalkMs, p.offline.selfTalkMs),
                  vsOfflineOtherPct: rel(r.talk.otherTalkMs, p.offline.otherTalkMs),
                  heardPct: r.talk.capture ? (100 * r.talk.capture.heardMs) / Math.max(1, r.talk.capture.wallMs) : null,
                  droppedMs: r.talk.capture?.droppedMs ?? null,
                }
              : null;
            const received = opts.record && r.talk ? await analyzeReceived(p, processing, r.startedAt) : null;
            const row: Row = {
              id: p.id,
              variant: p.variant,
              processing,
              load,
              run,
              truth: p.truth,
              offline: score(p, p.offline),
              live,
              ...(received && r.talk
                ? {
                    received: {
                      ...score(p, received),
                      vsLiveSelfPct: rel(r.talk.selfTalkMs, received.selfTalkMs),
                      vsLiveOtherPct: rel(r.talk.otherTalkMs, received.otherTalkMs),
                    },
                  }
                : {}),
              cpuPercent: r.cpuPercent,
              ...(r.cpuByKind ? { cpuByKind: r.cpuByKind } : {}),
              loadAvg: r.load,
              ...(r.echoLag ? { echoLag: r.echoLag } : {}),
              ...(p.fileEchoLagMs !== undefined ? { fileEchoLagMs: p.fileEchoLagMs } : {}),
              ...(r.error ? { error: r.error } : {}),
            };
            rows.push(row);
            console.error(
              `bench:live: ${p.id} ${processing}/${load}: share err live ${live ? f1(live.shareErrPp) : '—'} pp, offline ${f1(row.offline.shareErrPp)} pp; ` +
                `self ×${live ? f2(live.selfRatio) : '—'}, other ×${live ? f2(live.otherRatio) : '—'}; heard ${live?.heardPct == null ? '—' : f1(live.heardPct)} %; ` +
                (row.received
                  ? `live vs offline on the received tracks ${f1(row.received.vsLiveSelfPct)} / ${f1(row.received.vsLiveOtherPct)} %; `
                  : '') +
                `echo lag ${!r.echoLag || (p.fileEchoLagMs === undefined && p.roomEchoDb === undefined) ? '—' : `${r.echoLag.lagMs} ms at the page, ${p.fileEchoLagMs === undefined ? 'the room' : `${p.fileEchoLagMs} ms in the files`} (r ${r.echoLag.corr})`}; load ${f1(r.load)}${r.error ? `; ${r.error}` : ''}`,
            );
          }
        }
      } finally {
        for (const b of busy) b.kill();
      }
    }
  }

  console.log(
    '\n| condition | variant | calls | live mean abs share err (pp) | worst | self / truth (median, worst) | other / truth (median, worst) | live vs offline self, other (median abs %) | heard (min %) | offline mean abs err (pp) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const worstRatio = (xs: number[]) => xs.reduce((w, x) => (Math.abs(x - 1) > Math.abs(w - 1) ? x : w), 1);
  for (const load of loads)
    for (const processing of processings)
      for (const v of [...variants, 'all' as const]) {
        const rs = rows.filter((r) => r.load === load && r.processing === processing && (v === 'all' || r.variant === v));
        const ok = rs.filter((r) => r.live !== null).map((r) => ({ ...r, live: r.live! }));
        if (rs.length === 0) continue;
        const errs = ok.map((r) => Math.abs(r.live.shareErrPp));
        const mean = errs.reduce((a, b) => a + b, 0) / Math.max(1, errs.length);
        const heard = ok.map((r) => r.live.heardPct ?? NaN).filter(Number.isFinite);
        console.log(
          `| ${processing === 'on' ? 'processing on' : 'raw'}, ${load} | ${v} | ${ok.length}/${rs.length} | ${f2(mean)} | ${f1(Math.max(...errs))} | ` +
            `${f2(median(ok.map((r) => r.live.selfRatio)))}, ${f2(worstRatio(ok.map((r) => r.live.selfRatio)))} | ` +
            `${f2(median(ok.map((r) => r.live.otherRatio)))}, ${f2(worstRatio(ok.map((r) => r.live.otherRatio)))} | ` +
            `${f1(median(ok.map((r) => Math.abs(r.live.vsOfflineSelfPct))))}, ${f1(median(ok.map((r) => Math.abs(r.live.vsOfflineOtherPct))))} | ` +
            `${heard.length ? f1(Math.min(...heard)) : '—'} | ${f2(rs.reduce((a, r) => a + Math.abs(r.offline.shareErrPp), 0) / rs.length)} |`,
        );
      }
  const withReceived = rows.filter((r) => r.received);
  if (withReceived.length) {
    console.log(
      '\n| condition | variant | calls | live vs offline on the received tracks, self / other: median abs %, worst | within 2 %, self / other | offline on the received tracks: mean abs share err (pp), worst |',
    );
    console.log('| --- | --- | --- | --- | --- | --- |');
    const worst = (xs: number[]) => xs.reduce((w, x) => (Math.abs(x) > Math.abs(w) ? x : w), 0);
    for (const load of loads)
      for (const processing of processings)
        for (const v of [...variants, 'all' as const]) {
          const rs = withReceived
            .filter((r) => r.load === load && r.processing === processing && (v === 'all' || r.variant === v))
            .map((r) => r.received!);
          if (rs.length === 0) continue;
          const s = rs.map((r) => r.vsLiveSelfPct);
          const o = rs.map((r) => r.vsLiveOtherPct);
          const errs = rs.map((r) => Math.abs(r.shareErrPp));
          console.log(
            `| ${processing === 'on' ? 'processing on' : 'raw'}, ${load} | ${v} | ${rs.length} | ${f1(median(s.map(Math.abs)))}, ${f1(worst(s))} / ${f1(median(o.map(Math.abs)))}, ${f1(worst(o))} | ` +
              `${s.filter((x) => Math.abs(x) <= 2).length} / ${o.filter((x) => Math.abs(x) <= 2).length} of ${rs.length} | ${f2(errs.reduce((a, b) => a + b, 0) / errs.length)}, ${f1(Math.max(...errs))} |`,
          );
        }
  }
  // With a raw microphone the echo reaches the page as the fixture put it there: what the call's
  // path added to the files' echo delay says whether live and offline heard the same alignment.
  const added = rows
    .filter((r) => r.processing === 'off' && r.echoLag && r.fileEchoLagMs !== undefined && r.echoLag.corr >= 0.2)
    .map((r) => `${r.load} ${r.echoLag!.lagMs - r.fileEchoLagMs!}`);
  if (added.length)
    console.log(`\nEcho delay the call's path added (raw microphone, page − files, ms; lead ${leadMs} ms): ${added.join(', ')}`);
  if (baselines.length) {
    console.log(
      `\n| condition | pairs | browser CPU with Rapport (% of one core, median) | without | median difference of pairs | the same from ${STEADY_AFTER_S} s on |`,
    );
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const b of baselines)
      console.log(
        `| ${b.processing === 'on' ? 'processing on' : 'raw'}, ${b.load} | ${b.withExt.length} | ${f1(median(b.withExt))} | ${f1(median(b.without))} | ${f1(median(b.withExt.map((w, i) => w - b.without[i]!)))} | ${f1(median(b.steadyWith.map((w, i) => w - b.steadyWithout[i]!).filter(Number.isFinite)))} |`,
      );
  }
  const out = opts.json ?? path.join(workDir, `results-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(out, JSON.stringify({ args: opts, rows, baselines }, null, 2));
  console.log(`\nrows: ${out}`);
  room?.stop();
}

await main();
