/**
 * `npm run bench:live` — the same two WAV files through the extension's live path (the demo
 * call in Chromium: fake microphone for "self", WebRTC for "other", AudioWorklet frames, the
 * engine in the content script) and through the offline analyzer (`npm run analyze`), and how
 * far their talk times are apart. Voice processing is off in the call (?raw), as the offline
 * path has none. Needs the test build: `npm run build:test` (done here).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
// @ts-expect-error -- plain JS module shared with `npm start`
import { chromiumArgs } from '../chromium-args.mjs';
// @ts-expect-error -- plain JS module shared with `npm start`
import { startDemoServer } from '../demo-call/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const audio = path.join(root, 'scripts/demo-call/public/audio');
const extensionDir = path.join(root, '.output/chrome-mv3-test');
const extensionId = readFileSync(path.join(root, 'scripts/keys/test-extension-id.txt'), 'utf8').trim();
const truth = JSON.parse(readFileSync(path.join(audio, 'truth.json'), 'utf8')) as {
  durationMs: number;
  selfTalkMs: number;
  otherTalkMs: number;
};
const runs = Number(process.argv[2] ?? 3);

type Minute = { minute: number; selfMs: number; otherMs: number };
type Talk = { selfTalkMs: number; otherTalkMs: number; selfShare: number | null; metrics?: { timeline?: Minute[] } };

execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore', env: { ...process.env, RAPPORT_TEST_BUILD: '1' } });
const offline = JSON.parse(
  execFileSync(
    process.execPath,
    [
      'scripts/run-ts.mjs',
      'scripts/talktime/analyze.ts',
      '--self',
      path.join(audio, 'self.wav'),
      '--other',
      path.join(audio, 'other.wav'),
      '--json',
    ],
    { cwd: root },
  ).toString(),
) as Talk;

async function liveRun(): Promise<Talk> {
  const demo = (await startDemoServer(0)) as { callUrl: string; close: () => Promise<void> };
  const context = await chromium.launchPersistentContext('', {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    permissions: ['microphone'],
    ignoreDefaultArgs: ['--mute-audio'],
    args: chromiumArgs({ extensionDir, extensionId, micWav: path.join(audio, 'self.wav') }),
  });
  try {
    const call = await context.newPage();
    await call.goto(`${demo.callUrl}?autojoin&silent&raw`);
    await call.getByText('In the call with Alex.').waitFor({ timeout: 30_000 });
    // The demo page's own level meter of the remote stream: tells a far end that sent nothing
    // apart from a tap that heard nothing, when a run comes back without other talk.
    let otherMeter = 0;
    const until = Date.now() + truth.durationMs + 4000;
    while (Date.now() < until) {
      await call.waitForTimeout(Math.min(2000, Math.max(0, until - Date.now())));
      const w = await call.evaluate(() => parseFloat(document.getElementById('other-level')?.style.width ?? '0') || 0);
      otherMeter = Math.max(otherMeter, w);
    }
    if (otherMeter === 0) console.error('bench: the demo page heard nothing from the far end in this run');
    const ext = await context.newPage();
    await ext.goto(`chrome-extension://${extensionId}/options.html`);
    return await ext.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('rapport');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const sessions = await new Promise<{ talk: Talk }[]>((resolve) => {
        const req = db.transaction('sessions').objectStore('sessions').getAll();
        req.onsuccess = () => resolve(req.result as { talk: Talk }[]);
      });
      return sessions[0]!.talk;
    });
  } finally {
    await context.close();
    await demo.close();
  }
}

const rel = (a: number, b: number) => (100 * Math.abs(a - b)) / Math.max(1, b);
console.log(
  `offline: self ${offline.selfTalkMs.toFixed(0)} ms, other ${offline.otherTalkMs.toFixed(0)} ms, share ${((offline.selfShare ?? 0) * 100).toFixed(1)} %`,
);
console.log(`truth:   self ${truth.selfTalkMs} ms, other ${truth.otherTalkMs} ms`);
console.log('| run | live self ms | live other ms | self diff % | other diff % | share live / offline (%) |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (let i = 1; i <= runs; i++) {
  const live = await liveRun();
  console.log(
    `| ${i} | ${live.selfTalkMs.toFixed(0)} | ${live.otherTalkMs.toFixed(0)} | ${rel(live.selfTalkMs, offline.selfTalkMs).toFixed(1)} | ${rel(live.otherTalkMs, offline.otherTalkMs).toFixed(1)} | ${((live.selfShare ?? 0) * 100).toFixed(1)} / ${((offline.selfShare ?? 0) * 100).toFixed(1)} |`,
  );
  // Where a run strays, the per-minute timelines say which part of the call it is in.
  if (rel(live.selfTalkMs, offline.selfTalkMs) > 2 || rel(live.otherTalkMs, offline.otherTalkMs) > 2) {
    const row = (t: Talk) =>
      (t.metrics?.timeline ?? []).map((m) => `${m.minute}: ${Math.round(m.selfMs)}/${Math.round(m.otherMs)}`).join(', ');
    console.error(`bench: run ${i} per minute (self/other ms) live ${row(live)}`);
    console.error(`bench: run ${i} per minute (self/other ms) offline ${row(offline)}`);
  }
}
