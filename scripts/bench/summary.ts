/**
 * `npm run bench:summary`: how fast the weekly summary is with five years of data.
 *
 * 1. Node (fake-indexeddb): the summary through its indexed queries (read + compute), the pure
 *    computation alone, and a same-run baseline that reads every table in full and filters in
 *    JavaScript — the naive way — before the same computation.
 * 2. Chromium (the real extension, the real IndexedDB): the data is seeded through an extension
 *    page (with the digests lib/db/digests.ts would derive), then popup.html is opened again and
 *    again; the popup marks `rapport:summary-rendered` when its first full view is on screen and
 *    measures `rapport:summary-load` (read + compute, started before React renders, so it shares
 *    the thread with page start-up). Then, in an open and idle popup, the same read + compute
 *    (loadWeekView, exposed by test builds) is timed on its own. Baseline in the same browser:
 *    one getAll() of every table, what any full scan must pay.
 *
 * Medians of several runs after warm-up. Build first (the npm script does):
 *   RAPPORT_OUT_DIR=.output-popup RAPPORT_TEST_BUILD=1 npx wxt build
 * Options (env): BENCH_RUNS (default 15), RAPPORT_EXTENSION_DIR, CHROMIUM_PATH, BENCH_SKIP_BROWSER=1.
 */
import 'fake-indexeddb/auto';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RapportDb, setDbForTests } from '../../lib/db/database';
import { DEFAULT_SETTINGS } from '../../lib/schema';
import { relationshipHealth } from '../../lib/mentoring/health';
import { loadRelationshipAlerts } from '../../lib/summary/health';
import type { WeekReads } from '../../lib/db/week-reads';
import type { Action } from '../../lib/schema';
import { readThisWeekRaw, readWeek } from '../../lib/summary/read';
import { loadWeekData, loadWeekSummary } from '../../lib/summary/load';
import {
  computeWeekSummary,
  dayBefore,
  overdueFrom,
  shiftWeek,
  TREND_WEEKS,
  weekOf,
  type Week,
  type WeekData,
} from '../../lib/summary/week';
import { launchWithExtension, median, openPopupOnce, root, seedDatabase } from './popup-browser';
import { generateFiveYears, type BenchData } from './summary-data';

// Options come from the environment (above); the command line takes none, and a stray flag is an error.
parseArgs({ options: {} });
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 3;

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function time(fn: () => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t0 = performance.now();
    await fn();
    if (i >= WARMUP) out.push(performance.now() - t0);
  }
  return out;
}

/**
 * CPU time this process spent per run (user + system): on a machine other jobs share, wall time
 * includes waiting for a core; CPU time is closer to what the work itself costs.
 */
async function cpuTime(fn: () => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const c0 = process.cpuUsage();
    await fn();
    const c = process.cpuUsage(c0);
    if (i >= WARMUP) out.push((c.user + c.system) / 1000);
  }
  return out;
}

/**
 * The naive way: every table read in full, the week's reads (lib/db/week-reads.ts) answered by
 * filtering in JavaScript, put together by the same readWeek as the popup's reads.
 */
async function naiveWeekData(db: RapportDb, week: Week, now: Date): Promise<WeekData> {
  const [relationships, goals, allSessions, actions, notes] = await Promise.all([
    db.relationships.toArray(),
    db.goals.toArray(),
    db.sessions.toArray(),
    db.actions.toArray(),
    db.notes.toArray(),
  ]);
  const held = (id: string, untilMs: number) =>
    allSessions
      .filter((s) => s.relationshipId === id && s.status !== 'live' && s.startedAt <= untilMs)
      .sort((a, b) => a.startedAt - b.startedAt);
  const due = (list: Action[], from: string, to: string) => list.filter((a) => a.dueDate >= from && a.dueDate <= to);
  const reads: WeekReads = {
    settings: async () => DEFAULT_SETTINGS,
    relationships: async () => relationships,
    heldSessionsBetween: async (fromMs, toMs) => allSessions.filter((s) => s.startedAt >= fromMs && s.startedAt < toMs),
    actionsDueBetween: async (from, to) => due(actions, from, to),
    openActionsDueBetween: async (from, to) => due(actions, from, to).filter((a) => !a.done),
    heldSessionsAwaitingNote: async () => allSessions.filter((s) => s.status === 'ended' || s.status === 'interrupted'),
    goalsMovedBetween: async (fromMs, toMs) => goals.filter((g) => g.history.some((h) => h.at >= fromMs && h.at < toMs)),
    heldSessionCounts: async (ids, untilMs) => new Map(ids.map((id) => [id, held(id, untilMs).length])),
    lastHeldSessions: async (ids, beforeMs) =>
      new Map(
        ids.flatMap((id) =>
          held(id, beforeMs - 1)
            .slice(-1)
            .map((s) => [id, s] as const),
        ),
      ),
    noteOfSession: async (sessionId) => notes.find((n) => n.sessionId === sessionId),
  };
  return (await readWeek(reads, now, () => week)).data;
}

async function benchNode(data: BenchData, now: Date) {
  const db = new RapportDb('rapport-bench');
  await db.open();
  setDbForTests(db);
  await db.transaction('rw', [db.relationships, db.goals, db.sessions, db.notes, db.actions], async () => {
    await db.relationships.bulkAdd(data.relationships);
    await db.goals.bulkAdd(data.goals);
    await db.sessions.bulkAdd(data.sessions);
    await db.notes.bulkAdd(data.notes);
    await db.actions.bulkAdd(data.actions);
  });
  const week = weekOf(now, 1);
  const loaded = await loadWeekData(week, now);
  const indexed = await loadWeekSummary(week, now);
  const naive = computeWeekSummary(await naiveWeekData(db, week, now), week, now);
  // The baseline must compute the same thing, or the comparison means nothing.
  if (JSON.stringify(indexed) !== JSON.stringify(naive)) throw new Error('indexed and naive summaries differ');
  // The popup's first view comes from the raw IndexedDB read (lib/summary/read.ts, raw IndexedDB): it must be the same summary.
  const rawSummary = async () => {
    const raw = await readThisWeekRaw(indexedDB, now, db.name);
    if (!raw) throw new Error('the raw read could not open the bench database');
    return computeWeekSummary(raw.data, raw.week, raw.now);
  };
  if (JSON.stringify(await rawSummary()) !== JSON.stringify(indexed))
    throw new Error('the raw read and the Dexie read give different summaries');
  // Health too: the popup's reads (digests, only the actions the rules look at) against every record.
  const alerts = await loadRelationshipAlerts(now);
  // Records in index order (by id within a relationship), as any indexed read returns them.
  const byId = <T extends { id: string }>(rows: readonly T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const everything = { sessions: byId(data.sessions), notes: byId(data.notes), actions: byId(data.actions), goals: byId(data.goals) };
  const naiveAlerts = data.relationships
    .filter((r) => r.status === 'active')
    .map((relationship) => ({ relationship, signals: relationshipHealth({ relationship, ...everything, now }) }))
    .filter((a) => a.signals.length > 0);
  const bySorted = (pairs: [string, unknown][]) => JSON.stringify(pairs.sort(([x], [y]) => x.localeCompare(y)));
  const indexedHealth = bySorted(alerts.map((a) => [a.relationshipId, a.signals]));
  if (indexedHealth !== bySorted(naiveAlerts.map((a) => [a.relationship.id, a.signals])))
    throw new Error('health from indexed reads and from every record differ');
  const result = {
    indexed: median(await time(() => loadWeekSummary(week, now))),
    indexedCpu: median(await cpuTime(() => loadWeekSummary(week, now))),
    raw: median(await time(rawSummary)),
    computeOnly: median(await time(() => computeWeekSummary(loaded, week, now))),
    naive: median(await time(async () => computeWeekSummary(await naiveWeekData(db, week, now), week, now))),
    naiveCpu: median(await cpuTime(async () => computeWeekSummary(await naiveWeekData(db, week, now), week, now))),
    health: median(await time(() => loadRelationshipAlerts(now))),
    summary: indexed,
  };
  setDbForTests(null);
  await db.delete();
  return result;
}

async function benchChromium(data: BenchData) {
  const extensionDir = process.env.RAPPORT_EXTENSION_DIR ?? path.join(root, '.output-popup/chrome-mv3-test');
  const { context, popupUrl: url } = await launchWithExtension(extensionDir);
  try {
    // Reference: the same popup over an empty database (its first-steps view), i.e. what loading
    // the page, React and opening IndexedDB cost before any data is read.
    const emptyRendered: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const t = await openPopupOnce(context, url, 'summary');
      if (i >= WARMUP) emptyRendered.push(t.rendered);
    }
    await seedDatabase(context, url, data);

    const rendered: number[] = [];
    const loads: number[] = [];
    const health: number[] = [];
    // Where the first view's time goes: when the popup's module bundle started running, when
    // reading started, when the summary was computed, when React committed it, the first paint.
    const readStart: number[] = [];
    const bundleRun: number[] = [];
    const committed: number[] = [];
    const dbOpened: number[] = [];
    const readEnd: number[] = [];
    const firstPaint: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const t = await openPopupOnce(context, url);
      if (i >= WARMUP) {
        rendered.push(t.rendered);
        loads.push(t.load);
        health.push(t.health);
        readStart.push(t.readStart);
        readEnd.push(t.readStart + t.load);
        bundleRun.push(t.bundleRun);
        committed.push(t.committed);
        dbOpened.push(t.dbOpened);
        firstPaint.push(t.firstPaint);
      }
    }

    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('rapport:health-rendered').length > 0, undefined, { timeout: 30_000 });
    // The summary's reads and computation alone, in the open popup once it is idle: the same
    // function the popup calls (exposed by test builds), without page start-up competing for the thread.
    const computeRuns = await page.evaluate(async (runs) => {
      const load = (globalThis as unknown as { rapportLoadWeekView: (offset: number, now: Date) => Promise<unknown> }).rapportLoadWeekView;
      const out: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await load(0, new Date());
        out.push(performance.now() - t0);
      }
      return out;
    }, WARMUP + RUNS);
    const breakdown = await page.evaluate(
      async ({ runs, before, overdueFrom, trendFrom }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open('rapport');
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        const read = (name: string, index?: string, range?: IDBKeyRange) =>
          new Promise<number>((resolve, reject) => {
            const t0 = performance.now();
            const store = db.transaction(name).objectStore(name);
            const req = (index ? store.index(index) : store).getAll(range);
            req.onsuccess = () => resolve(performance.now() - t0);
            req.onerror = () => reject(req.error);
          });
        const out: Record<string, number[]> = {};
        const add = (k: string, v: number) => (out[k] ??= []).push(v);
        for (let i = 0; i < runs; i++) {
          for (const name of ['relationships', 'goals', 'sessions', 'notes', 'actions']) add(`getAll ${name}`, await read(name));
          add('actions due in the 12 weeks before (dueDate)', await read('actions', 'dueDate', IDBKeyRange.bound(overdueFrom, before)));
          add('open ones of those (openActions.dueDate)', await read('openActions', 'dueDate', IDBKeyRange.bound(overdueFrom, before)));
          add('held sessions of the 8-week trend (digests)', await read('sessionDigests', 'startedAt', IDBKeyRange.lowerBound(trendFrom)));
          add('all actions due before the week (dueDate)', await read('actions', 'dueDate', IDBKeyRange.upperBound(before)));
        }
        db.close();
        return out;
      },
      {
        runs: WARMUP + RUNS,
        before: dayBefore(weekOf(new Date(), 1).startDate),
        trendFrom: shiftWeek(weekOf(new Date(), 1), -(TREND_WEEKS - 1), 1).start.getTime(),
        overdueFrom: overdueFrom(weekOf(new Date(), 1)),
      },
    );
    const fullScans = await page.evaluate(async (runs) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('rapport');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const out: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await Promise.all(
          ['relationships', 'goals', 'sessions', 'notes', 'actions'].map(
            (name) =>
              new Promise((resolve, reject) => {
                const req = db.transaction(name).objectStore(name).getAll();
                req.onsuccess = () => resolve(req.result);
                req.onerror = () => reject(req.error);
              }),
          ),
        );
        out.push(performance.now() - t0);
      }
      db.close();
      return out;
    }, WARMUP + RUNS);
    return {
      rendered: median(rendered),
      emptyRendered: median(emptyRendered),
      load: median(loads),
      compute: median(computeRuns.slice(WARMUP)),
      health: median(health),
      readStart: median(readStart),
      readEnd: median(readEnd),
      bundleRun: median(bundleRun),
      committed: median(committed),
      dbOpened: median(dbOpened),
      firstPaint: median(firstPaint),
      fullScan: median(fullScans.slice(WARMUP)),
      breakdown: Object.entries(breakdown).map(([k, v]) => [k, median(v.slice(WARMUP))] as const),
    };
  } finally {
    await context.close();
  }
}

const now = new Date();
const data = generateFiveYears(now);
console.log(
  `Data: ${data.relationships.length} relationships, ${data.sessions.length} sessions, ${data.notes.length} notes, ${data.actions.length} actions, ${data.goals.length} goals; week of ${weekOf(now, 1).startDate}; median of ${RUNS} runs after ${WARMUP} warm-up.`,
);
console.log(
  `Load average at start (this machine's cores are shared): ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')}`,
);
const node = await benchNode(data, now);
console.log(
  `This week: ${node.summary.totals.sessions} sessions, ${node.summary.dueThisWeek.length} actions due, ${node.summary.overdue.length} overdue, ${node.summary.goalsMoved.length} goals moved, ${node.summary.notesToWrite.length} notes to write.`,
);
console.log('\nNode, fake-indexeddb');
console.log(`  summary, indexed queries + compute   ${fmt(node.indexed)}   (target < 30 ms)`);
console.log(`  same, CPU time of this process         ${fmt(node.indexedCpu)}   (baseline ${fmt(node.naiveCpu)})`);
console.log(`  same, the popup's raw IndexedDB read  ${fmt(node.raw)}   (lib/summary/read.ts, the first view's read)`);
console.log(`  compute only (pure)                   ${fmt(node.computeOnly)}`);
console.log(
  `  baseline: full-table scans + compute  ${fmt(node.naive)}   (${(node.naive / node.indexed).toFixed(1)}× the indexed summary)`,
);
console.log(`  health of active relationships        ${fmt(node.health)}   (loaded after the first view)`);
if (process.env.BENCH_SKIP_BROWSER !== '1') {
  const browser = await benchChromium(data);
  console.log('\nChromium, real IndexedDB, popup.html');
  console.log(`  first full view (navigation → rendered) ${fmt(browser.rendered)}   (target < 150 ms)`);
  console.log(`  same popup, empty database (page + React + IndexedDB open) ${fmt(browser.emptyRendered)}`);
  console.log(`  summary read + compute, idle popup      ${fmt(browser.compute)}   (target < 30 ms)`);
  console.log(`  same, during the popup's start-up       ${fmt(browser.load)}   (DB open and page start-up share the thread)`);
  console.log(
    `    timeline (medians from navigation): reading starts ${fmt(browser.readStart)}, database open ${fmt(browser.dbOpened)}, bundle runs ${fmt(browser.bundleRun)}, summary computed ${fmt(browser.readEnd)}, React committed the view ${fmt(browser.committed)}, first paint ${fmt(browser.firstPaint)}`,
  );
  console.log(`  health section on screen                ${fmt(browser.health)}`);
  console.log(
    `  baseline: one getAll() of every table   ${fmt(browser.fullScan)}   (${(browser.fullScan / browser.compute).toFixed(1)}× the summary's reads + compute)`,
  );
  console.log('  where the time goes (single reads, one at a time):');
  for (const [k, v] of browser.breakdown) console.log(`    ${k.padEnd(46)} ${fmt(v)}`);
}
console.log(
  `\nLoad average at end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')}`,
);
