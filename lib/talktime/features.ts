/**
 * Spectral frames computed with the exact recipe of speech-commands' BROWSER_FFT extractor
 * (see shared/SPEECH-COMMANDS-NOTES.md): 44.1 kHz mono, frame m covers samples
 * [m·1024, m·1024 + 2048), periodic Blackman window, |X[k]| / 2048 in dB, bins 0…231.
 *
 * This module must load inside an AudioWorklet: no DOM, no Node, no tfjs; it imports only the
 * kernel's bytes. Every frame depends only on the samples it covers (and, when resampling, on a
 * fixed neighbourhood of input samples), so any chunking of the same input gives identical frames.
 *
 * The hot loops (resampling, windowing, FFT, dB rows) run in a small WebAssembly kernel with
 * SIMD (wasm/kernel.ts, compiled into kernel-wasm.ts), and in the JavaScript below where the
 * caller asks for it (`wasm: false`: the live tap, see lib/capture/worklet.ts) or the runtime
 * cannot compile the kernel (no WebAssembly SIMD; a Content Security Policy that forbids it).
 * Both do the same IEEE operations in the same order: their frames are bit-identical.
 */
import { KERNEL_WASM_BASE64 } from './kernel-wasm';

/** Sample rate of the feature recipe. */
export const FEATURE_SAMPLE_RATE = 44100;
/** FFT length (samples at 44.1 kHz). */
export const FFT_SIZE = 2048;
/** Distance between frame starts (samples at 44.1 kHz). */
export const FRAME_HOP = 1024;
/** Bins kept per frame: 0…231, i.e. 0 to ≈ 5 kHz in steps of ≈ 21.5 Hz. */
export const NUM_BINS = 232;
/** Duration of one hop in milliseconds (≈ 23.22 ms). */
export const FRAME_MS = (FRAME_HOP / FEATURE_SAMPLE_RATE) * 1000;
/** Frequency step between bins in Hz (≈ 21.53 Hz). */
export const BIN_HZ = FEATURE_SAMPLE_RATE / FFT_SIZE;

/**
 * Band edges (in bins) of the coarse bands the talk-time engine tracks noise in. Roughly
 * mel-spaced from 65 Hz to 5 kHz; band b covers bins [BAND_EDGES[b], BAND_EDGES[b + 1]).
 */
export const BAND_EDGES: readonly number[] = [
  60, 150, 250, 350, 450, 570, 700, 840, 1000, 1200, 1450, 1750, 2100, 2550, 3100, 3800, 5000,
].map((hz, i) => (i === 16 ? NUM_BINS : Math.round(hz / BIN_HZ)));
export const NUM_BANDS = BAND_EDGES.length - 1;
/** Bins summed into a frame's `level`: ≈ 86 Hz – 4 kHz, where voices carry their energy. */
export const LEVEL_BINS: readonly [number, number] = [4, 186];

/** One spectral frame. */
export interface Frame {
  /** Frame number m: the frame covers 44.1 kHz samples [m·1024, m·1024 + 2048). */
  index: number;
  /** NUM_BINS magnitudes in dB exactly as BROWSER_FFT computes them (−Infinity for zero). */
  db: Float32Array;
  /** Power in LEVEL_BINS, dB (same scale as `db`, floored at −200). Optional: derived from `db` when absent. */
  level?: number;
  /** Power per band of BAND_EDGES, dB (floored at −200). Optional: derived from `db` when absent. */
  bands?: Float32Array;
}

const DB_OFFSET = 20 * Math.log10(FFT_SIZE);
/** 10·log10(x) = ln(x) · 10 / ln 10 (Math.log is the faster of the two in V8). */
const DB_PER_NEPER = 10 / Math.LN10;
/** |A[k]| / 1024 of the half-rate transform equals the recipe's |X[k]| / 2048. */
const HALF_DB_OFFSET = 20 * Math.log10(FFT_SIZE / 2);
const MIN_DB = -200;

const lnValue = new Float64Array(1);
/** The two 32-bit halves of lnValue (little-endian, as on every platform browsers run on). */
const lnWords = new Uint32Array(lnValue.buffer);
/** POW2[i] = 2^(i − 1075), exactly: scaling by these is exact. */
const POW2 = Float64Array.from({ length: 2100 }, (_, i) => 2 ** (i - 1075));

/**
 * Natural logarithm of a finite v > 0, within 2e-11 (≈ 1e-10 dB, far below the step of the
 * f32 dB rows): v = 2^e · m with m in (√½, √2], then ln m = 2·atanh(s), s = (m − 1) / (m + 1),
 * by its series to s¹¹ (|s| < 0.172). The kernel's `ln` masks the exponent out where this
 * scales by 2^−e; both are exact, and the rest is the same arithmetic, so both paths give the
 * same bits (Math.log differs from both in the last few).
 */
export function ln(v: number): number {
  let e = 0;
  if (v < 2.2250738585072014e-308) {
    v *= 18014398509481984;
    e = -54;
  }
  lnValue[0] = v;
  const exponent = (lnWords[1]! >>> 20) - 1023;
  e += exponent;
  // v · 2^−exponent: the mantissa in [1, 2), the same bits as masking it out (and faster here).
  let m = v * POW2[1075 - exponent]!;
  if (m > 1.4142135623730951) {
    m *= 0.5;
    e += 1;
  }
  const s = (m - 1) / (m + 1);
  const z = s * s;
  return (
    e * 0.6931471805599453 +
    s * (2 + z * (0.6666666666666666 + z * (0.4 + z * (0.2857142857142857 + z * (0.2222222222222222 + z * 0.18181818181818182)))))
  );
}

function powerToDb(p: number): number {
  return p > 1e-20 ? 10 * Math.log10(p) : MIN_DB;
}

/**
 * Fills in `level` and `bands` from `db` when a producer (e.g. a message channel that only
 * forwarded `db`) left them out. Costs NUM_BINS exponentials, so extractors fill them directly.
 */
export function withLevels(frame: Frame): Required<Frame> {
  if (frame.level !== undefined && frame.bands !== undefined) return frame as Required<Frame>;
  const power = new Float64Array(NUM_BINS);
  for (let k = 0; k < NUM_BINS; k++) {
    const d = frame.db[k] ?? -Infinity;
    power[k] = d === -Infinity ? 0 : Math.exp(d / DB_PER_NEPER);
  }
  const { level, bands } = levelsFromPower(power);
  return { index: frame.index, db: frame.db, level, bands };
}

function levelsFromPower(power: Float64Array): { level: number; bands: Float32Array } {
  let total = 0;
  for (let k = LEVEL_BINS[0]; k < LEVEL_BINS[1]; k++) total += power[k]!;
  const bands = new Float32Array(NUM_BANDS);
  for (let b = 0; b < NUM_BANDS; b++) {
    let s = 0;
    for (let k = BAND_EDGES[b]!; k < BAND_EDGES[b + 1]!; k++) s += power[k]!;
    bands[b] = powerToDb(s);
  }
  return { level: powerToDb(total), bands };
}

/** Periodic Blackman window of FFT_SIZE points. */
export function blackmanWindow(n = FFT_SIZE): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.42 - 0.5 * Math.cos((2 * Math.PI * i) / n) + 0.08 * Math.cos((4 * Math.PI * i) / n);
  return w;
}

/** The kernel's exports (wasm/kernel.ts); every pointer is a byte offset into `memory`. */
interface KernelExports {
  memory: WebAssembly.Memory;
  fir(
    buf: number,
    table: number,
    out: number,
    count: number,
    first: number,
    rem: number,
    whole: number,
    part: number,
    up: number,
    taps: number,
  ): void;
  setup(
    x: number,
    re: number,
    im: number,
    rev: number,
    tw: number,
    window: number,
    splitCos: number,
    splitSin: number,
    bins: number,
    row: number,
    perNeper: number,
    dbOffset: number,
    scale: number,
  ): void;
  pairFrames(src: number, hop: number, n: number, pa: number, pb: number): void;
  fullFrame(src: number, size: number, power: number): void;
  dbRow(power: number): void;
}

/** Standard base64 to bytes (an AudioWorkletGlobalScope has no atob). */
function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    value = (value << 6) | alphabet.indexOf(clean[i]!);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

let kernelModule: WebAssembly.Module | null | undefined;

/**
 * The compiled kernel, or null where WebAssembly is missing or may not be compiled (a page's
 * Content Security Policy without 'wasm-unsafe-eval' throws here). Compiled once per realm.
 */
function compiledKernel(): WebAssembly.Module | null {
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

/**
 * Hands out the extractor's working arrays: from one WebAssembly instance's memory, so the
 * kernel and the JavaScript around it share them, or as plain typed arrays for the JavaScript
 * path. A plain workspace also measures how many bytes a wasm one must reserve.
 */
class Workspace {
  readonly kernel: KernelExports | null;
  private readonly buffer: ArrayBuffer | null;
  private pos = 0;

  private constructor(kernel: KernelExports | null) {
    this.kernel = kernel;
    this.buffer = kernel ? kernel.memory.buffer : null;
  }

  static plain(): Workspace {
    return new Workspace(null);
  }

  /** A workspace of `bytes` in a fresh kernel instance, or null where there is no kernel. */
  static wasm(bytes: number): Workspace | null {
    const module = compiledKernel();
    if (!module) return null;
    try {
      const kernel = new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
      // The memory only ever grows here, before any view of it exists: views stay valid.
      kernel.memory.grow(Math.ceil(bytes / 65536));
      return new Workspace(kernel);
    } catch {
      return null;
    }
  }

  /** Bytes handed out so far. */
  get bytes(): number {
    return this.pos;
  }

  /** `bytes` at the next multiple of `align` (a power of two ≥ 8). */
  private take(bytes: number, align = 8): number {
    const at = (this.pos + align - 1) & ~(align - 1);
    this.pos = at + ((bytes + 7) & ~7);
    return at;
  }

  /** `align` 16 for arrays the kernel reads as two-lane vectors. */
  f64(n: number, align = 8): Float64Array {
    const at = this.take(n * 8, align);
    return this.buffer ? new Float64Array(this.buffer, at, n) : new Float64Array(n);
  }

  f32(n: number): Float32Array {
    const at = this.take(n * 4);
    return this.buffer ? new Float32Array(this.buffer, at, n) : new Float32Array(n);
  }

  u16(n: number): Uint16Array {
    const at = this.take(n * 2);
    return this.buffer ? new Uint16Array(this.buffer, at, n) : new Uint16Array(n);
  }
}

/**
 * Real FFT of FFT_SIZE points that only returns bins 0…NUM_BINS−1: a 1024-point complex
 * radix-4 FFT (1024 = 4⁵) on the even/odd interleaved input, then the usual split into the
 * real spectrum.
 */
class RealFft {
  readonly m = FFT_SIZE / 2;
  /** Base-4 digit reversal of 0…m−1. */
  readonly rev: Uint16Array;
  /** cos / −sin of 2πk/m for k < m. */
  readonly cos: Float64Array;
  readonly sin: Float64Array;
  /** The stages' twiddles laid out for the kernel's two-lane butterflies. */
  readonly twiddles: Float64Array;
  readonly splitCos: Float64Array;
  readonly splitSin: Float64Array;
  readonly re: Float64Array;
  readonly im: Float64Array;

  constructor(ws: Workspace) {
    const m = this.m;
    const digits = Math.round(Math.log(m) / Math.log(4));
    this.rev = ws.u16(m);
    for (let i = 0; i < m; i++) {
      let r = 0;
      let v = i;
      for (let d = 0; d < digits; d++) {
        r = (r << 2) | (v & 3);
        v >>= 2;
      }
      this.rev[i] = r;
    }
    this.cos = ws.f64(m);
    this.sin = ws.f64(m);
    for (let i = 0; i < m; i++) {
      this.cos[i] = Math.cos((2 * Math.PI * i) / m);
      this.sin[i] = -Math.sin((2 * Math.PI * i) / m);
    }
    // The kernel's stages take their twiddles in lane pairs: per stage (q = 4, 16, …, m/4
    // butterflies of a group) and per pair j, j + 1: w1r, w1i, w2r, w2i, w3r, w3i, each as
    // [value at j, value at j + 1], copied from the tables above.
    let pairs = 0;
    for (let size = 16; size <= m; size <<= 2) pairs += size >> 3;
    this.twiddles = ws.f64(pairs * 12, 16);
    let t = 0;
    for (let size = 16; size <= m; size <<= 2) {
      const step = m / size;
      for (let j = 0; j < size >> 2; j += 2) {
        for (const mult of [1, 2, 3]) {
          for (const table of [this.cos, this.sin]) {
            this.twiddles[t++] = table[mult * j * step]!;
            this.twiddles[t++] = table[mult * (j + 1) * step]!;
          }
        }
      }
    }
    this.splitCos = ws.f64(NUM_BINS);
    this.splitSin = ws.f64(NUM_BINS);
    for (let k = 0; k < NUM_BINS; k++) {
      this.splitCos[k] = Math.cos((2 * Math.PI * k) / FFT_SIZE);
      this.splitSin[k] = -Math.sin((2 * Math.PI * k) / FFT_SIZE);
    }
    this.re = ws.f64(m, 16);
    this.im = ws.f64(m, 16);
  }

  private readonly aRe = new Float64Array(NUM_BINS);
  private readonly aIm = new Float64Array(NUM_BINS);
  private readonly bRe = new Float64Array(NUM_BINS);
  private readonly bIm = new Float64Array(NUM_BINS);

  /** Power |X[k]|² for k < NUM_BINS of the real input x (length FFT_SIZE) into `power`. */
  power(x: Float64Array, power: Float64Array): void {
    this.complex(x);
    this.separate();
    const { aRe, aIm, bRe, bIm, splitCos, splitSin } = this;
    for (let k = 0; k < NUM_BINS; k++) {
      // X[k] = E[k] + W^k · O[k], with E, O the spectra of the even and odd samples.
      const wr = splitCos[k]!;
      const wi = splitSin[k]!;
      const xr = aRe[k]! + bRe[k]! * wr - bIm[k]! * wi;
      const xi = aIm[k]! + bRe[k]! * wi + bIm[k]! * wr;
      power[k] = xr * xr + xi * xi;
    }
  }

  /**
   * Powers |A[k]|², |B[k]|² for k < NUM_BINS of two real inputs of length M at once, passed
   * interleaved (x[2n] = a[n], x[2n + 1] = b[n]).
   */
  pairPower(x: Float64Array, pa: Float64Array, pb: Float64Array): void {
    this.complex(x);
    this.separate();
    const { aRe, aIm, bRe, bIm } = this;
    for (let k = 0; k < NUM_BINS; k++) {
      pa[k] = aRe[k]! * aRe[k]! + aIm[k]! * aIm[k]!;
      pb[k] = bRe[k]! * bRe[k]! + bIm[k]! * bIm[k]!;
    }
  }

  /**
   * From Z = FFT(x[2n] + i·x[2n + 1]), for k < NUM_BINS: A[k] = (Z[k] + conj Z[M−k]) / 2 and
   * B[k] = (Z[k] − conj Z[M−k]) / (2i), the spectra of the even and the odd points.
   */
  private separate(): void {
    const { m, re, im, aRe, aIm, bRe, bIm } = this;
    for (let k = 0; k < NUM_BINS; k++) {
      const j = k === 0 ? 0 : m - k;
      const zr = re[k]!;
      const zi = im[k]!;
      const cr = re[j]!;
      const ci = im[j]!;
      aRe[k] = (zr + cr) / 2;
      aIm[k] = (zi - ci) / 2;
      bRe[k] = (zi + ci) / 2;
      bIm[k] = (cr - zr) / 2;
    }
  }

  /** In-place complex FFT of the M = size/2 points x[2n] + i·x[2n + 1] into re/im. */
  private complex(x: Float64Array): void {
    const { m, rev, re, im } = this;
    const cosT = this.cos;
    const sinT = this.sin;
    // First stage (4-point DFTs, no twiddles) folded into the digit-reversed load.
    for (let i = 0; i < m; i += 4) {
      const j0 = 2 * rev[i]!;
      const j1 = 2 * rev[i + 1]!;
      const j2 = 2 * rev[i + 2]!;
      const j3 = 2 * rev[i + 3]!;
      const ar = x[j0]!,
        ai = x[j0 + 1]!;
      const br = x[j1]!,
        bi = x[j1 + 1]!;
      const cr = x[j2]!,
        ci = x[j2 + 1]!;
      const dr = x[j3]!,
        di = x[j3 + 1]!;
      const s0r = ar + cr,
        s0i = ai + ci,
        d0r = ar - cr,
        d0i = ai - ci;
      const s1r = br + dr,
        s1i = bi + di,
        d1r = br - dr,
        d1i = bi - di;
      re[i] = s0r + s1r;
      im[i] = s0i + s1i;
      re[i + 1] = d0r + d1i;
      im[i + 1] = d0i - d1r;
      re[i + 2] = s0r - s1r;
      im[i + 2] = s0i - s1i;
      re[i + 3] = d0r - d1i;
      im[i + 3] = d0i + d1r;
    }
    for (let size = 16; size <= m; size <<= 2) {
      const q = size >> 2;
      const step = m / size;
      for (let j = 0; j < q; j++) {
        const t1 = j * step;
        const w1r = cosT[t1]!,
          w1i = sinT[t1]!;
        const w2r = cosT[2 * t1]!,
          w2i = sinT[2 * t1]!;
        const w3r = cosT[3 * t1]!,
          w3i = sinT[3 * t1]!;
        for (let k = j; k < m; k += size) {
          const k1 = k + q;
          const k2 = k1 + q;
          const k3 = k2 + q;
          const ar = re[k]!,
            ai = im[k]!;
          let xr = re[k1]!,
            xi = im[k1]!;
          const br = xr * w1r - xi * w1i,
            bi = xr * w1i + xi * w1r;
          xr = re[k2]!;
          xi = im[k2]!;
          const cr = xr * w2r - xi * w2i,
            ci = xr * w2i + xi * w2r;
          xr = re[k3]!;
          xi = im[k3]!;
          const dr = xr * w3r - xi * w3i,
            di = xr * w3i + xi * w3r;
          const s0r = ar + cr,
            s0i = ai + ci,
            d0r = ar - cr,
            d0i = ai - ci;
          const s1r = br + dr,
            s1i = bi + di,
            d1r = br - dr,
            d1i = bi - di;
          // X[j] = a+b+c+d, X[j+q] = a − i·b − c + i·d, X[j+2q] = a−b+c−d, X[j+3q] = a + i·b − c − i·d.
          re[k] = s0r + s1r;
          im[k] = s0i + s1i;
          re[k1] = d0r + d1i;
          im[k1] = d0i - d1r;
          re[k2] = s0r - s1r;
          im[k2] = s0i - s1i;
          re[k3] = d0r - d1i;
          im[k3] = d0i + d1r;
        }
      }
    }
  }
}

/**
 * Streaming polyphase windowed-sinc resampler from `inRate` to 44.1 kHz. Output sample j is
 * a fixed function of the input samples around j·inRate/44100, whatever the chunking.
 */
class Resampler {
  private readonly up: number;
  private readonly down: number;
  private readonly half: number;
  private readonly taps: number;
  private readonly phases: number;
  private readonly table: Float64Array;
  /** Input not yet fully used; holds `maxInput` new samples plus what earlier pushes left. */
  private readonly buf: Float32Array;
  private readonly kernel: KernelExports | null;
  /** Absolute input index of buf[0]. */
  private bufStart = 0;
  private bufLen = 0;
  /** Next output index to produce. */
  private next = 0;

  /** Largest input per push, and largest output per push (`maxOutput`). */
  constructor(
    inRate: number,
    outRate: number,
    ws: Workspace,
    readonly maxInput: number,
  ) {
    const g = gcd(Math.round(inRate), outRate);
    this.down = Math.round(inRate) / g;
    this.up = outRate / g;
    // Low-pass at the lower Nyquist; the kernel widens when downsampling.
    const cutoff = Math.min(1, this.up / this.down) * 0.97;
    // Upsampling from ≥ 16 kHz puts every image above 8 kHz, far from the kept 0–5 kHz bins,
    // so a short kernel is enough there; lower rates and downsampling get the long one. (At
    // 22.05 kHz the images from 17 kHz up fold onto the kept bins, ≈ 35 dB down: a longer
    // kernel there moved the bins further from the 44.1 kHz path, on average, than the folding.)
    this.half = inRate >= 16000 && inRate < outRate ? 3 : Math.ceil(8 / cutoff);
    this.taps = 2 * this.half;
    // One kernel per fractional position; huge co-prime ratios fall back to 1024 positions.
    this.phases = Math.min(this.up, 1024);
    this.table = ws.f64(this.phases * this.taps);
    for (let p = 0; p < this.phases; p++) {
      const frac = p / this.phases;
      let sum = 0;
      for (let t = 0; t < this.taps; t++) {
        // Tap t sits at input offset (t − half + 1) from floor(position).
        const x = t - this.half + 1 - frac;
        const arg = x * cutoff;
        const sinc = arg === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
        const u = x / (this.half + 1);
        const win = Math.abs(u) >= 1 ? 0 : 0.5 + 0.5 * Math.cos(Math.PI * u);
        const v = sinc * win;
        this.table[p * this.taps + t] = v;
        sum += v;
      }
      for (let t = 0; t < this.taps; t++) this.table[p * this.taps + t]! /= sum;
    }
    // What a push leaves behind is under taps + 2 samples (the kernel's reach past the last
    // output); a push adds at most maxInput.
    this.buf = ws.f32(maxInput + 2 * this.taps + 8);
    this.out = ws.f32(this.maxOutput);
    this.kernel = ws.kernel;
  }

  /** Most outputs one push of maxInput samples can complete. */
  get maxOutput(): number {
    return Math.ceil(((this.maxInput + 2 * this.taps + 8) * this.up) / this.down) + 1;
  }

  /** Output buffer, reused: a fresh array per push cost page faults (system time) at every chunk. */
  private readonly out: Float32Array;

  /**
   * Appends input and returns every output sample whose neighbourhood is now complete, as a
   * view that is valid until the next push.
   */
  push(input: Float32Array): Float32Array {
    this.append(input);
    const { up, down, half, taps, phases, table, buf, bufStart } = this;
    const end = bufStart + this.bufLen;
    // Outputs j with floor(j·down/up) + half < end.
    const lastOut = Math.ceil(((end - half) * up) / down) - 1;
    let count = Math.max(0, lastOut - this.next + 1);
    while (count > 0 && Math.floor(((this.next + count - 1) * down) / up) + half >= end) count--;
    const out = this.out;
    const exact = phases === up;
    // Position of output `next` in input samples, as base + rem / up, stepped without division.
    const num0 = this.next * down;
    let base = Math.floor(num0 / up);
    let rem = num0 - base * up;
    // Whole steps and the remainder of `down / up`, so the loop never divides.
    const whole = Math.floor(down / up);
    const part = down - whole * up;
    for (let o = 0; o < count; o++) {
      const phase = exact ? rem : Math.floor((rem / up) * phases);
      const first = base - half + 1 - bufStart;
      if (first >= 0 && exact && this.kernel) {
        // The same loop in the kernel, for this output and all after it.
        this.kernel.fir(buf.byteOffset, table.byteOffset, out.byteOffset + 4 * o, count - o, first, rem, whole, part, up, taps);
        break;
      }
      let row = phase * taps;
      let acc = 0;
      if (first >= 0) {
        let i = first;
        const stop = row + taps;
        // Two taps per step: taps is always even.
        for (; row < stop; row += 2, i += 2) acc += table[row]! * buf[i]! + table[row + 1]! * buf[i + 1]!;
      } else {
        for (let t = 0; t < taps; t++) if (first + t >= 0) acc += table[row + t]! * buf[first + t]!;
      }
      out[o] = acc;
      base += whole;
      rem += part;
      if (rem >= up) {
        rem -= up;
        base++;
      }
    }
    this.next += count;
    // Keep only what future outputs may read.
    const needFrom = Math.floor((this.next * down) / up) - half + 1;
    const drop = needFrom - this.bufStart;
    if (drop > 0 && drop <= this.bufLen) {
      this.buf.copyWithin(0, drop, this.bufLen);
      this.bufLen -= drop;
      this.bufStart += drop;
    }
    return out.subarray(0, count);
  }

  private append(input: Float32Array): void {
    if (input.length > this.maxInput || this.bufLen + input.length > this.buf.length) {
      throw new RangeError(`resampler: ${input.length} samples after ${this.bufLen} exceed its buffer`);
    }
    this.buf.set(input, this.bufLen);
    this.bufLen += input.length;
  }
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Bytes of a frame extractor's buffers and tables, by input and working rate. */
const workspaceBytes = new Map<string, number>();

/** Most samples (at the working rate) one slice of input adds to a frame extractor. */
const SLICE_OUTPUT = 4096;

/** Frames' dB rows are cut from slabs of this many rows (≈ 3 s of frames, 119 kB). */
const SLAB_ROWS = 128;

/** Input rates up to this are framed at half the recipe's rate (see FrameExtractor). */
export const HALF_RATE = FEATURE_SAMPLE_RATE / 2;

/**
 * Turns a mono PCM stream at any rate into BROWSER_FFT frames. Feed samples with `push` in
 * chunks of any size; it returns every frame completed by them, in order.
 *
 * Input at up to 22.05 kHz carries nothing above 11.025 kHz, so its 44.1 kHz resampling would
 * have an empty upper half band, and the recipe's 2048-point spectrum of such a signal equals
 * (up to the interpolation kernel's image leakage) twice the 1024-point spectrum of every other
 * sample, windowed by every other point of the same Blackman window. That half-rate path is
 * the default for such input: the same bins on the same frame grid for half the resampling and
 * a quarter of the FFT work (two frames share one complex FFT). `halfRate: false` forces the
 * literal recipe.
 */
export class FrameExtractor {
  private readonly resampler: Resampler | null;
  private readonly half: boolean;
  /** Largest slice of input handled at once: every buffer below has a fixed size. */
  private readonly slice: number;
  private readonly kernel: KernelExports | null;
  private readonly window: Float64Array;
  private readonly fft: RealFft;
  private readonly scratch: Float64Array;
  private readonly power: Float64Array;
  private readonly power2: Float64Array;
  /** One dB row as the kernel writes it, before it is copied into a slab. */
  private readonly row: Float32Array;
  /** Samples (at 44.1 or 22.05 kHz) not yet consumed by a frame. */
  private readonly pending: Float32Array;
  private pendingLen = 0;
  private nextIndex = 0;
  private slab = new Float32Array(0);
  private slabPos = 0;

  constructor(
    readonly inputSampleRate: number,
    options: { halfRate?: boolean; wasm?: boolean } = {},
  ) {
    if (!(inputSampleRate >= 1000 && inputSampleRate <= 384000)) throw new RangeError(`unsupported sample rate ${inputSampleRate}`);
    this.half = options.halfRate ?? Math.round(inputSampleRate) <= HALF_RATE;
    const rate = this.half ? HALF_RATE : FEATURE_SAMPLE_RATE;
    this.slice = Math.max(1, Math.floor(SLICE_OUTPUT * Math.min(1, inputSampleRate / rate)));
    // The buffers go into a kernel instance's memory where the kernel runs, into plain arrays
    // where it does not; a plain layout also measures how much memory an instance needs.
    const build = (ws: Workspace) => {
      const resampler = Math.round(inputSampleRate) === rate ? null : new Resampler(inputSampleRate, rate, ws, this.slice);
      const size = this.half ? FFT_SIZE / 2 : FFT_SIZE;
      const window = ws.f64(size);
      window.set(blackmanWindow(size));
      const fft = new RealFft(ws);
      const scratch = ws.f64(FFT_SIZE);
      const power = ws.f64(NUM_BINS);
      const power2 = ws.f64(NUM_BINS);
      const row = ws.f32(NUM_BINS);
      // What consume() leaves is under one frame's span (≤ FFT_SIZE); a slice adds the rest.
      const pending = ws.f32(FFT_SIZE + (resampler ? resampler.maxOutput : this.slice));
      return { resampler, window, fft, scratch, power, power2, row, pending, kernel: ws.kernel };
    };
    // The layout's size depends only on the rates, so it is measured once per realm.
    const key = `${inputSampleRate}/${rate}`;
    let parts: ReturnType<typeof build> | null = null;
    if (options.wasm !== false) {
      let bytes = workspaceBytes.get(key);
      if (bytes === undefined) {
        const plain = Workspace.plain();
        parts = build(plain);
        bytes = plain.bytes;
        workspaceBytes.set(key, bytes);
      }
      const ws = Workspace.wasm(bytes);
      if (ws) parts = build(ws);
    }
    parts ??= build(Workspace.plain());
    ({
      resampler: this.resampler,
      window: this.window,
      fft: this.fft,
      scratch: this.scratch,
      power: this.power,
      power2: this.power2,
      row: this.row,
      pending: this.pending,
      kernel: this.kernel,
    } = parts);
    if (this.kernel) {
      const n = this.half ? FFT_SIZE / 2 : FFT_SIZE;
      this.kernel.setup(
        this.scratch.byteOffset,
        this.fft.re.byteOffset,
        this.fft.im.byteOffset,
        this.fft.rev.byteOffset,
        this.fft.twiddles.byteOffset,
        this.window.byteOffset,
        this.fft.splitCos.byteOffset,
        this.fft.splitSin.byteOffset,
        NUM_BINS,
        this.row.byteOffset,
        DB_PER_NEPER,
        this.half ? HALF_DB_OFFSET : DB_OFFSET,
        1 / (n * n),
      );
    }
  }

  /** True when this extractor's hot loops run in the WebAssembly kernel. */
  get usesWasm(): boolean {
    return this.kernel !== null;
  }

  push(samples: Float32Array): Frame[] {
    if (samples.length <= this.slice) return this.half ? this.pushHalf(samples) : this.pushFull(samples);
    const frames: Frame[] = [];
    for (let i = 0; i < samples.length; i += this.slice) {
      const part = samples.subarray(i, i + this.slice);
      for (const f of this.half ? this.pushHalf(part) : this.pushFull(part)) frames.push(f);
    }
    return frames;
  }

  private append(samples: Float32Array): void {
    const s = this.resampler ? this.resampler.push(samples) : samples;
    if (this.pendingLen + s.length > this.pending.length) {
      throw new RangeError(`frame extractor: ${s.length} samples after ${this.pendingLen} exceed its buffer`);
    }
    this.pending.set(s, this.pendingLen);
    this.pendingLen += s.length;
  }

  private consume(offset: number): void {
    if (offset > 0) {
      this.pending.copyWithin(0, offset, this.pendingLen);
      this.pendingLen -= offset;
    }
  }

  /** 22.05 kHz: frames 2j and 2j + 1 cover [1024j, 1024j + 1536) and come out together. */
  private pushHalf(samples: Float32Array): Frame[] {
    this.append(samples);
    const n = FFT_SIZE / 2;
    const hop = FRAME_HOP / 2;
    const frames: Frame[] = [];
    let offset = 0;
    const x = this.scratch;
    const w = this.window;
    const p = this.pending;
    const k = this.kernel;
    const fft = this.fft;
    while (this.pendingLen - offset >= n + hop) {
      if (k) {
        k.pairFrames(p.byteOffset + 4 * offset, hop, n, this.power.byteOffset, this.power2.byteOffset);
      } else {
        for (let i = 0; i < n; i++) {
          x[2 * i] = p[offset + i]! * w[i]!;
          x[2 * i + 1] = p[offset + hop + i]! * w[i]!;
        }
        fft.pairPower(x, this.power, this.power2);
      }
      frames.push(this.frame(this.power, HALF_DB_OFFSET, 1 / (n * n)));
      frames.push(this.frame(this.power2, HALF_DB_OFFSET, 1 / (n * n)));
      offset += 2 * hop;
    }
    this.consume(offset);
    return frames;
  }

  private pushFull(samples: Float32Array): Frame[] {
    this.append(samples);
    const frames: Frame[] = [];
    let offset = 0;
    const x = this.scratch;
    const w = this.window;
    const p = this.pending;
    const k = this.kernel;
    const fft = this.fft;
    while (this.pendingLen - offset >= FFT_SIZE) {
      if (k) {
        k.fullFrame(p.byteOffset + 4 * offset, FFT_SIZE, this.power.byteOffset);
      } else {
        for (let i = 0; i < FFT_SIZE; i++) x[i] = p[offset + i]! * w[i]!;
        fft.power(x, this.power);
      }
      frames.push(this.frame(this.power, DB_OFFSET, 1 / (FFT_SIZE * FFT_SIZE)));
      offset += FRAME_HOP;
    }
    this.consume(offset);
    return frames;
  }

  /** A frame from |X[k]|²: dB relative to `dbOffset`, levels on the same scale (× `scale`). */
  private frame(power: Float64Array, dbOffset: number, scale: number): Frame {
    // Rows are views into shared slabs: a 928-byte typed array of its own is allocated
    // outside V8's heap, and thousands of them a minute kept the garbage collector busy.
    if (this.slabPos + NUM_BINS > this.slab.length) {
      this.slab = new Float32Array(NUM_BINS * SLAB_ROWS);
      this.slabPos = 0;
    }
    const db = this.slab.subarray(this.slabPos, (this.slabPos += NUM_BINS));
    if (this.kernel) {
      // The kernel was set up with this extractor's dbOffset and scale (see the constructor).
      this.kernel.dbRow(power.byteOffset);
      db.set(this.row);
    } else {
      for (let k = 0; k < NUM_BINS; k++) {
        const v = power[k]!;
        db[k] = v > 0 ? ln(v) * DB_PER_NEPER - dbOffset : -Infinity;
        power[k] = v * scale;
      }
    }
    const { level, bands } = levelsFromPower(power);
    return { index: this.nextIndex++, db, level, bands };
  }
}
