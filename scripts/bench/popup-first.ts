/**
 * `npm run bench:popup-first`: the popup's first full view against the first paint of a minimal
 * React page of the same extension (entrypoints/paint-probe, test builds only), in the same
 * browser and run, opened in turn, with five years of data (issue 20; target ≤ 1.5×).
 *
 * The popup is opened once first, so it has saved its snapshot; its first full view is then the
 * last view painted from that snapshot (marked stale until refreshed: `rapport:snapshot-rendered`)
 * or, when there is none, its own view (`rapport:summary-rendered`). The refreshed view's time is
 * printed too. Times are ms from navigation, each marked after the frame that shows it.
 * Options (env): BENCH_RUNS (default 20), RAPPORT_EXTENSION_DIR (default .output/chrome-mv3-test).
 */
import type { BrowserContext } from '@playwright/test';
import { loadavg } from 'node:os';
import path from 'node:path';
import { launchWithExtension, median, openPopupOnce, root, seedDatabase } from './popup-browser';
import { generateFiveYears } from './summary-data';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUP = 3;
const extensionDir = path.resolve(process.env.RAPPORT_EXTENSION_DIR ?? path.join(root, '.output/chrome-mv3-test'));

async function openProbe(context: BrowserContext, url: string): Promise<{ painted: number }> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('rapport:probe-painted').length > 0, undefined, { timeout: 30_000 });
    return await page.evaluate(() => ({ painted: performance.getEntriesByName('rapport:probe-painted')[0]!.startTime }));
  } finally {
    await page.close();
  }
}

async function openPopup(context: BrowserContext, url: string): Promise<{ first: number; fresh: number; snapshot: number }> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('rapport:summary-rendered').length > 0, undefined, { timeout: 30_000 });
    const t = await page.evaluate(() => ({
      fresh: performance.getEntriesByName('rapport:summary-rendered')[0]!.startTime,
      snapshot: performance.getEntriesByName('rapport:snapshot-rendered')[0]?.startTime ?? Number.NaN,
    }));
    return { ...t, first: Number.isNaN(t.snapshot) ? t.fresh : Math.min(t.snapshot, t.fresh) };
  } finally {
    await page.close();
  }
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
console.log(`Extension ${extensionDir}\n${RUNS} pairs after ${WARMUP}; load average at start ${load()}`);
const { context, popupUrl } = await launchWithExtension(extensionDir);
const probeUrl = popupUrl.replace('popup.html', 'paint-probe.html');
try {
  await openPopupOnce(context, popupUrl, 'summary');
  await seedDatabase(context, popupUrl, generateFiveYears(new Date()));
  // One full opening with data: the popup saves its view for the next one.
  const page = await context.newPage();
  await page.goto(popupUrl);
  await page.waitForFunction(() => performance.getEntriesByName('rapport:health-rendered').length > 0, undefined, { timeout: 30_000 });
  await page.waitForTimeout(2500);
  await page.close();

  const pairs: { popup: Awaited<ReturnType<typeof openPopup>>; probe: Awaited<ReturnType<typeof openProbe>> }[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    // Alternate which goes first.
    const probeFirst = i % 2 === 1;
    const probe0 = probeFirst ? await openProbe(context, probeUrl) : null;
    const popup = await openPopup(context, popupUrl);
    const probe = probe0 ?? (await openProbe(context, probeUrl));
    if (i >= WARMUP) pairs.push({ popup, probe });
  }
  const m = (f: (p: (typeof pairs)[0]) => number) => median(pairs.map(f));
  const snapshots = pairs.filter((p) => !Number.isNaN(p.popup.snapshot)).length;
  console.log(`\nmedians, ms from navigation (five years of data):`);
  console.log(`  minimal React page, painted            ${m((p) => p.probe.painted).toFixed(1)}`);
  console.log(
    `  popup, first full view                 ${m((p) => p.popup.first).toFixed(1)}  (from the snapshot in ${snapshots} of ${pairs.length})`,
  );
  console.log(`  popup, refreshed view (fresh figures)  ${m((p) => p.popup.fresh).toFixed(1)}`);
  console.log(`  paired ratio first full view / minimal page: ${m((p) => p.popup.first / p.probe.painted).toFixed(2)} (target ≤ 1.5)`);
  console.log(`  paired ratio refreshed view / minimal page:  ${m((p) => p.popup.fresh / p.probe.painted).toFixed(2)}`);
  console.log(`load average at end ${load()}`);
} finally {
  await context.close();
}
