import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { build } from 'esbuild';
import { centredLcg as lcg } from '../synth';
import { type Frame, FrameExtractor, NUM_BANDS, NUM_BINS } from '../../../lib/talktime/features';
import { compiledKernel, wasmKernelAvailable } from '../../../lib/talktime/features/kernel';
import { KERNEL_WASM_BASE64 } from '../../../lib/talktime/kernel-wasm';

/** Noise bursts with quiet gaps and a tone, so both loud and near-floor bins are compared. */
function signal(rate: number, seconds: number, seed: number): Float32Array {
  const rnd = lcg(seed);
  const x = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < x.length; i++) {
    const burst = Math.floor(i / (rate * 0.3)) % 2 === 0 ? 0.4 : 0.002;
    x[i] = burst * rnd() + 0.05 * Math.sin((2 * Math.PI * 440 * i) / rate);
  }
  x.fill(0, Math.round(rate * 1.1), Math.round(rate * 1.3)); // digital silence: −Infinity bins
  return x;
}

function run(x: Float32Array, rate: number, chunk: number, wasm: boolean): Frame[] {
  const fx = new FrameExtractor(rate, { kernel: wasm ? compiledKernel() : null });
  expect(fx.usesWasm).toBe(wasm);
  const out: Frame[] = [];
  for (let i = 0; i < x.length; i += chunk) out.push(...fx.push(x.subarray(i, i + chunk)));
  return out;
}

function expectIdentical(a: Frame[], b: Frame[], label: string): void {
  expect(a.length, label).toBe(b.length);
  for (let f = 0; f < a.length; f++) {
    const fa = a[f]!;
    const fb = b[f]!;
    expect(fa.index).toBe(fb.index);
    for (let k = 0; k < NUM_BINS; k++) {
      if (!Object.is(fa.db[k], fb.db[k])) expect.fail(`${label}: frame ${f} bin ${k}: ${fa.db[k]} vs ${fb.db[k]}`);
    }
    expect(fa.level, `${label}: frame ${f} level`).toBe(fb.level);
    for (let b = 0; b < NUM_BANDS; b++) expect(fa.bands![b], `${label}: frame ${f} band ${b}`).toBe(fb.bands![b]);
  }
}

describe('WebAssembly feature kernel', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it('runs in Node', () => {
    expect(wasmKernelAvailable()).toBe(true);
    expect(new FrameExtractor(16000, { kernel: compiledKernel() }).usesWasm).toBe(true);
    expect(new FrameExtractor(16000).usesWasm).toBe(false);
  });

  // The extremes of the supported rates, and two with no short exact polyphase table (44 099 and
  // 23 456 Hz: their resamplers stay on the JavaScript loop).
  it.each([1000, 8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000, 96000, 384000, 44099, 23456])(
    'gives frames bit-identical to the JavaScript path at %i Hz',
    (rate) => {
      const x = signal(rate, 2.5, rate);
      // Different chunkings on each side: 128-sample render quanta against 1 s pushes.
      expectIdentical(run(x, rate, rate, true), run(x, rate, 128, false), `${rate} Hz`);
    },
  );

  it('splits a long push into slices without changing a frame', () => {
    const rate = 48000;
    const x = signal(rate, 12, 3);
    const whole = new FrameExtractor(rate, { kernel: compiledKernel() }).push(x);
    expect(whole.length).toBeGreaterThan(500);
    expectIdentical(whole, run(x, rate, 480, true), 'one 12 s push vs 10 ms pushes');
  });

  it('falls back to JavaScript where WebAssembly may not be compiled (a strict page CSP)', async () => {
    vi.resetModules();
    vi.spyOn(WebAssembly, 'Module').mockImplementation(function () {
      throw new WebAssembly.CompileError('WebAssembly.Module(): Refused to compile or instantiate WebAssembly module');
    });
    const fresh = await import('../../../lib/talktime/features/kernel');
    expect(fresh.wasmKernelAvailable()).toBe(false);
    const fx = new FrameExtractor(16000, { kernel: fresh.compiledKernel() });
    expect(fx.usesWasm).toBe(false);
    const x = signal(16000, 1.5, 9);
    expectIdentical(fx.push(x), run(x, 16000, 1600, true), 'fallback vs kernel');
  });

  it('stays out of the audio worklet: its bytes are not in the worklet bundle', async () => {
    const out = await build({
      entryPoints: [join(import.meta.dirname, '..', '..', '..', 'entrypoints', 'tap-worklet.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]!.text;
    expect(code).toContain('FrameExtractor');
    expect(code).not.toContain(KERNEL_WASM_BASE64.slice(0, 64));
  });

  it('is what its AssemblyScript source compiles to', () => {
    // Fails when lib/talktime/wasm/kernel.ts changed without `npm run build:kernel`.
    execFileSync(process.execPath, [join(import.meta.dirname, '..', '..', '..', 'scripts', 'build-kernel.mjs'), '--check'], {
      stdio: 'pipe',
    });
  }, 60_000);
});
