#!/usr/bin/env node
/**
 * Runs a TypeScript script as one esbuild bundle on plain Node:
 *   node scripts/run-ts.mjs scripts/talktime/analyze.ts [args…]
 *
 * Why not tsx: its loader hooks stay registered for the whole run, and with them the talk-time
 * analyzer's hot loops ran ≈ 17 % slower — the same pre-built bundle too, so it is the hooks, not
 * the transpiled code (BENCHMARKS.md, "Analyzer speed"). npm packages stay external (resolved from
 * node_modules as usual); `import.meta.dirname` / `import.meta.url` keep meaning the source file's
 * own location.
 *
 * The bundle is cached in .cache/run/ by the content of every source file that went into it: a
 * run whose sources are unchanged imports the cached bundle without loading esbuild at all
 * (≈ 5 ms of hashing instead of ≈ 50–150 ms of bundling), so `npm run analyze` starts at once.
 * Any edit to any of those files rebuilds it. RAPPORT_RUN_TS_FRESH=1 rebuilds regardless.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <script.ts> [args…]');
  process.exit(2);
}
const source = resolve(entry);
const cacheDir = join(root, '.cache', 'run');
const name = basename(source, '.ts');
// One manifest per entry (its path hashed, so two entries with the same file name do not collide).
const manifestPath = join(cacheDir, `${name}-${createHash('sha1').update(source).digest('hex').slice(0, 8)}.json`);

const hashFile = (path) => createHash('sha1').update(readFileSync(path)).digest('hex');

/** The cached bundle, when every input it was built from is unchanged; null otherwise. */
function cachedBundle() {
  if (process.env.RAPPORT_RUN_TS_FRESH === '1') return null;
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (!existsSync(manifest.bundle)) return null;
    for (const [path, hash] of Object.entries(manifest.inputs)) if (hashFile(path) !== hash) return null;
    return manifest.bundle;
  } catch {
    return null;
  }
}

/** Bundles the script with esbuild and caches the result with the hashes of its inputs. */
async function buildBundle() {
  const { readFile } = await import('node:fs/promises');
  const { build } = await import('esbuild');
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
  mkdirSync(cacheDir, { recursive: true });
  const result = await build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    metafile: true,
    sourcemap: 'inline',
    logLevel: 'error',
    plugins: [ownLocation],
    absWorkingDir: root,
    outfile: join(cacheDir, `${name}.mjs`),
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.fromEntries(Object.keys(result.metafile.inputs).map((p) => [resolve(root, p), null]));
  for (const path of Object.keys(inputs)) inputs[path] = hashFile(path);
  const bundle = join(cacheDir, `${name}-${createHash('sha1').update(code).digest('hex').slice(0, 16)}.mjs`);
  // Written under a temporary name and renamed, so a run in parallel never imports half a file.
  const tmp = `${bundle}.${process.pid}.tmp`;
  writeFileSync(tmp, code);
  renameSync(tmp, bundle);
  writeFileSync(`${manifestPath}.${process.pid}.tmp`, JSON.stringify({ source, bundle, inputs }));
  renameSync(`${manifestPath}.${process.pid}.tmp`, manifestPath);
  return bundle;
}

const bundle = cachedBundle() ?? (await buildBundle());
process.setSourceMapsEnabled(true);
// A script may start worker threads on its own bundle (the analyzer's frame worker).
process.env.RAPPORT_RUN_TS_BUNDLE = bundle;
process.argv = [process.argv[0], source, ...args];
await import(pathToFileURL(bundle).href);
