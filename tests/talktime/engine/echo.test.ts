import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../lib/talktime/engine/config';
import { EchoRule, spectralShape } from '../../../lib/talktime/engine/echo';
import { SlidingArray } from '../../../lib/talktime/engine/sliding';
import { NUM_BINS } from '../../../lib/talktime/features';

/** A dB row with a peak at `bin`, `level` dB there. */
function row(bin: number, level: number): Float32Array {
  return Float32Array.from({ length: NUM_BINS }, (_, k) => level - Math.abs(k - bin) * 0.5);
}

function rowsOf(r: Float32Array, n: number): SlidingArray<Float32Array> {
  const a = new SlidingArray<Float32Array>();
  for (let i = 0; i < n; i++) a.push(r);
  return a;
}

describe('spectralShape', () => {
  it('is level-free: a quieter copy has the same shape', () => {
    const a = spectralShape(row(40, -20));
    const b = spectralShape(row(40, -45));
    let c = 0;
    for (let i = 0; i < a.length; i++) c += a[i]! * b[i]!;
    expect(c).toBeCloseTo(1, 6);
  });
});

describe('EchoRule', () => {
  const f = 5;
  const withOther = (active: boolean, level: number) => {
    const rule = new EchoRule(DEFAULT_CONFIG);
    for (let i = 0; i <= f; i++) rule.noteOther(active, level, -60);
    return rule;
  };

  it('calls a quiet copy of what the other just said echo', () => {
    const other = rowsOf(row(40, -20), f + 1);
    const self = rowsOf(row(40, -40), f + 1);
    expect(withOther(true, -20).isEcho(f, -40, 5, self, other)).toBe(true);
  });

  it('keeps the user talking over the other in a different voice', () => {
    const other = rowsOf(row(40, -20), f + 1);
    const self = rowsOf(row(120, -40), f + 1);
    expect(withOther(true, -20).isEcho(f, -40, 5, self, other)).toBe(false);
  });

  it('is never echo while the other was silent', () => {
    const rows = rowsOf(row(40, -20), f + 1);
    expect(withOther(false, -20).isEcho(f, -60, 5, rows, rows)).toBe(false);
  });

  it('keeps self frames as loud as the other', () => {
    const rows = rowsOf(row(40, -20), f + 1);
    expect(withOther(true, -20).isEcho(f, -19, 5, rows, rows)).toBe(false);
  });

  it('through an echo canceller, calls what it left of the echo echo although it matches its source less well', () => {
    // What Chromium's canceller lets through, on the training split's calls through it: within a
    // few dB of the other party and reshaped (here a correlation of ≈ 0.7 with its source).
    const source = row(40, -20);
    const left = Float32Array.from(source, (v, k) => v - 4 + 20 * Math.sin(k * 0.9));
    const a = spectralShape(left);
    const b = spectralShape(source);
    let match = 0;
    for (let i = 0; i < a.length; i++) match += a[i]! * b[i]!;
    expect(match).toBeGreaterThan(DEFAULT_CONFIG.echoStrongMatchCancelled);
    expect(match).toBeLessThan(DEFAULT_CONFIG.echoStrongMatch);
    const other = rowsOf(source, f + 1);
    const self = rowsOf(left, f + 1);
    const raw = withOther(true, -20);
    expect(raw.isEcho(f, -24, 5, self, other)).toBe(false);
    const cancelled = withOther(true, -20);
    cancelled.cancelled = true;
    expect(cancelled.isEcho(f, -24, 5, self, other)).toBe(true);
    // The user's own voice, unlike the source, still counts through the canceller.
    expect(cancelled.isEcho(f, -24, 5, rowsOf(row(120, -24), f + 1), other)).toBe(false);
  });
});
