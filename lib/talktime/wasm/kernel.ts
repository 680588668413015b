// AssemblyScript: the talk-time feature extractor's hot loops, compiled to WebAssembly by
// `npm run build:kernel` into ../kernel-wasm.ts. Each function computes exactly what the
// JavaScript path in ../features.ts computes, in the same order of IEEE operations, so both
// paths give bit-identical frames (tests/talktime/kernel.test.ts).
//
// Every pointer is a byte offset into this module's memory, laid out by the caller
// (features.ts, `Workspace`). The module allocates nothing and keeps no state of its own.

/**
 * Polyphase FIR resampling, the exact-phase case: output o reads the `taps` input samples
 * from index `first` (stepped per output by `whole`, plus one when the phase wraps) with the
 * kernel of phase `rem`.
 */
export function fir(
  buf: usize,
  table: usize,
  out: usize,
  count: i32,
  first: i32,
  rem: i32,
  whole: i32,
  part: i32,
  up: i32,
  taps: i32,
): void {
  let base = first;
  let r = rem;
  const rowBytes = taps << 3;
  for (let o = 0; o < count; o++) {
    let row = table + <usize>(r * rowBytes);
    const stop = row + <usize>rowBytes;
    let p = buf + ((<usize>base) << 2);
    let acc: f64 = 0;
    for (; row < stop; row += 16, p += 8) {
      acc += load<f64>(row) * <f64>load<f32>(p) + load<f64>(row, 8) * <f64>load<f32>(p, 4);
    }
    store<f32>(out + ((<usize>o) << 2), <f32>acc);
    base += whole;
    r += part;
    if (r >= up) {
      r -= up;
      base++;
    }
  }
}

/**
 * In-place radix-4 complex FFT of the m points x[2n] + i·x[2n + 1] (f64) into re / im, with
 * `rev` (u16) the base-4 digit reversal and cos / sin (f64) the twiddles of 2πk/m.
 */
function complex(x: usize, re: usize, im: usize, rev: usize, cosT: usize, sinT: usize, m: i32): void {
  for (let i = 0; i < m; i += 4) {
    const j0 = (<usize>load<u16>(rev + ((<usize>i) << 1))) << 4;
    const j1 = (<usize>load<u16>(rev + ((<usize>i) << 1), 2)) << 4;
    const j2 = (<usize>load<u16>(rev + ((<usize>i) << 1), 4)) << 4;
    const j3 = (<usize>load<u16>(rev + ((<usize>i) << 1), 6)) << 4;
    const ar = load<f64>(x + j0),
      ai = load<f64>(x + j0, 8);
    const br = load<f64>(x + j1),
      bi = load<f64>(x + j1, 8);
    const cr = load<f64>(x + j2),
      ci = load<f64>(x + j2, 8);
    const dr = load<f64>(x + j3),
      di = load<f64>(x + j3, 8);
    const s0r = ar + cr,
      s0i = ai + ci,
      d0r = ar - cr,
      d0i = ai - ci;
    const s1r = br + dr,
      s1i = bi + di,
      d1r = br - dr,
      d1i = bi - di;
    const o = (<usize>i) << 3;
    store<f64>(re + o, s0r + s1r);
    store<f64>(im + o, s0i + s1i);
    store<f64>(re + o, d0r + d1i, 8);
    store<f64>(im + o, d0i - d1r, 8);
    store<f64>(re + o, s0r - s1r, 16);
    store<f64>(im + o, s0i - s1i, 16);
    store<f64>(re + o, d0r - d1i, 24);
    store<f64>(im + o, d0i + d1r, 24);
  }
  for (let size = 16; size <= m; size <<= 2) {
    const q = size >> 2;
    const step = m / size;
    const qb = (<usize>q) << 3;
    for (let j = 0; j < q; j++) {
      const t1 = (<usize>(j * step)) << 3;
      const w1r = load<f64>(cosT + t1),
        w1i = load<f64>(sinT + t1);
      const w2r = load<f64>(cosT + 2 * t1),
        w2i = load<f64>(sinT + 2 * t1);
      const w3r = load<f64>(cosT + 3 * t1),
        w3i = load<f64>(sinT + 3 * t1);
      for (let k = j; k < m; k += size) {
        const k0 = (<usize>k) << 3;
        const k1 = k0 + qb;
        const k2 = k1 + qb;
        const k3 = k2 + qb;
        const ar = load<f64>(re + k0),
          ai = load<f64>(im + k0);
        let xr = load<f64>(re + k1),
          xi = load<f64>(im + k1);
        const br = xr * w1r - xi * w1i,
          bi = xr * w1i + xi * w1r;
        xr = load<f64>(re + k2);
        xi = load<f64>(im + k2);
        const cr = xr * w2r - xi * w2i,
          ci = xr * w2i + xi * w2r;
        xr = load<f64>(re + k3);
        xi = load<f64>(im + k3);
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
        store<f64>(re + k0, s0r + s1r);
        store<f64>(im + k0, s0i + s1i);
        store<f64>(re + k1, d0r + d1i);
        store<f64>(im + k1, d0i - d1r);
        store<f64>(re + k2, s0r - s1r);
        store<f64>(im + k2, s0i - s1i);
        store<f64>(re + k3, d0r - d1i);
        store<f64>(im + k3, d0i + d1r);
      }
    }
  }
}

/**
 * Two half-rate frames from one complex FFT: a = src[0…n) and b = src[hop…hop + n) (f32),
 * each times the window w (f64), interleaved into x, transformed, separated into the two
 * spectra; |A[k]|², |B[k]|² for k < bins into pa, pb (f64).
 */
export function pairFrames(
  src: usize,
  hop: i32,
  w: usize,
  x: usize,
  n: i32,
  re: usize,
  im: usize,
  rev: usize,
  cosT: usize,
  sinT: usize,
  bins: i32,
  pa: usize,
  pb: usize,
): void {
  const hb = (<usize>hop) << 2;
  for (let i = 0; i < n; i++) {
    const wi = load<f64>(w + ((<usize>i) << 3));
    const s = src + ((<usize>i) << 2);
    store<f64>(x + ((<usize>i) << 4), <f64>load<f32>(s) * wi);
    store<f64>(x + ((<usize>i) << 4), <f64>load<f32>(s + hb) * wi, 8);
  }
  complex(x, re, im, rev, cosT, sinT, n);
  for (let k = 0; k < bins; k++) {
    const kb = (<usize>k) << 3;
    const jb: usize = k === 0 ? 0 : (<usize>(n - k)) << 3;
    const zr = load<f64>(re + kb);
    const zi = load<f64>(im + kb);
    const cr = load<f64>(re + jb);
    const ci = load<f64>(im + jb);
    const aRe = (zr + cr) / 2;
    const aIm = (zi - ci) / 2;
    const bRe = (zi + ci) / 2;
    const bIm = (cr - zr) / 2;
    store<f64>(pa + kb, aRe * aRe + aIm * aIm);
    store<f64>(pb + kb, bRe * bRe + bIm * bIm);
  }
}

/**
 * One full-rate frame: src[0…size) (f32) times w, as size/2 complex points, transformed and
 * split into the real spectrum with splitCos / splitSin (f64, 2πk/size); |X[k]|² for k < bins
 * into power (f64).
 */
export function fullFrame(
  src: usize,
  w: usize,
  x: usize,
  size: i32,
  re: usize,
  im: usize,
  rev: usize,
  cosT: usize,
  sinT: usize,
  splitCos: usize,
  splitSin: usize,
  bins: i32,
  power: usize,
): void {
  for (let i = 0; i < size; i++) {
    store<f64>(x + ((<usize>i) << 3), <f64>load<f32>(src + ((<usize>i) << 2)) * load<f64>(w + ((<usize>i) << 3)));
  }
  const m = size >> 1;
  complex(x, re, im, rev, cosT, sinT, m);
  for (let k = 0; k < bins; k++) {
    const kb = (<usize>k) << 3;
    const jb: usize = k === 0 ? 0 : (<usize>(m - k)) << 3;
    const zr = load<f64>(re + kb);
    const zi = load<f64>(im + kb);
    const cr = load<f64>(re + jb);
    const ci = load<f64>(im + jb);
    const aRe = (zr + cr) / 2;
    const aIm = (zi - ci) / 2;
    const bRe = (zi + ci) / 2;
    const bIm = (cr - zr) / 2;
    const wr = load<f64>(splitCos + kb);
    const wi = load<f64>(splitSin + kb);
    const xr = aRe + bRe * wr - bIm * wi;
    const xi = aIm + bRe * wi + bIm * wr;
    store<f64>(power + kb, xr * xr + xi * xi);
  }
}
