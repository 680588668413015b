import { describe, expect, it } from 'vitest';
import { Resampler } from '../../../lib/talktime/features/resampler';
import { Workspace } from '../../../lib/talktime/features/workspace';

const sine = (f: number, rate: number, n: number) =>
  Float32Array.from({ length: n }, (_, i) => 0.5 * Math.sin((2 * Math.PI * f * i) / rate));

function resample(x: Float32Array, inRate: number, chunk: number): Float32Array {
  const r = new Resampler(inRate, 44100, Workspace.plain(), 4096);
  const parts: number[] = [];
  for (let i = 0; i < x.length; i += chunk) parts.push(...r.push(x.subarray(i, i + chunk)));
  return Float32Array.from(parts);
}

describe('Resampler', () => {
  it('produces 44.1 kHz samples of the same tone', () => {
    const y = resample(sine(1000, 16000, 16000), 16000, 4096);
    expect(y.length).toBeGreaterThan(44100 * 0.95);
    expect(y.length).toBeLessThanOrEqual(44100);
    const ref = sine(1000, 44100, y.length);
    let err = 0;
    for (let i = 1000; i < y.length - 1000; i++) err = Math.max(err, Math.abs(y[i]! - ref[i]!));
    expect(err).toBeLessThan(0.01);
  });

  it('gives the same samples whatever the chunking', () => {
    const x = sine(440, 48000, 20000);
    expect(Array.from(resample(x, 48000, 128))).toEqual(Array.from(resample(x, 48000, 4000)));
  });
});
