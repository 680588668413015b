#!/usr/bin/env node
/**
 * Runs a TypeScript script as one esbuild bundle on plain Node:
 *   node scripts/run-ts.mjs scripts/talktime/analyze.ts [args…]
 *
 * Why not tsx: its loader hooks stay registered for the whole run, and with them the talk-time
 * analyzer's hot loops ran ≈ 17 % slower — the same pre-built bundle too, so it is the hooks, not
 * the transpiled code (BENCHMARKS.md, "Analyzer speed"). Bundling first takes ≈ 50 ms and
 * starts faster than tsx. npm packages stay external (resolved from node_modules as usual);
 * `import.meta.dirname` / `import.meta.url` keep meaning the source file's own location.
 */
import { readFile, mkdir, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <script.ts> [args…]');
  process.exit(2);
}
const source = resolve(entry);
const out = join(root, '.cache', 'run', `${basename(source, '.ts')}-${process.pid}.mjs`);

/** Replaces import.meta.dirname / import.meta.url in each bundled source file by that file's own location. */
const ownLocation = {
  name: 'own-location',
  setup(b) {
    // The project's own files, TypeScript or JavaScript (npm packages stay external).
    b.onLoad({ filter: /\.[cm]?[jt]s$/ }, async ({ path }) => ({
      contents: (await readFile(path, 'utf8'))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(path)))
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)),
      loader: /\.[cm]?ts$/.test(path) ? 'ts' : 'js',
    }));
  },
};

await mkdir(dirname(out), { recursive: true });
await build({
  entryPoints: [source],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile: out,
  sourcemap: 'inline',
  logLevel: 'error',
  plugins: [ownLocation],
});
// The bundle is loaded once imported; remove it however the script ends (it may call process.exit).
process.on('exit', () => rmSync(out, { force: true }));
process.setSourceMapsEnabled(true);
process.argv = [process.argv[0], source, ...args];
try {
  await import(pathToFileURL(out).href);
} finally {
  await rm(out, { force: true });
}
