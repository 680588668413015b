/**
 * Picks tfjs's backend for the Node scripts (analyzer, benchmark, training). Node has no
 * WebGL. The extension runs the model on the pure-JavaScript `cpu` backend; the WebAssembly
 * backend (XNNPACK, held to one thread so "one core" stays true) gives the same scores (unit
 * test: within 1e-5) at a fraction of the cost, which decides the analyzer's speed
 * (BENCHMARKS.md). `cpu` stays selectable, e.g. to reproduce the extension bit for bit.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export type TfBackend = 'wasm' | 'cpu';

export async function useTfBackend(backend: TfBackend): Promise<void> {
  // Imported when a model is loaded, not with the script: `--no-model` runs and frame workers never pay for tfjs.
  const tf = await import('@tensorflow/tfjs');
  if (backend === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const file = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm');
    wasm.setWasmPaths(`${dirname(file)}/`);
    wasm.setThreadsCount(1);
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend "${backend}" did not start`);
  await tf.ready();
}
