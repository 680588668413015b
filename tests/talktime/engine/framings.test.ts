import { describe, expect, it } from 'vitest';
import { emptyTalkStats } from '../../../lib/schema/talk';
import { TalkTimeEngine, TwoFramings, halfHopDelay, meanStats } from '../../../lib/talktime/engine';
import { FEATURE_SAMPLE_RATE, FRAME_HOP, FrameExtractor, type Frame } from '../../../lib/talktime/features';
import { rng } from '../../../scripts/talktime/data';
import { analyzeCall } from '../../../scripts/talktime/pipeline';

const RATE = 16000;

/**
 * Syllable-like bursts (voiced: a 140 Hz pulse train's harmonics, swelling and fading) over a room
 * whose level drifts, on one channel; the other channel the same shape at other times.
 */
function talkInDriftingRoom(seconds: number, seed: number, offset: number): Float32Array {
  const rnd = rng(seed);
  const x = new Float32Array(seconds * RATE);
  let t = offset;
  const bursts: [number, number, number][] = [];
  while (t < seconds - 1) {
    const len = 0.12 + 0.5 * rnd();
    bursts.push([t, t + len, 0.05 + 0.25 * rnd()]);
    t += len + 0.05 + (rnd() < 0.3 ? 1.5 * rnd() : 0.25 * rnd());
  }
  for (let i = 0; i < x.length; i++) {
    const s = i / RATE;
    const room = 0.004 * (1 + 0.8 * Math.sin((2 * Math.PI * s) / 7.3)) * (rnd() * 2 - 1);
    x[i] = room;
  }
  for (const [a, b, amp] of bursts) {
    for (let i = Math.floor(a * RATE); i < Math.min(x.length, b * RATE); i++) {
      const s = i / RATE - a;
      const env = Math.sin((Math.PI * s) / (b - a));
      let v = 0;
      for (let h = 1; h <= 12; h++) v += Math.sin(2 * Math.PI * 140 * h * s) / h;
      x[i]! += amp * env * v * 0.3;
    }
  }
  return x;
}

const delayed = (x: Float32Array, n: number) => {
  const y = new Float32Array(x.length + n);
  y.set(x, n);
  return y;
};

describe('two framings half a hop apart (issue 16)', () => {
  it('puts the second framing half a hop after the first at any input rate', () => {
    expect(halfHopDelay(FEATURE_SAMPLE_RATE)).toBe(FRAME_HOP / 2);
    expect(halfHopDelay(48000)).toBe(557);
    expect(halfHopDelay(16000)).toBe(186);
  });

  it('averages the talk, overlap and silence totals and each minute; the rest is the first framing’s', () => {
    const a = emptyTalkStats();
    const b = emptyTalkStats();
    Object.assign(a, { durationMs: 60000, selfTalkMs: 20000, otherTalkMs: 30000, overlapMs: 1000, silenceMs: 11000 });
    Object.assign(b, { durationMs: 60010, selfTalkMs: 21000, otherTalkMs: 29000, overlapMs: 2000, silenceMs: 12000 });
    a.metrics = { ...a.metrics, turnSwitchesPerMin: 4, interruptions: { self: 2, other: 1 } };
    a.metrics.timeline = [
      { minute: 0, selfMs: 20000, otherMs: 30000, overlapMs: 1000 },
      { minute: 1, selfMs: 10, otherMs: 0, overlapMs: 0 },
    ];
    b.metrics.timeline = [{ minute: 0, selfMs: 21000, otherMs: 29000, overlapMs: 2000 }];
    const m = meanStats(a, b);
    expect(m).toMatchObject({
      durationMs: 60000,
      selfTalkMs: 20500,
      otherTalkMs: 29500,
      overlapMs: 1500,
      silenceMs: 11500,
      selfShare: 20500 / 50000,
    });
    expect(m.metrics.turnSwitchesPerMin).toBe(4);
    expect(m.metrics.interruptions).toEqual({ self: 2, other: 1 });
    expect(m.metrics.timeline).toEqual([
      { minute: 0, selfMs: 20500, otherMs: 29500, overlapMs: 1500 },
      { minute: 1, selfMs: 10, otherMs: 0, overlapMs: 0 },
    ]);
    expect(meanStats(emptyTalkStats(), emptyTalkStats()).selfShare).toBeNull();
  });

  it('feeds each framing its own engine; drops the second when its frames stop coming, and goes on with the first', async () => {
    const self = talkInDriftingRoom(12, 1, 0.2);
    const other = talkInDriftingRoom(12, 2, 0.9);
    const frames = (x: Float32Array, delay: number) => new FrameExtractor(RATE).push(delayed(x, delay));
    const a = { self: frames(self, 0), other: frames(other, 0) };
    const b = { self: frames(self, halfHopDelay(RATE)), other: frames(other, halfHopDelay(RATE)) };
    const n = Math.min(a.self.length, a.other.length, b.self.length, b.other.length);
    const feed = async (pair: TwoFramings, upTo: number, withHalf: (from: number) => boolean) => {
      for (let i = 0; i < upTo; i += 16) {
        const end = Math.min(upTo, i + 16);
        const cut = (f: Frame[]) => f.slice(i, end);
        await pair.process(cut(a.self), cut(a.other), withHalf(i) ? { self: cut(b.self), other: cut(b.other) } : undefined);
      }
      await pair.finish();
    };
    const one = () => [new TalkTimeEngine(), new TalkTimeEngine()] as const;

    const [first, second] = one();
    const pair = new TwoFramings(first, second);
    await feed(pair, n, () => true);
    expect(pair.framings).toBe(2);
    const [soloA, soloB] = [new TalkTimeEngine(), new TalkTimeEngine()];
    await soloA.process(a.self.slice(0, n), a.other.slice(0, n));
    await soloB.process(b.self.slice(0, n), b.other.slice(0, n));
    await Promise.all([soloA.finish(), soloB.finish()]);
    expect(first.snapshot().selfTalkMs).toBeGreaterThan(2000);
    expect(pair.snapshot()).toEqual(meanStats(soloA.snapshot(), soloB.snapshot()));
    expect(pair.segments()).toEqual(soloA.segments());
    expect(pair.recent(60_000).selfMs).toBe((soloA.recent(60_000).selfMs + soloB.recent(60_000).selfMs) / 2);

    // A batch without the second framing (tab capture took over the other party): the first goes on alone.
    const [f2, s2] = one();
    const dropped = new TwoFramings(f2, s2);
    await feed(dropped, n, (i) => i < 160);
    expect(dropped.framings).toBe(1);
    expect(dropped.snapshot()).toEqual(soloA.snapshot());
    // A second framing whose batch holds other frames than the first's counts as missing too.
    const [f3, s3] = one();
    const uneven = new TwoFramings(f3, s3);
    await uneven.process(a.self.slice(0, 16), a.other.slice(0, 16), { self: b.self.slice(0, 15), other: b.other.slice(0, 16) });
    expect(uneven.framings).toBe(1);
  });

  it('holds stiller than one framing when the same audio starts a fraction of a hop later', async () => {
    // The live meter frames the call from wherever its audio graph started; the analyzer from the
    // file's first sample. Over eight starts an eighth of a hop apart, the figure moves less with
    // two framings than with one.
    const self = talkInDriftingRoom(30, 3, 0.1);
    const other = talkInDriftingRoom(30, 4, 0.6);
    const spread = async (framings: 1 | 2) => {
      const totals: number[] = [];
      for (let k = 0; k < 8; k++) {
        const n = Math.round((k * halfHopDelay(RATE) * 2) / 8);
        const r = await analyzeCall(
          { samples: delayed(self, n), sampleRate: RATE },
          { samples: delayed(other, n), sampleRate: RATE },
          { framings },
        );
        totals.push(r.stats.selfTalkMs + r.stats.otherTalkMs);
      }
      return Math.max(...totals) - Math.min(...totals);
    };
    const one = await spread(1);
    const two = await spread(2);
    expect(one).toBeGreaterThan(0);
    expect(two).toBeLessThan(one);
  });
});
