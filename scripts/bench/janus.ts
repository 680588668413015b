/**
 * `npm run bench:janus` — talk time on a real open-source WebRTC application that nobody here
 * wrote: the Janus WebRTC Server (Debian's `janus` and `janus-demos`, 1.1.2), its AudioBridge
 * demo (an MCU: the server mixes everyone's audio and sends each party the mix without
 * themselves) and its VideoRoom demo (an SFU: the server forwards each publisher's audio and
 * video to the subscribers).
 *
 * Two Chromium browsers join the same demo room at once: the user's, with the built extension
 * and the call's "self" recording as its fake microphone, and the other party's, without the
 * extension, with the "other" recording. Both ask for the microphone as the demo does
 * (janus.js: `getUserMedia({audio: true})`, the browser's voice processing on) unless
 * `--processing off`. The user's browser reaches the demo on `localhost` (a site the extension
 * does not recognise, so admission is by the media alone, after 5 s: the recordings get 8 s of
 * their own room tone in front), the other's on `127.0.0.1`. After the recordings end the user's tab loads
 * another page, which ends the session; the stored session is scored against the truth, next
 * to the offline analyzer on the same raw audio.
 *
 *   sudo apt-get install janus janus-demos
 *   npm run bench:janus -- [--calls 3] [--variants clean,drift15] [--apps audiobridge,videoroom]
 *     [--processing on,off] [--split dev|train] [--record] [--no-build] [--json FILE]
 *
 * The calls are bench:live's (real voices from the dev split, scripts/talktime/live-calls.ts;
 * `--split train`: the training split's, seeds 500…, on which rules may be chosen).
 * `--record`: the user's page also records what it gets — the other party's audio as the server
 * sends it (the far end's voice processing, the codec, the mix) and its own microphone track —
 * on the page's timeline (the microphone aligned to its raw recording by their level envelopes,
 * the other party as late as it came), as `other-received-<app>.wav` and
 * `self-received-<app>.wav` beside them, for the offline analyzer (a bench-only page script; the
 * extension records nothing).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import type { TalkStats } from '../../lib/schema/talk';
import type { Variant } from '../talktime/calls';
import { LIVE_CALLS_DIR, type LiveCall, writeLiveCalls } from '../talktime/live-calls';
import { recordTracks, saveRecordedTracks } from './record-tracks';
import { analyzeCall, loadModelFromDir } from '../talktime/pipeline';
import { readStoredSessions } from './stored-session';
// @ts-expect-error -- plain JS module shared with `npm start`
import { chromiumArgs } from '../chromium-args.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const extensionDir = path.join(root, '.output/chrome-mv3-test');
const extensionId = readFileSync(path.join(root, 'scripts/keys/test-extension-id.txt'), 'utf8').trim();
const DEMOS = '/usr/share/janus/demos';
const JS_LIBS = '/usr/share/javascript';
const HTTP_PORT = 8000;
const JANUS_API = 'http://127.0.0.1:8088/janus';
/** Room tone in front of each recording: admission on an unrecognised site waits 5 s for media. */
const LEAD_IN_S = 8;

const { values: opts } = parseArgs({
  options: {
    calls: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '60' },
    variants: { type: 'string', default: 'clean,drift15' },
    apps: { type: 'string', default: 'audiobridge,videoroom' },
    processing: { type: 'string', default: 'on' },
    split: { type: 'string', default: 'dev' },
    record: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
  strict: true,
});
const list = (s: string) =>
  s
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
const apps = list(opts.apps);
const processings = list(opts.processing);
for (const a of apps) if (a !== 'audiobridge' && a !== 'videoroom') throw new Error(`--apps: audiobridge or videoroom, not "${a}"`);
for (const p of processings) if (p !== 'on' && p !== 'off') throw new Error(`--processing: on or off, not "${p}"`);
if (opts.split !== 'dev' && opts.split !== 'train') throw new Error(`--split: dev or train, not "${opts.split}"`);

/** The demos as Debian ships them, with the two settings its settings.js forgets (the demos read them). */
function serveDemos(): Promise<Server> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png' };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const rel = path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = rel.startsWith('/javascript/') ? path.join(JS_LIBS, rel.slice('/javascript/'.length)) : path.join(DEMOS, rel);
    if (!file.startsWith(DEMOS) && !file.startsWith(JS_LIBS)) return void res.writeHead(403).end();
    if (!existsSync(file)) return void res.writeHead(404).end();
    let body = readFileSync(file);
    if (rel === '/settings.js') body = Buffer.concat([body, Buffer.from('\nvar token = null;\nvar apisecret = null;\n')]);
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body);
  });
  return new Promise((resolve) => server.listen(HTTP_PORT, () => resolve(server)));
}

async function startJanus(): Promise<() => void> {
  const proc = spawn('janus', ['-F', '/etc/janus', '-L', path.join(LIVE_CALLS_DIR, 'janus.log')], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    try {
      const r = await fetch(JANUS_API, { method: 'POST', body: JSON.stringify({ janus: 'info', transaction: 'bench' }) });
      if (r.ok) return () => proc.kill();
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  proc.kill();
  throw new Error('bench:janus: the Janus server did not answer on :8088');
}

async function launch(withExtension: boolean, micWav: string): Promise<BrowserContext> {
  const args = (chromiumArgs({ extensionDir, extensionId, micWav }) as string[]).filter((a) => withExtension || !/extension/.test(a));
  return chromium.launchPersistentContext('', {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    permissions: ['microphone', 'camera'],
    ignoreDefaultArgs: ['--mute-audio'],
    args,
  });
}

async function join(page: Page, url: string, name: string, processing: string): Promise<void> {
  if (processing === 'off') {
    await page.addInitScript(() => {
      const original = MediaDevices.prototype.getUserMedia;
      MediaDevices.prototype.getUserMedia = function (constraints) {
        const raw = { echoCancellation: false, noiseSuppression: false, autoGainControl: false };
        return original.call(this, constraints?.audio ? { ...constraints, audio: raw } : constraints);
      };
    });
  }
  await page.goto(url);
  await page.click('#start');
  await page.waitForSelector('#username:visible', { timeout: 20_000 });
  await page.fill('#username', name);
  await page.click('#register');
}

async function readTalk(context: BrowserContext): Promise<TalkStats | null> {
  return (await readStoredSessions(context, extensionId)).find((s) => s.endedAt !== null)?.talk ?? null;
}

async function run(call: LiveCall, app: string, processing: string): Promise<{ talk: TalkStats | null; load: number; error?: string }> {
  // The lead-in is the recording's own room tone (its first 3 s, repeated), not digital silence:
  // a real microphone is never silent, and zeros first leave the gain control at its maximum.
  const padded = (p: string) => {
    const src = path.join(call.dir, `${p}.wav`);
    const tone = path.join(call.dir, `${p}-tone.wav`);
    const out = path.join(call.dir, `${p}-janus.wav`);
    execFileSync('sox', [src, tone, 'trim', '0', '3', 'repeat', String(Math.ceil(LEAD_IN_S / 3) - 1), 'trim', '0', String(LEAD_IN_S)]);
    execFileSync('sox', [tone, src, out]);
    return out;
  };
  const far = await launch(false, padded('other'));
  const me = await launch(true, padded('self'));
  try {
    await (me.serviceWorkers()[0] ?? me.waitForEvent('serviceworker'));
    const farPage = await far.newPage();
    const myPage = await me.newPage();
    if (opts.record) await myPage.addInitScript(recordTracks);
    const demo = `${app}test.html`;
    await Promise.all([
      join(farPage, `http://127.0.0.1:${HTTP_PORT}/${demo}`, 'Alex', processing),
      join(myPage, `http://localhost:${HTTP_PORT}/${demo}`, 'Me', processing),
    ]);
    await myPage.waitForTimeout(call.truth.durationMs + LEAD_IN_S * 1000 + 2000);
    const load = loadavg()[0]!;
    if (opts.record) await saveRecordedTracks(myPage, call, app, (line) => console.error(`bench:janus: ${line}`));
    await myPage.goto('about:blank');
    let talk: TalkStats | null = null;
    for (let i = 0; i < 20 && !talk; i++) {
      await myPage.waitForTimeout(500);
      talk = await readTalk(me);
    }
    return talk ? { talk, load } : { talk, load, error: 'no ended session' };
  } catch (error) {
    return { talk: null, load: loadavg()[0]!, error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  } finally {
    await me.close();
    await far.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');

async function main(): Promise<void> {
  if (!existsSync(path.join(DEMOS, 'audiobridgetest.html')) || !existsSync('/usr/bin/janus')) {
    console.error('bench:janus: needs the Janus server and its demos: sudo apt-get install janus janus-demos');
    process.exit(1);
  }
  if (!opts['no-build']) {
    execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore', env: { ...process.env, RAPPORT_TEST_BUILD: '1' } });
  }
  mkdirSync(LIVE_CALLS_DIR, { recursive: true });
  const detector = await loadModelFromDir();
  const calls = writeLiveCalls(Number(opts.calls), Number(opts.seconds), list(opts.variants) as Variant[], opts.split as 'dev' | 'train');
  const offline = new Map<string, TalkStats>();
  for (const c of calls) {
    const r = await analyzeCall(
      { samples: c.self, sampleRate: c.sampleRate },
      { samples: c.other, sampleRate: c.sampleRate },
      // The engine as the live meter runs it: the other party's channel judged as received from a call.
      { detector, otherReceived: true },
    );
    offline.set(c.id, r.stats);
  }
  const stopJanus = await startJanus();
  const server = await serveDemos();
  const rows: Record<string, unknown>[] = [];
  try {
    for (const app of apps)
      for (const processing of processings)
        for (const c of calls) {
          const r = await run(c, app, processing);
          const off = offline.get(c.id)!;
          const row = {
            id: c.id,
            variant: c.variant,
            app,
            processing,
            load: r.load,
            selfRatio: r.talk ? r.talk.selfTalkMs / c.truth.selfMs : null,
            otherRatio: r.talk ? r.talk.otherTalkMs / c.truth.otherMs : null,
            shareErrPp: r.talk?.selfShare != null ? (r.talk.selfShare - c.truth.share) * 100 : null,
            offlineShareErrPp: ((off.selfShare ?? 0) - c.truth.share) * 100,
            heardPct: r.talk?.capture ? (100 * r.talk.capture.heardMs) / Math.max(1, r.talk.capture.wallMs) : null,
            ...(r.error ? { error: r.error } : {}),
          };
          rows.push(row);
          console.error(
            `bench:janus: ${c.id} ${app}/${processing}: share err ${f2(row.shareErrPp ?? NaN)} pp (offline ${f2(row.offlineShareErrPp)}); ` +
              `self ×${f2(row.selfRatio ?? NaN)}, other ×${f2(row.otherRatio ?? NaN)}; load ${f2(r.load)}${r.error ? `; ${r.error}` : ''}`,
          );
        }
  } finally {
    server.close();
    stopJanus();
  }
  console.log(
    '\n| app | processing | variant | calls | mean abs share err (pp) | worst | self / truth (median, range) | other / truth (median, range) | offline mean abs err (pp) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  type R = {
    app: string;
    processing: string;
    variant: string;
    selfRatio: number | null;
    otherRatio: number | null;
    shareErrPp: number | null;
    offlineShareErrPp: number;
  };
  const typed = rows as unknown as R[];
  for (const app of apps)
    for (const processing of processings)
      for (const v of [...list(opts.variants), 'all']) {
        const rs = typed.filter((r) => r.app === app && r.processing === processing && (v === 'all' || r.variant === v));
        const ok = rs.filter((r) => r.shareErrPp !== null);
        if (rs.length === 0) continue;
        const errs = ok.map((r) => Math.abs(r.shareErrPp!));
        const range = (xs: number[]) => `${f2(Math.min(...xs))}–${f2(Math.max(...xs))}`;
        const selfs = ok.map((r) => r.selfRatio!);
        const others = ok.map((r) => r.otherRatio!);
        console.log(
          `| ${app} | ${processing} | ${v} | ${ok.length}/${rs.length} | ${f2(errs.reduce((a, b) => a + b, 0) / Math.max(1, errs.length))} | ${f2(Math.max(...errs))} | ` +
            `${f2(median(selfs))}, ${range(selfs)} | ${f2(median(others))}, ${range(others)} | ${f2(rs.reduce((a, r) => a + Math.abs(r.offlineShareErrPp), 0) / rs.length)} |`,
        );
      }
  const out = opts.json ?? path.join(LIVE_CALLS_DIR, `janus-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(out, JSON.stringify({ args: opts, rows }, null, 2));
  console.log(`\nrows: ${out}`);
}

await main();
