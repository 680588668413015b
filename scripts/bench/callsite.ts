/**
 * `npm run bench:callsite`: what Rapport costs a call-site page on which no call runs (issue 20).
 *
 * A local HTTPS server answers for meet.google.com (Chromium maps the name to it and accepts its
 * self-signed certificate), so the release build's content scripts attach exactly as on the real
 * site. Two Chromiums run side by side, one with the extension and one without, and load the same
 * pages in turn (with, without, with, …) so both see the same moments of a shared, noisy machine.
 * Each load is traced (DevTools timeline) from navigation to IDLE_MS after the load event: the
 * extension's main-thread time is the time the page's main thread spent in scripts whose URL is
 * the extension's (evaluating, compiling, and calling them: the MAIN-world tap, the relay or the watcher, the companion and
 * its one-second ticks). Prints the content scripts' size, the medians and the paired ratios.
 *
 * Pages: Meet's home page (not a meeting) and a meeting's pre-join screen (a meeting page, no call
 * yet), both the saved fixtures the adapter tests use.
 * Options (env): BENCH_DECLARED=1 (a third browser: the watcher declared in the manifest, as
 * before it was injected after the load), BENCH_PAGES (landing,home,prejoin), BENCH_RUNS (loads
 * per page and browser, default 15), RAPPORT_EXTENSION_DIR (default .output/chrome-mv3), IDLE_MS
 * (default 3000), CHROMIUM_PATH.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { deflateSync } from 'node:zlib';
import { loadavg } from 'node:os';
import path from 'node:path';
import { median, root } from './popup-browser';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 2;
const IDLE_MS = Number(process.env.IDLE_MS ?? 3000);
const HOST = 'meet.google.com';
const builtDir = path.resolve(process.env.RAPPORT_EXTENSION_DIR ?? path.join(root, '.output/chrome-mv3'));
if (!existsSync(path.join(builtDir, 'manifest.json'))) {
  console.error(`No build at ${builtDir}: run npm run build first`);
  process.exit(2);
}
/**
 * The watcher and the relay: not in the manifest. Once a call site's page has loaded, the
 * background injects the watcher into a meeting's page and the relay into any other (the relay
 * asks for the watcher when the tap shows a call).
 */
const WATCHER = 'content-scripts/call.js';
const RELAY = 'call-relay.js';
type Manifest = { content_scripts: { matches: string[]; js: string[]; run_at?: string; world?: string }[] };
/**
 * BENCH_DECLARED=1: a third Chromium in the same rotation, with a copy of the build whose manifest
 * declares the watcher again (document_idle, as before it was injected after the load event). The
 * background still probes and finds it there, so it injects no second one.
 */
const declaredDir = process.env.BENCH_DECLARED === '1' ? path.join(root, '.cache', 'callsite-ext-declared') : null;
if (declaredDir) {
  rmSync(declaredDir, { recursive: true, force: true });
  cpSync(builtDir, declaredDir, { recursive: true });
  const m = JSON.parse(readFileSync(path.join(declaredDir, 'manifest.json'), 'utf8')) as Manifest;
  const tap = m.content_scripts.find((c) => c.world === 'MAIN');
  if (!tap) throw new Error('no MAIN-world tap in the manifest');
  m.content_scripts.push({ matches: tap.matches, js: [WATCHER], run_at: 'document_idle' });
  writeFileSync(path.join(declaredDir, 'manifest.json'), JSON.stringify(m));
}

// ---- the content scripts' size before a call: the declared ones, the injected watcher and relay ----
const manifest = JSON.parse(readFileSync(path.join(builtDir, 'manifest.json'), 'utf8')) as Manifest;
const scripts = [...new Set([...manifest.content_scripts.flatMap((c) => c.js), WATCHER, RELAY])];
const sizes = scripts.map((s) => ({ file: s, bytes: statSync(path.join(builtDir, s)).size }));
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
const site = medianHomePage(fixture('left.html'));
const pages: Record<string, { type: string; body: string | Buffer }> = {
  '/landing': { type: 'text/html; charset=utf-8', body: fixture('left.html') },
  '/abc-defg-hij': { type: 'text/html; charset=utf-8', body: fixture('prejoin.html') },
  ...site,
};
const server = createServer(
  { key: readFileSync(path.join(certDir, 'key.pem')), cert: readFileSync(path.join(certDir, 'cert.pem')) },
  (req, res) => {
    const page = pages[new URL(req.url ?? '/', `https://${HOST}`).pathname];
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': page.type, 'cache-control': 'no-store' }).end(page.body);
  },
);
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;

/**
 * A home page of the web's median desktop weight (HTTP Archive, Web Almanac 2024, "Page Weight":
 * median desktop home page 18 kB of HTML, 24 JavaScript requests of 613 kB together, 78 kB of CSS,
 * 18 images of 1,054 kB together) around the fixture's markup: a call site's real landing page is
 * no lighter (the local fixtures are trimmed to what Rapport reads, ≈ 2 kB and no script). The
 * scripts are generated: functions of ordinary code, a quarter of them run at load (the rest only
 * parsed, as a site's code mostly is), each script adding a few elements; four load in the head,
 * the rest at the end of the body. The images are incompressible PNGs. Deterministic.
 */
function medianHomePage(markup: string): Record<string, { type: string; body: string | Buffer }> {
  let seed = 20;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const word = () => Array.from({ length: 3 + Math.floor(rand() * 7) }, () => String.fromCharCode(97 + Math.floor(rand() * 26))).join('');
  const out: Record<string, { type: string; body: string | Buffer }> = {};
  const scripts: string[] = [];
  for (let i = 0; i < 24; i++) {
    let js = `(function(){var site=window.__site||(window.__site={});var m=site.m${i}={};\n`;
    let f = 0;
    while (js.length < 613_000 / 24 - 400) {
      const name = `${word()}${f}`;
      js += `function ${name}(a,b){var r=[],k='${word()} ${word()} ${word()}';for(var i=0;i<(a|0)%${5 + (f % 7)};i++){r.push({id:i+b,label:k+i,on:i%2===0});}if(r.length>${2 + (f % 3)}){return r.map(function(x){return x.label.length+x.id;}).reduce(function(p,q){return p+q;},0);}return r.length?r[0].id:${f};}\n`;
      js += `m.${name}=${name};${f % 4 === 0 ? `m.v${f}=${name}(${f},${i});` : ''}\n`;
      f++;
    }
    js += `var el=document.createElement('div');el.className='blk${i}';el.textContent='${word()} '+Object.keys(m).length;(document.body||document.documentElement).appendChild(el);})();\n`;
    out[`/static/app${i}.js`] = { type: 'text/javascript', body: js };
    scripts.push(`<script src="/static/app${i}.js"></script>`);
  }
  let css = '';
  for (let i = 0; css.length < 78_000; i++)
    css += `.${word()}${i} .${word()}{margin:${i % 17}px ${i % 5}px;padding:${i % 9}px;color:#${((i * 2654435761) % 16777216).toString(16).padStart(6, '0')};font:${12 + (i % 6)}px/1.4 sans-serif}\n`;
  out['/static/site.css'] = { type: 'text/css', body: css };
  const images: string[] = [];
  for (let i = 0; i < 18; i++) {
    out[`/static/img${i}.png`] = { type: 'image/png', body: noisePng(120, 120, rand) };
    images.push(`<img src="/static/img${i}.png" width="120" height="120" alt="">`);
  }
  let html = markup.replace('</head>', `<link rel="stylesheet" href="/static/site.css">${scripts.slice(0, 4).join('')}</head>`);
  let filler = '';
  for (let i = 0; html.length + filler.length < 18_000 - 2000; i++)
    filler += `<section class="${word()}${i}"><h2>${word()} ${word()}</h2><p>${Array.from({ length: 12 }, word).join(' ')}</p></section>\n`;
  html = html.replace('</body>', `${filler}${images.join('')}${scripts.slice(4).join('')}</body>`);
  out['/home'] = { type: 'text/html; charset=utf-8', body: html };
  return out;
}

/** An RGB PNG of random pixels (stored, so ≈ 3 bytes a pixel: 120 × 120 ≈ 43 kB… 59 kB with the alpha channel). */
function noisePng(w: number, h: number, rand: () => number): Buffer {
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w * 4; x++) raw[y * (w * 4 + 1) + 1 + x] = Math.floor(rand() * 256);
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 0 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(b: Buffer): number {
  let c = ~0;
  for (const byte of b) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

async function launch(extensionDir: string | null): Promise<BrowserContext> {
  return chromium.launchPersistentContext('', {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      // Nothing leaves the machine: every other host goes to a proxy that does not exist.
      `--host-resolver-rules=MAP ${HOST} 127.0.0.1:${port}`, '--ignore-certificate-errors',
      '--proxy-server=http://127.0.0.1:9', `--proxy-bypass-list=${HOST}`,
      ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : ['--disable-extensions']),
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
  `Extension ${builtDir}${declaredDir ? ` (and ${declaredDir}: the watcher declared in the manifest)` : ''}\n${RUNS} loads per page and browser after ${WARMUP}; idle ${IDLE_MS} ms after load; load average at start ${load()}`,
);
console.log(
  `\nContent scripts before a call: ${sizes.map((s) => `${s.file} ${(s.bytes / 1000).toFixed(1)} kB`).join(', ')}; together ${(totalBytes / 1000).toFixed(1)} kB (target ≤ 60 kB)`,
);

type Load = Awaited<ReturnType<typeof loadOnce>>;
const arms: { label: string; context: BrowserContext }[] = [{ label: 'with Rapport', context: await launch(builtDir) }];
if (declaredDir) arms.push({ label: 'watcher declared', context: await launch(declaredDir) });
const without = await launch(null);
try {
  const chosen = (process.env.BENCH_PAGES ?? 'landing,home,prejoin').split(',');
  for (const [pathname, label] of (
    [
      ['landing', '/landing', 'Meet page without a meeting, the local fixture (2 kB, no script)'],
      ['home', '/home', "Meet page without a meeting at the web's median desktop home-page weight (1.8 MB, 24 scripts)"],
      ['prejoin', '/abc-defg-hij', 'Meet pre-join screen (meeting page, no call)'],
    ] as const
  )
    .filter(([key]) => chosen.includes(key))
    .map(([, p, l]) => [p, l] as const)) {
    const url = `https://${HOST}${pathname}`;
    const runs: { n: Load; w: Load[] }[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      // Rotate which browser goes first, so none always follows another's work.
      const order = [-1, ...arms.keys()];
      const turn = order.map((_, k) => order[(k + i) % order.length]!);
      const got = new Map<number, Load>();
      for (const a of turn) got.set(a, await loadOnce(a < 0 ? without : arms[a]!.context, url));
      if (i >= WARMUP) runs.push({ n: got.get(-1)!, w: arms.map((_, a) => got.get(a)!) });
    }
    console.log(`\n${label}, ${url}`);
    console.log(`  load event, no extension          ${median(runs.map((r) => r.n.loadMs)).toFixed(1)} ms (median)`);
    arms.forEach((arm, a) => {
      const mine = runs.map((r) => r.w[a]!);
      const scriptsSeen: Record<string, number[]> = {};
      for (const r of mine) for (const [s, ms] of Object.entries(r.byScript)) (scriptsSeen[s] ??= []).push(ms);
      const ratio = median(runs.map((r) => r.w[a]!.loadMs / r.n.loadMs));
      const extMs = median(mine.map((r) => r.extensionMs));
      console.log(`  load event, ${arm.label.padEnd(21)} ${median(mine.map((r) => r.loadMs)).toFixed(1)} ms (median)`);
      console.log(`    paired ratio with / without     ${ratio.toFixed(3)} (median; target ≤ 1.05)`);
      console.log(
        `    main thread in Rapport's scripts, navigation to load + ${IDLE_MS} ms: ${extMs.toFixed(2)} ms (median; max ${Math.max(...mine.map((r) => r.extensionMs)).toFixed(2)}; target ≤ 5 ms)`,
      );
      for (const [s, ms] of Object.entries(scriptsSeen))
        console.log(`      ${s}: ${median(ms).toFixed(2)} ms (median over loads where it ran)`);
    });
    if (runs.some((r) => r.n.extensionMs > 0))
      console.log('  (the browser without the extension showed extension script time: the measure is wrong)');
  }
  console.log(`\nload average at end ${load()}`);
} finally {
  await Promise.all([...arms.map((a) => a.context.close()), without.close()]);
  server.close();
}
