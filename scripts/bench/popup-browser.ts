/**
 * The popup benchmarks' browser side (scripts/bench/summary.ts, scripts/bench/popup-ab.ts): a
 * Chromium with a test build of the extension, five years of data seeded into its real
 * IndexedDB, and the marks one opening of popup.html leaves.
 */
import { chromium, type BrowserContext } from '@playwright/test';
// @ts-expect-error -- plain JS module shared with `npm start`
import { chromiumArgs } from '../chromium-args.mjs';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { goalDigestOf, openActionOf, sessionDigestOf } from '../../lib/db/digests';
import type { BenchData } from './summary-data';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A Chromium with the test build in `extensionDir` loaded, and the popup's address. */
export async function launchWithExtension(extensionDir: string): Promise<{ context: BrowserContext; popupUrl: string }> {
  if (!existsSync(path.join(extensionDir, 'manifest.json')))
    throw new Error(`No test build at ${extensionDir}: run RAPPORT_OUT_DIR=.output-popup RAPPORT_TEST_BUILD=1 npx wxt build`);
  const extensionId = readFileSync(path.join(root, 'scripts/keys/test-extension-id.txt'), 'utf8').trim();
  const context = await chromium.launchPersistentContext('', {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 400, height: 600 },
    // The shared flags (scripts/chromium-args.mjs), plus a proxy that does not exist: nothing may
    // leave the machine, and any attempt is swallowed.
    args: [...chromiumArgs({ extensionDir, extensionId }), '--proxy-server=http://127.0.0.1:9'],
  });
  return { context, popupUrl: `chrome-extension://${extensionId}/popup.html` };
}

/**
 * Writes `data` into the extension's database through an extension page, once the popup has
 * created it. Raw IndexedDB writes bypass Dexie, so the digests its middleware would write come
 * along, made by the same functions (lib/db/digests.ts).
 */
export async function seedDatabase(context: BrowserContext, popupUrl: string, data: BenchData): Promise<void> {
  const seeder = await context.newPage();
  await seeder.goto(popupUrl);
  await seeder.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'rapport'));
  const seed = {
    ...data,
    sessionDigests: data.sessions.flatMap((s) => sessionDigestOf(s) ?? []),
    goalDigests: data.goals.map(goalDigestOf),
    openActions: data.actions.flatMap((a) => openActionOf(a) ?? []),
  };
  await seeder.evaluate(async (seed) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('rapport');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tables = Object.keys(seed);
      const tx = db.transaction(tables, 'readwrite');
      for (const table of tables) for (const row of (seed as Record<string, object[]>)[table]!) tx.objectStore(table).put(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, seed);
  await seeder.close();
}

/** What one opening of the popup took, in ms from navigation (NaN for a mark the build does not set). */
export type PopupTimings = {
  /** The first full view painted (`rapport:summary-rendered`). */
  rendered: number;
  /** "Needs attention" on screen. */
  health: number;
  /** Reading + computing the summary (`rapport:summary-load`), its start and its length. */
  readStart: number;
  load: number;
  bundleRun: number;
  dbOpened: number;
  committed: number;
  firstPaint: number;
};

/**
 * Opens the popup in a new tab, waits until it is complete and gives its marks. Complete means
 * "Needs attention" included, unless `until` is 'summary': a new user's first steps have no
 * "Needs attention".
 */
export async function openPopupOnce(
  context: BrowserContext,
  popupUrl: string,
  until: 'summary' | 'health' = 'health',
): Promise<PopupTimings> {
  const page = await context.newPage();
  try {
    await page.goto(popupUrl);
    const mark = until === 'health' ? 'rapport:health-rendered' : 'rapport:summary-rendered';
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, mark, { timeout: 30_000 });
    return await page.evaluate(() => {
      const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
      const load = performance.getEntriesByName('rapport:summary-load')[0];
      return {
        rendered: at('rapport:summary-rendered'),
        health: at('rapport:health-rendered'),
        readStart: load?.startTime ?? Number.NaN,
        load: load?.duration ?? Number.NaN,
        bundleRun: at('rapport:bundle-run'),
        dbOpened: at('rapport:db-opened'),
        committed: at('rapport:summary-committed'),
        firstPaint: at('first-contentful-paint'),
      };
    });
  } finally {
    await page.close();
  }
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
