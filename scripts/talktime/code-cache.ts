/**
 * A V8 code cache for the CommonJS files of tfjs and speech-commands, which the Node scripts load
 * with the speech model: ≈ 2.8 MB of JavaScript that V8 would otherwise parse and compile on every
 * run (Node 20 has no `module.enableCompileCache`, which arrived in Node 22.1).
 *
 * While `load` runs, those files are compiled as `vm.Script`s with the bytecode a previous run
 * saved (.cache/v8/, one file per source file, keyed by its path, size, modification time and the
 * Node version; V8 itself rejects a cache made by another V8 or with other flags, and the file is
 * then compiled as usual). They run exactly as Node's own loader runs them (the same wrapper,
 * `this`, `exports`, `require`, `module`, `__filename`, `__dirname`). When a file had no usable
 * cache, its bytecode is saved as the process exits, so it includes the functions compiled while
 * the model loaded and ran. Any problem with the cache only means compiling as usual.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Script } from 'node:vm';

const CACHE_DIR = join(import.meta.dirname, '..', '..', '.cache', 'v8');

interface CjsModule {
  exports: unknown;
  require(id: string): unknown;
}
interface ModuleStatics {
  _extensions: Record<string, (module: CjsModule, filename: string) => void>;
  _resolveFilename(request: string, parent: CjsModule, isMain: boolean, options?: unknown): string;
  _cache: Record<string, unknown>;
  wrap(source: string): string;
}

const toSave: { script: Script; file: string }[] = [];
let exitHook = false;

// node:vm and node:crypto are required when a model is loaded, not imported with the script: the
// analyzer's frame workers load the same bundle, and each module they load costs them start-up.
const nodeRequire = createRequire(import.meta.url);

function cacheFile(filename: string): string {
  const { size, mtimeMs } = statSync(filename);
  const { createHash } = nodeRequire('node:crypto') as typeof import('node:crypto');
  const key = createHash('sha1').update(`${filename}\0${size}\0${mtimeMs}\0${process.version}\0${process.arch}`).digest('hex');
  return join(CACHE_DIR, `${key.slice(0, 24)}.bin`);
}

function saveAll(): void {
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    for (const { script, file } of toSave.splice(0)) {
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, file);
    }
  } catch {
    // A cache that cannot be written only means compiling again next time.
  }
}

/** Runs `load` (which `require`s CommonJS files) with the code cache for the files `cached` accepts. */
export function withCodeCache<T>(cached: (filename: string) => boolean, load: () => T): T {
  const Module = nodeRequire('node:module') as ModuleStatics;
  const { Script } = nodeRequire('node:vm') as typeof import('node:vm');
  const original = Module._extensions['.js']!;
  Module._extensions['.js'] = (module, filename) => {
    if (!cached(filename)) return original(module, filename);
    let file = '';
    let data: Buffer | undefined;
    try {
      file = cacheFile(filename);
      data = readFileSync(file);
    } catch {
      // No cache yet (or no file to key it by).
    }
    const script = new Script(Module.wrap(readFileSync(filename, 'utf8')), { filename, cachedData: data });
    if (file && (data === undefined || script.cachedDataRejected)) toSave.push({ script, file });
    const require = (id: string) => module.require(id);
    require.resolve = (request: string, options?: unknown) => Module._resolveFilename(request, module, false, options);
    require.cache = Module._cache;
    const fn = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => void;
    fn.call(module.exports, module.exports, require, module, filename, dirname(filename));
  };
  try {
    return load();
  } finally {
    Module._extensions['.js'] = original;
    if (toSave.length && !exitHook) {
      exitHook = true;
      process.once('exit', saveAll);
    }
  }
}
