import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Conventions that keep the tree findable (README "Architecture"): lib/ has only the folders the
 * README's map names, tests/ mirrors lib/, and every lib/ module is imported by a test of its own.
 */
const root = path.resolve(import.meta.dirname, '..');

const filesUnder = (dir: string): string[] =>
  readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    return statSync(path.join(root, rel)).isDirectory() ? filesUnder(rel) : [rel];
  });
const foldersOf = (dir: string) => readdirSync(path.join(root, dir)).filter((n) => statSync(path.join(root, dir, n)).isDirectory());

/** lib/ folders the README's architecture map names (`lib/name/` at the start of a line). */
const documented = new Set([...readFileSync(path.join(root, 'README.md'), 'utf8').matchAll(/^lib\/([a-z0-9-]+)\//gm)].map((m) => m[1]!));

/**
 * Modules no unit test imports on purpose, each with the reason. Everything else in lib/ needs a
 * test that imports it (directly, or through its folder's index).
 */
const UNTESTED: Record<string, string> = {
  'lib/background/index.ts': 'wiring of the browser listeners to the tested handlers; covered by the E2E suite',
  'lib/background/note-prompt.ts': 'opens a window or tells the side panel; covered by the E2E note tests',
  'lib/capture/tap-node.ts': 'creates an AudioWorkletNode; needs a real browser (E2E)',
  'lib/capture/model-loader.ts': 'reads the bundled model through the background; needs the extension (E2E)',
  'lib/hooks/after-next-paint.ts': 'requestAnimationFrame glue; covered by the popup E2E tests',
  'lib/shims/util.ts': 'a build shim for a Node built-in that tfjs asks for; nothing to test',
  'lib/capture/tab-capture.ts': 'the offscreen document’s capture (tabCapture, AudioContext); covered by tests/e2e/tab-capture.spec.ts',
  'lib/db/week-reads.ts': 'an interface only; its two implementations are held equal by tests/db/week-raw.test.ts',
  'lib/i18n/types.ts': 'types only',
  'lib/platforms/hosts.ts': 'the call sites’ match patterns; tests/e2e/manifest.spec.ts checks the built manifests',
  'lib/summary/live.ts': 'the popup’s live query, loaded by lib/hooks/use-summary.ts; covered by tests/components/weekly-summary.test.tsx',
  'lib/summary/view.ts': 'two types and a one-line failure value; covered through tests/components/weekly-summary.test.tsx',
};

/** Whole folders without unit tests of their own, with the reason. */
const UNTESTED_FOLDERS: Record<string, string> = {
  'lib/hooks/': 'React hooks over useLiveQuery, exercised by the component tests (tests/components) that render them',
};
const exempt = (m: string) => m in UNTESTED || Object.keys(UNTESTED_FOLDERS).some((f) => m.startsWith(f));

/** The modules a file imports by relative path, resolved to files; a folder index brings its re-exports. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const specs = [...text.matchAll(/(?:from|import\(|vi\.(?:do)?[mM]ock\()\s*'(\.[^']+)'/g)].map((m) => m[1]!);
  return specs.flatMap((spec) => {
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    const found = [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, base].find(
      (f) => existsSync(path.join(root, f)) && statSync(path.join(root, f)).isFile(),
    );
    if (!found) return [];
    return found.endsWith('/index.ts') ? [found, ...importsOf(found)] : [found];
  });
}

/** A folder index that only re-exports (its modules are what a test imports through it). */
function isBarrel(file: string): boolean {
  if (!file.endsWith('/index.ts')) return false;
  const code = readFileSync(path.join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  return !/\b(function|const|let|var|class)\b|=>/.test(code);
}

describe('conventions', () => {
  it('lib/ has exactly the folders the README documents', () => {
    expect(new Set(foldersOf('lib'))).toEqual(documented);
  });

  it('tests/ mirrors lib/: every test folder is a lib/ folder, or one of the few that test something else', () => {
    // Components (tests/components), the whole extension (e2e), the scripts, the lint rules, test data.
    const others = ['components', 'e2e', 'scripts', 'lint', 'fixtures'];
    for (const folder of foldersOf('tests')) expect([...documented, ...others], `tests/${folder}`).toContain(folder);
  });

  it('every lib/ module is imported by a unit test, or is on the commented list of those that are not', () => {
    const tests = filesUnder('tests').filter((f) => /\.test\.tsx?$/.test(f));
    const tested = new Set(tests.flatMap(importsOf));
    const modules = filesUnder('lib').filter((f) => /\.tsx?$/.test(f) && !f.startsWith('lib/talktime/wasm/') && !isBarrel(f));
    const missing = modules.filter((m) => !tested.has(m) && !exempt(m));
    expect(missing).toEqual([]);
    // The list holds only modules that exist and still have no test.
    for (const m of Object.keys(UNTESTED)) {
      expect(modules, m).toContain(m);
      expect(tested.has(m), `${m} has a test now: take it off the list`).toBe(false);
    }
  });
});
