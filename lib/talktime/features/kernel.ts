/**
 * The WebAssembly kernel that runs the extractor's hot loops (resampling, windowing, FFT, dB
 * rows) with SIMD: wasm/kernel.ts, compiled into kernel-wasm.ts. Only the offline analyzer
 * imports this module, so the kernel's bytes stay out of the audio worklet and the content
 * scripts, which frame a few channels in real time on the JavaScript path.
 */
import { KERNEL_WASM_BASE64 } from '../kernel-wasm';
import { decodeBase64 } from './base64';

let kernelModule: WebAssembly.Module | null | undefined;

/**
 * The compiled kernel, or null where WebAssembly is missing or may not be compiled (a page's
 * Content Security Policy without 'wasm-unsafe-eval' throws here). Compiled once per realm.
 */
export function compiledKernel(): WebAssembly.Module | null {
  if (kernelModule === undefined) {
    try {
      kernelModule = typeof WebAssembly === 'object' ? new WebAssembly.Module(decodeBase64(KERNEL_WASM_BASE64)) : null;
    } catch {
      kernelModule = null;
    }
  }
  return kernelModule;
}

/** True when frame extraction runs on the WebAssembly kernel in this realm. */
export function wasmKernelAvailable(): boolean {
  return compiledKernel() !== null;
}
