import { describe, expect, it } from 'vitest';
import { DB_PER_NEPER, ln, powerToDb } from '../../../lib/talktime/features/log';
import { centredLcg as lcg } from '../synth';

describe('ln', () => {
  it('matches Math.log within 2e-11 over the whole range of powers, subnormal ones included', () => {
    const rnd = lcg(42);
    let worst = 0;
    for (let i = 0; i < 20000; i++) {
      const v = Math.exp((rnd() + 0.5) * 1430 - 740); // ≈ 1e-321 … 1e300
      if (!(v > 0) || !Number.isFinite(v)) continue;
      const ref = Math.log(v);
      worst = Math.max(worst, Math.abs(ln(v) - ref) / Math.max(1, Math.abs(ref)));
    }
    expect(worst).toBeLessThan(2e-11);
    expect(ln(1)).toBe(0);
    expect(ln(Number.MIN_VALUE)).toBeCloseTo(Math.log(Number.MIN_VALUE), 12);
  });
});

describe('powerToDb', () => {
  it('is 10·log10 of the power, floored at −200 dB for (nearly) zero', () => {
    expect(powerToDb(1)).toBe(0);
    expect(powerToDb(0.001)).toBeCloseTo(-30, 10);
    expect(powerToDb(0)).toBe(-200);
    expect(powerToDb(1e-21)).toBe(-200);
  });

  it('agrees with ln through DB_PER_NEPER', () => {
    expect(ln(0.5) * DB_PER_NEPER).toBeCloseTo(powerToDb(0.5), 10);
  });
});
