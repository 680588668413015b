/**
 * `npm run bench:callsite`: what Rapport costs a call-site page on which no call runs (issue 20).
 *
 * A local HTTPS server answers for meet.google.com (Chromium maps the name to it and accepts its
 * self-signed certificate), so the release build's content scripts attach exactly as on the real
 * site. Two Chromiums run side by side, one with the extension and one without, and load the same
 * pages in turn (with, without, with, …) so both see the same moments of a shared, noisy machine.
 * Each load is traced (DevTools timeline) from navigation to IDLE_MS after the load event: the
 * extension's main-thread time is the time the page's main thread spent in scripts whose URL is
 * the extension's (evaluating, compiling, and calling them: the MAIN-world tap, the companion and
 * its one-second ticks). Prints the content scripts' size, the medians and the paired ratios.
 *
 * Pages: Meet's home page (not a meeting) and a meeting's pre-join screen (a meeting page, no call
 * yet), both the saved fixtures the adapter tests use.
 * Options (env): BENCH_RUNS (loads per page and browser, default 15), RAPPORT_EXTENSION_DIR (default
 * .output/chrome-mv3), IDLE_MS (default 3000), CHROMIUM_PATH.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:https';
import { loadavg } from 'node:os';
import path from 'node:path';
import { median, root } from './popup-browser';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 2;
const IDLE_MS = Number(process.env.IDLE_MS ?? 3000);
const HOST = 'meet.google.com';
const extensionDir = path.resolve(process.env.RAPPORT_EXTENSION_DIR ?? path.join(root, '.output/chrome-mv3'));
if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
  console.error(`No build at ${extensionDir}: run npm run build first`);
  process.exit(2);
}

// ---- the content scripts' size before a call ----
const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as { content_scripts: { js: string[] }[] };
const scripts = [...new Set(manifest.content_scripts.flatMap((c) => c.js))];
const sizes = scripts.map((s) => ({ file: s, bytes: statSync(path.join(extensionDir, s)).size }));
const totalBytes = sizes.reduce((a, s) => a + s.bytes, 0);

// ---- a local meet.google.com ----
const certDir = path.join(root, '.cache/callsite-cert');
mkdirSync(certDir, { recursive: true });
if (!existsSync(path.join(certDir, 'cert.pem'))) {
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30', '-subj', `/CN=${HOST}`,
    '-addext', `subjectAltName=DNS:${HOST}`,
    '-keyout', path.join(certDir, 'key.pem'), '-out', path.join(certDir, 'cert.pem'),
  ], { stdio: 'ignore' }); // prettier-ignore
}
const fixture = (name: string) => readFileSync(path.join(root, 'tests/fixtures/platforms/meet', name), 'utf8');
const pages: Record<string, string> = { '/landing': fixture('left.html'), '/abc-defg-hij': fixture('prejoin.html') };
const server = createServer(
  { key: readFileSync(path.join(certDir, 'key.pem')), cert: readFileSync(path.join(certDir, 'cert.pem')) },
  (req, res) => {
    const body = pages[new URL(req.url ?? '/', `https://${HOST}`).pathname];
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
  },
);
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;

async function launch(withExtension: boolean): Promise<BrowserContext> {
  return chromium.launchPersistentContext('', {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      // Nothing leaves the machine: every other host goes to a proxy that does not exist.
      `--host-resolver-rules=MAP ${HOST} 127.0.0.1:${port}`, '--ignore-certificate-errors',
      '--proxy-server=http://127.0.0.1:9', `--proxy-bypass-list=${HOST}`,
      ...(withExtension ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : ['--disable-extensions']),
    ], // prettier-ignore
  });
}

type TraceEvent = {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string } };
};

/** Milliseconds the renderer's main thread spent in the extension's scripts (overlaps counted once). */
function extensionMainThreadMs(events: TraceEvent[]): { total: number; byScript: Record<string, number> } {
  const mainThreads = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const spans = events
    .filter(
      (e) =>
        e.ph === 'X' && e.dur !== undefined && mainThreads.has(`${e.pid}:${e.tid}`) && e.args?.data?.url?.startsWith('chrome-extension://'),
    )
    .map((e) => ({
      start: e.ts,
      end: e.ts + e.dur!,
      key: `${e.pid}:${e.tid}`,
      script: e.args!.data!.url!.replace(/^chrome-extension:\/\/[^/]+\//, ''),
    }))
    .sort((a, b) => a.start - b.start);
  let total = 0;
  const byScript: Record<string, number> = {};
  const open = new Map<string, number>(); // per thread: end of the span being counted
  for (const s of spans) {
    const until = open.get(s.key) ?? -Infinity;
    const counted = Math.max(0, s.end - Math.max(s.start, until));
    if (counted > 0) {
      total += counted;
      byScript[s.script] = (byScript[s.script] ?? 0) + counted / 1000;
      open.set(s.key, Math.max(until, s.end));
    }
  }
  return { total: total / 1000, byScript };
}

async function loadOnce(
  context: BrowserContext,
  url: string,
): Promise<{ loadMs: number; extensionMs: number; byScript: Record<string, number> }> {
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,v8.execute,__metadata',
    transferMode: 'ReportEvents',
  });
  await page.goto(url, { waitUntil: 'load' });
  const loadMs = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventStart);
  await page.waitForTimeout(IDLE_MS);
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  await page.close();
  const { total, byScript } = extensionMainThreadMs(events);
  return { loadMs, extensionMs: total, byScript };
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
console.log(
  `Extension ${extensionDir}\n${RUNS} loads per page and browser after ${WARMUP}; idle ${IDLE_MS} ms after load; load average at start ${load()}`,
);
console.log(
  `\nContent scripts before a call: ${sizes.map((s) => `${s.file} ${(s.bytes / 1000).toFixed(1)} kB`).join(', ')}; together ${(totalBytes / 1000).toFixed(1)} kB (target ≤ 60 kB)`,
);

const [withExt, without] = await Promise.all([launch(true), launch(false)]);
try {
  for (const [pathname, label] of [
    ['/landing', 'Meet home page (no meeting)'],
    ['/abc-defg-hij', 'Meet pre-join screen (meeting page, no call)'],
  ] as const) {
    const url = `https://${HOST}${pathname}`;
    const runs: { w: Awaited<ReturnType<typeof loadOnce>>; n: Awaited<ReturnType<typeof loadOnce>> }[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      // Alternate which goes first, so neither always follows the other's work.
      const w = i % 2 ? await loadOnce(withExt, url) : null;
      const n = await loadOnce(without, url);
      const w2 = w ?? (await loadOnce(withExt, url));
      if (i >= WARMUP) runs.push({ w: w2, n });
    }
    const scriptsSeen: Record<string, number[]> = {};
    for (const r of runs) for (const [s, ms] of Object.entries(r.w.byScript)) (scriptsSeen[s] ??= []).push(ms);
    const ratio = median(runs.map((r) => r.w.loadMs / r.n.loadMs));
    const extMs = median(runs.map((r) => r.w.extensionMs));
    console.log(`\n${label}, ${url}`);
    console.log(`  load event, no extension      ${median(runs.map((r) => r.n.loadMs)).toFixed(1)} ms (median)`);
    console.log(`  load event, with Rapport      ${median(runs.map((r) => r.w.loadMs)).toFixed(1)} ms (median)`);
    console.log(`  paired ratio with / without   ${ratio.toFixed(3)} (median; target ≤ 1.05)`);
    console.log(
      `  main thread in Rapport's scripts, navigation to load + ${IDLE_MS} ms: ${extMs.toFixed(2)} ms (median; max ${Math.max(...runs.map((r) => r.w.extensionMs)).toFixed(2)}; target ≤ 5 ms)`,
    );
    for (const [s, ms] of Object.entries(scriptsSeen))
      console.log(`    ${s}: ${median(ms).toFixed(2)} ms (median over loads where it ran)`);
    if (runs.some((r) => r.n.extensionMs > 0))
      console.log('  (the browser without the extension showed extension script time: the measure is wrong)');
  }
  console.log(`\nload average at end ${load()}`);
} finally {
  await Promise.all([withExt.close(), without.close()]);
  server.close();
}
