// AssemblyScript: the talk-time feature extractor's hot loops, compiled to WebAssembly by
// `npm run build:kernel` into ../kernel-wasm.ts. Each function computes exactly what the
// JavaScript path in ../features/ computes, in the same order of IEEE operations, so both
// paths give bit-identical frames (tests/talktime/kernel.test.ts).
//
// Every pointer is a byte offset into this module's memory, laid out by the caller
// (features/workspace.ts, `Workspace`). The module allocates nothing; `setup` records where the
// per-frame functions find their tables and buffers, so their calls stay short.

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
  if (taps === 6) {
    // The short kernel of upsampling from ≥ 16 kHz, written out: the same sums in the same order.
    for (let o = 0; o < count; o++) {
      const row = table + <usize>(r * 48);
      const p = buf + ((<usize>base) << 2);
      let acc: f64 = 0;
      acc += load<f64>(row) * <f64>load<f32>(p) + load<f64>(row, 8) * <f64>load<f32>(p, 4);
      acc += load<f64>(row, 16) * <f64>load<f32>(p, 8) + load<f64>(row, 24) * <f64>load<f32>(p, 12);
      acc += load<f64>(row, 32) * <f64>load<f32>(p, 16) + load<f64>(row, 40) * <f64>load<f32>(p, 20);
      store<f32>(out + ((<usize>o) << 2), <f32>acc);
      base += whole;
      r += part;
      if (r >= up) {
        r -= up;
        base++;
      }
    }
    return;
  }
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
 * `rev` (u16) the base-4 digit reversal and `tw` the stages' twiddles.
 */
function complex(x: usize, re: usize, im: usize, rev: usize, tw: usize, m: i32): void {
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
  // The radix-4 stages, two butterflies (j, j + 1) at a time in f64x2 lanes: each lane does
  // exactly the scalar butterfly's operations. `tw` holds, per stage and pair of j, the
  // twiddles w1r, w1i, w2r, w2i, w3r, w3i as lane pairs (see RealFft in ../features/fft.ts).
  let t = tw;
  for (let size = 16; size <= m; size <<= 2) {
    const q = size >> 2;
    const qb = (<usize>q) << 3;
    for (let j = 0; j < q; j += 2) {
      const w1r = v128.load(t),
        w1i = v128.load(t, 16),
        w2r = v128.load(t, 32),
        w2i = v128.load(t, 48),
        w3r = v128.load(t, 64),
        w3i = v128.load(t, 80);
      t += 96;
      for (let k = j; k < m; k += size) {
        const k0 = (<usize>k) << 3;
        const k1 = k0 + qb;
        const k2 = k1 + qb;
        const k3 = k2 + qb;
        const ar = v128.load(re + k0),
          ai = v128.load(im + k0);
        let xr = v128.load(re + k1),
          xi = v128.load(im + k1);
        const br = f64x2.sub(f64x2.mul(xr, w1r), f64x2.mul(xi, w1i)),
          bi = f64x2.add(f64x2.mul(xr, w1i), f64x2.mul(xi, w1r));
        xr = v128.load(re + k2);
        xi = v128.load(im + k2);
        const cr = f64x2.sub(f64x2.mul(xr, w2r), f64x2.mul(xi, w2i)),
          ci = f64x2.add(f64x2.mul(xr, w2i), f64x2.mul(xi, w2r));
        xr = v128.load(re + k3);
        xi = v128.load(im + k3);
        const dr = f64x2.sub(f64x2.mul(xr, w3r), f64x2.mul(xi, w3i)),
          di = f64x2.add(f64x2.mul(xr, w3i), f64x2.mul(xi, w3r));
        const s0r = f64x2.add(ar, cr),
          s0i = f64x2.add(ai, ci),
          d0r = f64x2.sub(ar, cr),
          d0i = f64x2.sub(ai, ci);
        const s1r = f64x2.add(br, dr),
          s1i = f64x2.add(bi, di),
          d1r = f64x2.sub(br, dr),
          d1i = f64x2.sub(bi, di);
        v128.store(re + k0, f64x2.add(s0r, s1r));
        v128.store(im + k0, f64x2.add(s0i, s1i));
        v128.store(re + k1, f64x2.add(d0r, d1i));
        v128.store(im + k1, f64x2.sub(d0i, d1r));
        v128.store(re + k2, f64x2.sub(s0r, s1r));
        v128.store(im + k2, f64x2.sub(s0i, s1i));
        v128.store(re + k3, f64x2.sub(d0r, d1i));
        v128.store(im + k3, f64x2.add(d0i, d1r));
      }
    }
  }
}

let gX: usize = 0;
let gRe: usize = 0;
let gIm: usize = 0;
let gRev: usize = 0;
let gTw: usize = 0;
let gWindow: usize = 0;
let gSplitCos: usize = 0;
let gSplitSin: usize = 0;
let gBins: i32 = 0;
let gRow: usize = 0;
let gPerNeper: f64 = 0;
let gDbOffset: f64 = 0;
let gScale: f64 = 0;

/**
 * Where the frame functions find their buffers and tables: x (f64 scratch), re / im (f64),
 * rev (u16), tw (stage twiddles), window (f64), splitCos / splitSin (f64), bins kept, row
 * (f32, dbRow's output), and dbRow's constants.
 */
export function setup(
  x: usize,
  re: usize,
  im: usize,
  rev: usize,
  tw: usize,
  window: usize,
  splitCos: usize,
  splitSin: usize,
  bins: i32,
  row: usize,
  perNeper: f64,
  dbOffset: f64,
  scale: f64,
): void {
  gX = x;
  gRe = re;
  gIm = im;
  gRev = rev;
  gTw = tw;
  gWindow = window;
  gSplitCos = splitCos;
  gSplitSin = splitSin;
  gBins = bins;
  gRow = row;
  gPerNeper = perNeper;
  gDbOffset = dbOffset;
  gScale = scale;
}

/**
 * Two half-rate frames from one complex FFT: a = src[0…n) and b = src[hop…hop + n) (f32),
 * each times the window w (f64), interleaved into x, transformed, separated into the two
 * spectra; |A[k]|², |B[k]|² for k < bins into pa, pb (f64).
 */
export function pairFrames(src: usize, hop: i32, n: i32, pa: usize, pb: usize): void {
  const w = gWindow;
  const x = gX;
  const re = gRe;
  const im = gIm;
  const bins = gBins;
  const hb = (<usize>hop) << 2;
  for (let i = 0; i < n; i++) {
    const wi = load<f64>(w + ((<usize>i) << 3));
    const s = src + ((<usize>i) << 2);
    store<f64>(x + ((<usize>i) << 4), <f64>load<f32>(s) * wi);
    store<f64>(x + ((<usize>i) << 4), <f64>load<f32>(s + hb) * wi, 8);
  }
  complex(x, re, im, gRev, gTw, n);
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
export function fullFrame(src: usize, size: i32, power: usize): void {
  const w = gWindow;
  const x = gX;
  const re = gRe;
  const im = gIm;
  const bins = gBins;
  const splitCos = gSplitCos;
  const splitSin = gSplitSin;
  for (let i = 0; i < size; i++) {
    store<f64>(x + ((<usize>i) << 3), <f64>load<f32>(src + ((<usize>i) << 2)) * load<f64>(w + ((<usize>i) << 3)));
  }
  const m = size >> 1;
  complex(x, re, im, gRev, gTw, m);
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

const LN2: f64 = 0.6931471805599453;
const SQRT2: f64 = 1.4142135623730951;

/**
 * Natural logarithm of a finite v > 0, within 2e-11 (≈ 1e-10 dB, far below the step of the
 * f32 dB rows): v = 2^e · m with m in (√½, √2], then ln m = 2·atanh(s), s = (m − 1) / (m + 1),
 * by its series to s¹¹ (|s| < 0.172). `ln` in ../features/log.ts scales by 2^−e where this masks the
 * exponent out; both are exact, and the rest is the same arithmetic: the same bits.
 */
function ln(v: f64): f64 {
  let e: i32 = 0;
  if (v < 2.2250738585072014e-308) {
    v *= 18014398509481984.0;
    e = -54;
  }
  const bits = reinterpret<u64>(v);
  e += <i32>(bits >> 52) - 1023;
  let m = reinterpret<f64>((bits & 0x000fffffffffffff) | 0x3ff0000000000000);
  if (m > SQRT2) {
    m *= 0.5;
    e += 1;
  }
  const s = (m - 1) / (m + 1);
  const z = s * s;
  return (
    <f64>e * LN2 +
    s * (2 + z * (0.6666666666666666 + z * (0.4 + z * (0.2857142857142857 + z * (0.2222222222222222 + z * 0.18181818181818182)))))
  );
}

/**
 * `ln` on both lanes of v: the same operations lane by lane, with selects for its branches
 * and the exponent e carried as an exact small integer in f64.
 */
function ln2(v: v128): v128 {
  const small = f64x2.lt(v, f64x2.splat(2.2250738585072014e-308));
  const x = v128.bitselect(f64x2.mul(v, f64x2.splat(18014398509481984.0)), v, small);
  // The biased exponent b as the f64 2^52 + b, minus 2^52 + 1023: exactly b − 1023.
  const biased = i64x2.shr_u(x, 52);
  let e = f64x2.sub(v128.or(biased, i64x2.splat(0x4330000000000000)), f64x2.splat(4503599627371519.0));
  e = f64x2.add(e, v128.and(small, f64x2.splat(-54.0)));
  let m = v128.or(v128.and(x, i64x2.splat(0x000fffffffffffff)), i64x2.splat(0x3ff0000000000000));
  const big = f64x2.gt(m, f64x2.splat(SQRT2));
  m = v128.bitselect(f64x2.mul(m, f64x2.splat(0.5)), m, big);
  e = f64x2.add(e, v128.and(big, f64x2.splat(1.0)));
  const one = f64x2.splat(1.0);
  const s = f64x2.div(f64x2.sub(m, one), f64x2.add(m, one));
  const z = f64x2.mul(s, s);
  let p = f64x2.mul(z, f64x2.splat(0.18181818181818182));
  p = f64x2.mul(z, f64x2.add(f64x2.splat(0.2222222222222222), p));
  p = f64x2.mul(z, f64x2.add(f64x2.splat(0.2857142857142857), p));
  p = f64x2.mul(z, f64x2.add(f64x2.splat(0.4), p));
  p = f64x2.mul(z, f64x2.add(f64x2.splat(0.6666666666666666), p));
  return f64x2.add(f64x2.mul(e, f64x2.splat(LN2)), f64x2.mul(s, f64x2.add(f64x2.splat(2.0), p)));
}

/**
 * A frame's dB row from |X[k]|² (f64, `bins` of them): row[k] = ln(power[k]) · perNeper −
 * dbOffset as f32 (−Infinity for 0), and power[k] scaled by `scale` in place. Two bins at a time.
 */
export function dbRow(power: usize): void {
  const n = gBins;
  const out = gRow;
  const perNeper = gPerNeper;
  const dbOffset = gDbOffset;
  const scale = gScale;
  const per = f64x2.splat(perNeper);
  const off = f64x2.splat(dbOffset);
  const sc = f64x2.splat(scale);
  const zero = f64x2.splat(0.0);
  const negInf = f64x2.splat(-Infinity);
  let k = 0;
  for (; k + 2 <= n; k += 2) {
    const p = power + ((<usize>k) << 3);
    const v = v128.load(p);
    const d = v128.bitselect(f64x2.sub(f64x2.mul(ln2(v), per), off), negInf, f64x2.gt(v, zero));
    v128.store64_lane(out + ((<usize>k) << 2), f32x4.demote_f64x2_zero(d), 0);
    v128.store(p, f64x2.mul(v, sc));
  }
  for (; k < n; k++) {
    const p = power + ((<usize>k) << 3);
    const v = load<f64>(p);
    store<f32>(out + ((<usize>k) << 2), v > 0 ? <f32>(ln(v) * perNeper - dbOffset) : -Infinity);
    store<f64>(p, v * scale);
  }
}
