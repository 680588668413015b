/**
 * Picks tfjs's backend for the Node scripts (analyzer, benchmark, training). Node has no
 * WebGL. The extension runs the model on the pure-JavaScript `cpu` backend; the WebAssembly
 * backend (XNNPACK, held to one thread so "one core" stays true) gives the same scores (unit
 * test: within 1e-5) at a fraction of the cost, which decides the analyzer's speed
 * (BENCHMARKS.md). `cpu` stays selectable, e.g. to reproduce the extension bit for bit.
 *
 * tfjs is loaded with `require`, part by part: tfjs-core, the one backend, speech-commands (which
 * brings tfjs-layers and tfjs-data). `import('@tensorflow/tfjs')` cost ≈ 0.3 s of the analyzer's
 * start: the umbrella package also loads the WebGL backend and the converter, and Node's ESM
 * loader first scans every re-exported CommonJS file of it for its export names. The modules are
 * the same instances the umbrella package would give (it re-exports them), so a script that also
 * imports `@tensorflow/tfjs` (training) sees the backend chosen here.
 */
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import { withCodeCache } from './code-cache';
import type { TfRuntime } from '../../lib/talktime/model';

export type TfBackend = 'wasm' | 'cpu';

export async function useTfBackend(backend: TfBackend): Promise<TfRuntime> {
  // Loaded when a model is, not with the script: `--no-model` runs and frame workers never pay for tfjs.
  const require = createRequire(import.meta.url);
  // Resolved from @tensorflow/tfjs's own place, as its dependencies.
  const fromTfjs = createRequire(require.resolve('@tensorflow/tfjs'));
  // run-ts turns source maps on for the script's own stack traces; tfjs's files name maps of
  // 2–3 MB each, which Node would read and parse as it loads them (≈ 50 ms) for nothing.
  const sourceMaps = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  let tf: typeof import('@tensorflow/tfjs-core');
  let speechCommands: TfRuntime['speechCommands'];
  try {
    // Their ≈ 2.8 MB of JavaScript compiled from the bytecode an earlier run saved (code-cache.ts).
    ({ tf, speechCommands } = withCodeCache(
      (file) => file.includes(`${sep}node_modules${sep}@tensorflow`),
      () => {
        const core = fromTfjs('@tensorflow/tfjs-core') as typeof import('@tensorflow/tfjs-core');
        if (backend === 'wasm') {
          const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
          wasm.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
          wasm.setThreadsCount(1);
        } else fromTfjs('@tensorflow/tfjs-backend-cpu');
        return { tf: core, speechCommands: require('@tensorflow-models/speech-commands') as TfRuntime['speechCommands'] };
      },
    ));
  } finally {
    process.setSourceMapsEnabled(sourceMaps);
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend "${backend}" did not start`);
  await tf.ready();
  return { tf, speechCommands };
}
