/**
 * `npm run bench:popup-ab -- <baseline build> <candidate build>`: two test builds of the popup,
 * each in its own Chromium over the same five years of data, opened in turn (baseline,
 * candidate, baseline, …) so both see the same moments of a shared, noisy machine. Prints the
 * medians of each and the median of the paired ratios candidate / baseline.
 *
 * Make a baseline build from another commit in a separate worktree, e.g.
 *   git worktree add /tmp/base HEAD~1 && (cd /tmp/base && ln -s "$OLDPWD/node_modules" &&
 *     RAPPORT_OUT_DIR=/tmp/base-out RAPPORT_TEST_BUILD=1 npx wxt build)
 * Options (env): BENCH_RUNS (pairs, default 20), CHROMIUM_PATH.
 */
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchWithExtension, median, openPopupOnce, seedDatabase, type PopupTimings } from './popup-browser';
import { generateFiveYears } from './summary-data';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUP = 3;
// Two build folders and nothing else: a flag (a typo, or an option this script does not have) is an error.
const { positionals } = parseArgs({ options: {}, allowPositionals: true });
const [baseDir, candidateDir] = positionals.map((d) => {
  const dir = path.resolve(d);
  return path.basename(dir) === 'chrome-mv3-test' ? dir : path.join(dir, 'chrome-mv3-test');
});
if (!baseDir || !candidateDir || positionals.length !== 2) {
  console.error('usage: npm run bench:popup-ab -- <baseline build dir> <candidate build dir>');
  process.exit(2);
}

const data = generateFiveYears(new Date());
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
console.log(`Baseline ${baseDir}\nCandidate ${candidateDir}\n${RUNS} pairs after ${WARMUP}; load average at start ${load()}`);
const builds = await Promise.all(
  [baseDir, candidateDir].map(async (dir) => {
    const browser = await launchWithExtension(dir);
    // The first opening creates the database (through the build's own code), then the data goes in.
    await openPopupOnce(browser.context, browser.popupUrl, 'summary');
    await seedDatabase(browser.context, browser.popupUrl, data);
    return { ...browser, runs: [] as PopupTimings[] };
  }),
);
try {
  for (let i = 0; i < WARMUP + RUNS; i++) {
    // Alternate which goes first, so neither always follows the other's work.
    const order = i % 2 ? [...builds].reverse() : builds;
    for (const b of order) {
      const t = await openPopupOnce(b.context, b.popupUrl);
      if (i >= WARMUP) b.runs.push(t);
    }
  }
} finally {
  await Promise.all(builds.map((b) => b.context.close()));
}

const [base, candidate] = builds as [(typeof builds)[0], (typeof builds)[0]];
const fmt = (ms: number) => (Number.isNaN(ms) ? '—' : `${ms.toFixed(1)} ms`);
const rows: [string, (t: PopupTimings) => number][] = [
  ['first full view painted', (t) => t.rendered],
  ['module bundle starts running', (t) => t.bundleRun],
  ['summary read + computed', (t) => t.readStart + t.load],
  ['React committed the full view', (t) => t.committed],
  ['first contentful paint', (t) => t.firstPaint],
  ['"Needs attention" on screen', (t) => t.health],
];
console.log(`\n${'(medians from navigation)'.padEnd(32)} ${'baseline'.padStart(10)} ${'candidate'.padStart(10)}   paired ratio`);
for (const [label, pick] of rows) {
  const ratios = base.runs.map((b, i) => pick(candidate.runs[i]!) / pick(b));
  console.log(
    `${label.padEnd(32)} ${fmt(median(base.runs.map(pick))).padStart(10)} ${fmt(median(candidate.runs.map(pick))).padStart(10)}   ${Number.isNaN(median(ratios)) ? '—' : `${median(ratios).toFixed(2)}×`}`,
  );
}
const faster = base.runs.filter((b, i) => candidate.runs[i]!.rendered < b.rendered).length;
console.log(`candidate's first full view was faster in ${faster} of ${RUNS} pairs; load average at end ${load()}`);
