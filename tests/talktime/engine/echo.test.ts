import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../lib/talktime/engine/config';
import { EchoAudibility, EchoCoupling, EchoRule, spectralShape } from '../../../lib/talktime/engine/echo';
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
    for (let i = 0; i <= f; i++) rule.noteOther(active, level, -60, 0);
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

describe('EchoCoupling', () => {
  it('has no estimate until ≈ 3 s of the other party was heard, then their median coupling', () => {
    const c = new EchoCoupling();
    for (let i = 0; i < 129; i++) c.note(-12);
    expect(c.db).toBeNull();
    c.note(-12);
    expect(c.db).toBe(-12);
  });

  it('is moved little by the user talking over them, and follows an echo that appears', () => {
    const c = new EchoCoupling();
    // Headphones: the user's room, 45 dB under the other; a third of the frames the user talks over them.
    for (let i = 0; i < 900; i++) c.note(i % 3 === 0 ? -5 : -45);
    expect(c.db).toBe(-45);
    // A loudspeaker from here on, 12 dB down: within ≈ 10 s of their talk the median is the echo's.
    let frames = 0;
    while (c.db !== -12 && frames < 2000) {
      c.note(frames % 3 === 0 ? -5 : -12);
      frames++;
    }
    expect(c.db).toBe(-12);
    expect(frames).toBeLessThan(500);
  });
});

describe('EchoRule with the coupling', () => {
  // A quiet user 20 dB under a loud other party, in a voice whose spectrum matches theirs loosely
  // (speech matches speech at ≈ 0.3): the level rule alone called it echo.
  const other = row(40, -20);
  const user = row(80, -40);
  const match = () => {
    const a = spectralShape(user);
    const b = spectralShape(other);
    return a.reduce((m, v, i) => m + v * b[i]!, 0);
  };
  /** The microphone at `micWhileTheyTalk` dB while the other talks: their echo (scoring 10 dB over the user's room) above −60, else the room. */
  const heard = (micWhileTheyTalk: number, frames: number) => {
    const rule = new EchoRule(DEFAULT_CONFIG);
    for (let i = 0; i < frames; i++) rule.noteOther(true, -20, micWhileTheyTalk, micWhileTheyTalk > -60 ? 10 : 0);
    return rule;
  };
  const n = 400;
  const rows = (r: Float32Array) => rowsOf(r, n);

  it('keeps a quiet user talking over the other party when their voice does not come back in the microphone', () => {
    expect(match()).toBeGreaterThan(DEFAULT_CONFIG.echoMatch);
    expect(match()).toBeLessThan(DEFAULT_CONFIG.echoStrongMatch);
    // Headphones: the microphone hears the user's room (−70 dB) while the other talks.
    expect(heard(-70, n).isEcho(n - 1, -40, 5, rows(user), rows(other))).toBe(false);
    // Before the coupling is known (the call's first seconds) the level rule decides, as before.
    expect(heard(-70, 20).isEcho(19, -40, 5, rowsOf(user, 20), rowsOf(other, 20))).toBe(true);
  });

  it('still calls echo echo where the other party comes back in the microphone', () => {
    // A loudspeaker's echo of their talk 12 dB down (−32 dB): the level rule decides, as before.
    expect(heard(-32, n).isEcho(n - 1, -40, 5, rows(user), rows(other))).toBe(true);
    expect(heard(-32, n).isEcho(n - 1, -29, 5, rows(user), rows(other))).toBe(true);
    // 25 dB down (−45 dB): a frame at −40 is within the echo's reach; at −30, 15 dB over it, the user.
    expect(heard(-45, n).isEcho(n - 1, -40, 5, rows(user), rows(other))).toBe(true);
    expect(heard(-45, n).isEcho(n - 1, -30, 5, rows(user), rows(other))).toBe(false);
    expect(heard(-45, n).isEcho(n - 1, -35, 5, rows(user), rows(other))).toBe(true);
  });

  it('takes nothing from a muted microphone (digital silence) as the coupling', () => {
    const rule = new EchoRule(DEFAULT_CONFIG);
    for (let i = 0; i < n; i++) rule.noteOther(true, -20, i < n / 2 ? -32 : -Infinity, i < n / 2 ? 10 : 0);
    expect(rule.isEcho(n - 1, -40, 5, rows(user), rows(other))).toBe(true);
  });

  it('stands aside while the microphone goes through an echo canceller, whose leftovers come in bursts', () => {
    const rule = heard(-70, n);
    rule.cancelled = true;
    expect(rule.isEcho(n - 1, -40, 5, rows(user), rows(other))).toBe(true);
  });

  it('is off at echoCouplingMarginDb 999', () => {
    const rule = new EchoRule({ ...DEFAULT_CONFIG, echoCouplingMarginDb: 999 });
    for (let i = 0; i < n; i++) rule.noteOther(true, -20, -70, 0);
    expect(rule.isEcho(n - 1, -40, 5, rows(user), rows(other))).toBe(true);
  });
});

describe('EchoAudibility', () => {
  it('has no estimate until ≈ 3 s of the other party was heard, then the median score', () => {
    const a = new EchoAudibility();
    for (let i = 0; i < 129; i++) a.note(i % 4 === 0 ? 12 : 0.5);
    expect(a.db).toBeNull();
    a.note(0.5);
    expect(a.db).toBe(0.5);
  });

  it('clamps scores to its range and follows an echo that appears', () => {
    const a = new EchoAudibility();
    for (let i = 0; i < 300; i++) a.note(i % 2 ? -3 : Number.NaN);
    expect(a.db).toBe(0);
    let frames = 0;
    while (a.db !== 30 && frames < 2000) {
      a.note(99);
      frames++;
    }
    expect(frames).toBeLessThan(500);
  });
});

describe('EchoRule in a noisy room with no echo (echoAudibleScore)', () => {
  // The user's room 25 dB under the other party (−45 against −20) and no loudspeaker: the
  // coupling median is the room's, −25 dB, so the coupling test keeps only frames 12 dB over
  // it (−33 dB and up). A word of the user's at −36 dB, 9 dB over the room, talking over them.
  const other = row(40, -20);
  const user = row(80, -36);
  const n = 400;
  const room = (micScore: number, config = DEFAULT_CONFIG) => {
    const rule = new EchoRule(config);
    for (let i = 0; i < n; i++) rule.noteOther(true, -20, -45, micScore);
    return rule;
  };
  const isEcho = (rule: EchoRule, score: number) => rule.isEcho(n - 1, -36, score, rowsOf(user, n), rowsOf(other, n));

  it('keeps a word standing over the room while the microphone shows nothing of the other party', () => {
    expect(isEcho(room(0.5), 9)).toBe(false);
    // The coupling test alone, as before: echo.
    expect(isEcho(room(0.5, { ...DEFAULT_CONFIG, echoAudibleScore: 0 }), 9)).toBe(true);
  });

  it('still takes a sound barely over the room (a swell of it) while they talk', () => {
    expect(isEcho(room(0.5), DEFAULT_CONFIG.echoInaudibleKeepScore - 1)).toBe(true);
  });

  it('judges as before where their voice comes back over the room, or through an echo canceller', () => {
    expect(isEcho(room(8), 9)).toBe(true);
    const cancelled = room(0.5);
    cancelled.cancelled = true;
    expect(isEcho(cancelled, 9)).toBe(true);
  });

  it("judges as before in the call's first seconds, before ≈ 3 s of their talk was heard", () => {
    const rule = new EchoRule(DEFAULT_CONFIG);
    for (let i = 0; i < 100; i++) rule.noteOther(true, -20, -45, 0.5);
    expect(rule.isEcho(99, -36, 9, rowsOf(user, 100), rowsOf(other, 100))).toBe(true);
  });
});
