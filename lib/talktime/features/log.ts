/** Logarithms and dB conversions that give the same bits in JavaScript and in the WebAssembly kernel. */

/** 10·log10(x) = ln(x) · 10 / ln 10 (Math.log is the faster of the two in V8). */
export const DB_PER_NEPER = 10 / Math.LN10;
/** dB floor of a power that is (nearly) zero. */
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

/** Power to dB, floored at MIN_DB. */
export function powerToDb(p: number): number {
  return p > 1e-20 ? 10 * Math.log10(p) : MIN_DB;
}
