import { describe, expect, it } from 'vitest';
import { RealFft } from '../../../lib/talktime/features/fft';
import { FFT_SIZE, NUM_BINS } from '../../../lib/talktime/features/recipe';
import { Workspace } from '../../../lib/talktime/features/workspace';
import { centredLcg } from '../synth';

/** |X[k]|² by the definition, for k < NUM_BINS. */
function directPower(x: Float64Array): number[] {
  return Array.from({ length: NUM_BINS }, (_, k) => {
    let re = 0;
    let im = 0;
    for (let n = 0; n < x.length; n++) {
      re += x[n]! * Math.cos((2 * Math.PI * k * n) / x.length);
      im -= x[n]! * Math.sin((2 * Math.PI * k * n) / x.length);
    }
    return re * re + im * im;
  });
}

describe('RealFft', () => {
  const rnd = centredLcg(5);
  const x = Float64Array.from({ length: FFT_SIZE }, () => rnd());

  it('gives the power spectrum of a real frame', () => {
    const power = new Float64Array(NUM_BINS);
    new RealFft(Workspace.plain()).power(x, power);
    const ref = directPower(x);
    for (let k = 0; k < NUM_BINS; k++) expect(power[k]! / ref[k]!).toBeCloseTo(1, 8);
  });

  it('gives two half-length frames at once from their interleaving', () => {
    const a = x.subarray(0, FFT_SIZE / 2);
    const b = x.subarray(FFT_SIZE / 2);
    const inter = new Float64Array(FFT_SIZE);
    for (let i = 0; i < FFT_SIZE / 2; i++) {
      inter[2 * i] = a[i]!;
      inter[2 * i + 1] = b[i]!;
    }
    const pa = new Float64Array(NUM_BINS);
    const pb = new Float64Array(NUM_BINS);
    new RealFft(Workspace.plain()).pairPower(inter, pa, pb);
    const ra = directPower(Float64Array.from(a));
    const rb = directPower(Float64Array.from(b));
    for (let k = 0; k < NUM_BINS; k++) {
      expect(pa[k]! / ra[k]!).toBeCloseTo(1, 8);
      expect(pb[k]! / rb[k]!).toBeCloseTo(1, 8);
    }
  });
});
