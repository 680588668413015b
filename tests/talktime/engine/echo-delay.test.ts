import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../lib/talktime/engine/config';
import { EchoRule } from '../../../lib/talktime/engine/echo';
import { EchoDelay } from '../../../lib/talktime/engine/echo-delay';
import { SlidingArray } from '../../../lib/talktime/engine/sliding';
import { NUM_BINS } from '../../../lib/talktime/features';

const cfg = { ...DEFAULT_CONFIG, echoDelayMaxFrames: 16, echoDelayMinCorr: 0.1 };

/** Seeded uniform numbers in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * Frame levels (dB) of a turn-taking talker: runs of syllables (level jumping 10–25 dB over a
 * −70 dB room) and pauses.
 */
function talker(frames: number, r: () => number): number[] {
  const out: number[] = [];
  while (out.length < frames) {
    const talking = r() < 0.5;
    const len = 20 + Math.floor(r() * 120);
    for (let k = 0; k < len && out.length < frames; k++) out.push(talking ? -45 - r() * 15 : -70 + r() * 2);
  }
  return out;
}

/** The user's level: their own talk, plus the other's level `delay` frames late and `db` lower (power sum). */
function microphone(own: number[], other: number[], delay: number | null, db: number): number[] {
  return own.map((v, f) => {
    if (delay === null || f < delay) return v;
    const e = other[f - delay]! + db;
    return 10 * Math.log10(10 ** (v / 10) + 10 ** (e / 10));
  });
}

describe('EchoDelay', () => {
  const frames = 2600; // ≈ 1 min of 23 ms frames
  const other = talker(frames, rng(1));
  const own = talker(frames, rng(2));

  it.each([2, 5, 9, 13])('finds an echo %i frames late', (delay) => {
    const d = new EchoDelay(cfg);
    const self = microphone(own, other, delay, -18);
    for (let f = 0; f < frames; f++) d.push(self[f]!, other[f]!);
    expect(d.delayFrames()).toBe(delay);
  });

  it('never claims a delay, at any moment, when the microphone holds only the user (headphones, or the echo cancelled)', () => {
    for (const seed of [5, 6, 7]) {
      const d = new EchoDelay(cfg);
      const mine = talker(frames, rng(seed));
      const theirs = talker(frames, rng(seed + 100));
      for (let f = 0; f < frames; f++) {
        d.push(mine[f]!, theirs[f]!);
        expect(d.delayFrames()).toBe(-1);
      }
    }
  });

  it('finds a clear echo within seconds of the other party speaking, never a wrong delay, and nothing in the first second or when switched off', () => {
    const early = new EchoDelay(cfg);
    const off = new EchoDelay({ ...cfg, echoDelayMaxFrames: 0 });
    // The user listens (only their room), the loudspeaker's echo at −12 dB, 4 frames late.
    const self = microphone(
      other.map(() => -70),
      other,
      4,
      -12,
    );
    const firstTalk = other.findIndex((v) => v > -65);
    const found: number[] = [];
    for (let f = 0; f < frames; f++) {
      early.push(self[f]!, other[f]!);
      off.push(self[f]!, other[f]!);
      found.push(early.delayFrames());
    }
    expect(found.slice(0, 42).every((d) => d === -1)).toBe(true);
    expect(found.every((d) => d === -1 || d === 4)).toBe(true);
    expect(found.indexOf(4)).toBeGreaterThan(firstTalk);
    expect(found.indexOf(4)).toBeLessThan(firstTalk + 130); // 3 s
    expect(off.delayFrames()).toBe(-1);
  });

  it('ignores digital silence (−∞ levels) rather than taking it for a step', () => {
    const d = new EchoDelay(cfg);
    for (let f = 0; f < frames; f++) d.push(-Infinity, other[f]!);
    expect(d.delayFrames()).toBe(-1);
  });
});

describe('EchoRule with a late echo', () => {
  const flat = (level: number) => Float32Array.from({ length: NUM_BINS }, (_, k) => level - Math.abs(k - 40) * 0.5);

  /** A call whose other party spoke for 1 s and stopped; the user's frame `late` frames after is a −20 dB copy of it. */
  function lateEcho(config: typeof cfg, late: number): boolean {
    const rule = new EchoRule(config);
    const frames = 2600;
    const other = talker(frames, rng(3));
    const own = talker(frames, rng(4));
    const self = microphone(own, other, 10, -20);
    const selfRows = new SlidingArray<Float32Array>();
    const otherRows = new SlidingArray<Float32Array>();
    // A minute of conversation with a 10-frame echo teaches the rule the delay.
    for (let f = 0; f < frames; f++) {
      rule.noteOther(other[f]! > -60, other[f]!, self[f]!, self[f]! > -60 ? 10 : 0);
      selfRows.push(flat(self[f]!));
      otherRows.push(flat(other[f]!));
    }
    // Then the other talks for 20 frames at −30 dB and falls silent; frame `end + late` holds their echo only.
    const end = frames + 20;
    for (let f = frames; f <= end + late; f++) {
      const active = f < end;
      rule.noteOther(active, active ? -30 : -70, -70, 0);
      otherRows.push(flat(active ? -30 : -70));
      selfRows.push(flat(-50));
    }
    return rule.isEcho(end + late, -50, 5, selfRows, otherRows);
  }

  it('follows the measured delay: an echo 9 frames after its source ends is echo', () => {
    expect(lateEcho(cfg, 9)).toBe(true);
  });

  it('without delay tracking the same frame is the user talking (the lookback is 7 frames)', () => {
    expect(lateEcho({ ...cfg, echoDelayMaxFrames: 0 }, 9)).toBe(false);
  });
});
