import { FFT_SIZE, NUM_BINS } from './recipe';
import type { Workspace } from './workspace';

/**
 * Real FFT of FFT_SIZE points that only returns bins 0…NUM_BINS−1: a 1024-point complex
 * radix-4 FFT (1024 = 4⁵) on the even/odd interleaved input, then the usual split into the
 * real spectrum.
 */
export class RealFft {
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
