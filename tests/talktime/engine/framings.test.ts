import { describe, expect, it } from 'vitest';
import { emptyTalkStats } from '../../../lib/schema/talk';
import { FRAMINGS, Framings, TalkTimeEngine, meanStats } from '../../../lib/talktime/engine';
import {
  FEATURE_SAMPLE_RATE,
  FRAME_HOP,
  FrameExtractor,
  FramingExtractors,
  type Frame,
  frameBlock,
  framingLag,
} from '../../../lib/talktime/features';
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

describe('framings a fraction of a hop apart (issue 16)', () => {
  it('puts framing k of n k/n of a hop after the first, in whole samples of the working rate', () => {
    expect(framingLag(false, 1, 2)).toBe(FRAME_HOP / 2);
    expect(framingLag(true, 1, 2)).toBe(FRAME_HOP / 4);
    expect([1, 2, 3].map((k) => framingLag(false, k, 4))).toEqual([256, 512, 768]);
    expect(framingLag(false, 0, 4)).toBe(0);
    expect(framingLag(false, 1, 3)).toBe(341);
    for (const [k, of] of [
      [4, 4],
      [-1, 4],
      [1, 0],
      [0.5, 2],
    ] as const)
      expect(() => framingLag(false, k, of)).toThrow(RangeError);
    // At the working rate itself, framing k is framing 0 of the same audio with that many zeros before it.
    const x = talkInDriftingRoom(3, 5, 0.1);
    const at441 = new Float32Array(Math.floor((x.length * FEATURE_SAMPLE_RATE) / RATE));
    for (let i = 0; i < at441.length; i++) at441[i] = x[Math.floor((i * RATE) / FEATURE_SAMPLE_RATE)]!;
    const later = new FrameExtractor(FEATURE_SAMPLE_RATE, { halfRate: false, framing: { k: 3, of: 4 } }).push(at441);
    const zeros = new FrameExtractor(FEATURE_SAMPLE_RATE, { halfRate: false }).push(delayed(at441, 768));
    expect(later.length).toBe(zeros.length);
    for (const [i, f] of later.entries()) expect(Array.from(f.db)).toEqual(Array.from(zeros[i]!.db));
  });

  it('frames every framing of an input on one resampling, bit for bit as an extractor of each framing alone', () => {
    for (const rate of [48000, RATE, 8000]) {
      const x = talkInDriftingRoom(4, 6, 0.3);
      const n = FRAMINGS;
      const shared = new FramingExtractors(rate, n);
      const blocks = Array.from({ length: n }, () => frameBlock(8));
      // Pushes of uneven sizes: any chunking gives the same frames.
      for (let i = 0, step = 100; i < x.length; i += step, step = (step * 7) % 997 || 128) shared.pushInto(x.subarray(i, i + step), blocks);
      expect(() => shared.pushInto(x.subarray(0, 10), blocks.slice(1))).toThrow(RangeError);
      for (let k = 0; k < n; k++) {
        const alone = new FrameExtractor(rate, { framing: { k, of: n } }).push(x);
        expect(blocks[k]!.count).toBe(alone.length);
        for (const [i, f] of alone.entries()) {
          expect(Array.from(blocks[k]!.db.subarray(i * f.db.length, (i + 1) * f.db.length))).toEqual(Array.from(f.db));
          expect(blocks[k]!.level[i]).toBe(f.level);
        }
      }
    }
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
    const m = meanStats(a, [b]);
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
    expect(meanStats(emptyTalkStats(), [emptyTalkStats()]).selfShare).toBeNull();
    // Several: each total is the mean of all; a minute the mean of those that have it.
    const c = emptyTalkStats();
    Object.assign(c, { selfTalkMs: 22000, otherTalkMs: 28000, overlapMs: 3000, silenceMs: 10000 });
    c.metrics.timeline = [{ minute: 1, selfMs: 40, otherMs: 0, overlapMs: 0 }];
    const three = meanStats(a, [b, c]);
    expect(three).toMatchObject({ selfTalkMs: 21000, otherTalkMs: 29000, overlapMs: 2000, silenceMs: 11000 });
    expect(three.metrics.timeline).toEqual([
      { minute: 0, selfMs: 20500, otherMs: 29500, overlapMs: 1500 },
      { minute: 1, selfMs: 25, otherMs: 0, overlapMs: 0 },
    ]);
    expect(meanStats(a, [])).toBe(a);
  });

  it('feeds each framing its own engine; drops the later ones when their frames stop coming, and goes on with the first', async () => {
    const self = talkInDriftingRoom(12, 1, 0.2);
    const other = talkInDriftingRoom(12, 2, 0.9);
    const frames = (x: Float32Array, k: number) => new FrameExtractor(RATE, { framing: { k, of: FRAMINGS } }).push(x);
    const framed = Array.from({ length: FRAMINGS }, (_, k) => ({ self: frames(self, k), other: frames(other, k) }));
    const [a, ...later] = framed as [(typeof framed)[0], ...typeof framed];
    const n = Math.min(...framed.flatMap((f) => [f.self.length, f.other.length]));
    const feed = async (f: Framings, upTo: number, withLater: (from: number) => boolean) => {
      for (let i = 0; i < upTo; i += 16) {
        const end = Math.min(upTo, i + 16);
        const cut = (x: Frame[]) => x.slice(i, end);
        await f.process(
          cut(a.self),
          cut(a.other),
          withLater(i) ? later.map((l) => ({ self: cut(l.self), other: cut(l.other) })) : undefined,
        );
      }
      await f.finish();
    };
    const engines = () => Array.from({ length: FRAMINGS }, () => new TalkTimeEngine());

    const [first, ...rest] = engines();
    const all = new Framings(first!, rest);
    await feed(all, n, () => true);
    expect(all.framings).toBe(FRAMINGS);
    const solo = engines();
    for (const [k, e] of solo.entries()) {
      await e.process(framed[k]!.self.slice(0, n), framed[k]!.other.slice(0, n));
      await e.finish();
    }
    const [soloA, ...soloLater] = solo as [TalkTimeEngine, ...TalkTimeEngine[]];
    expect(first!.snapshot().selfTalkMs).toBeGreaterThan(2000);
    expect(all.snapshot()).toEqual(
      meanStats(
        soloA.snapshot(),
        soloLater.map((e) => e.snapshot()),
      ),
    );
    expect(all.segments()).toEqual(soloA.segments());
    const recent = solo.map((e) => e.recent(60_000).selfMs);
    expect(all.recent(60_000).selfMs).toBeCloseTo(recent.reduce((x, y) => x + y, 0) / FRAMINGS, 6);

    // A batch without the later framings (tab capture took over the other party): the first goes on alone.
    const [f2, ...r2] = engines();
    const dropped = new Framings(f2!, r2);
    await feed(dropped, n, (i) => i < 160);
    expect(dropped.framings).toBe(1);
    expect(dropped.snapshot()).toEqual(soloA.snapshot());
    // A later framing whose batch holds other frames than the first's counts as missing too, and so does a batch short of one framing.
    const [f3, ...r3] = engines();
    const uneven = new Framings(f3!, r3);
    const cut16 = (l: (typeof framed)[0], s = 16) => ({ self: l.self.slice(0, s), other: l.other.slice(0, 16) });
    await uneven.process(a.self.slice(0, 16), a.other.slice(0, 16), [cut16(later[0]!, 15), ...later.slice(1).map((l) => cut16(l))]);
    expect(uneven.framings).toBe(1);
    const [f4, ...r4] = engines();
    const short = new Framings(f4!, r4);
    await short.process(
      a.self.slice(0, 16),
      a.other.slice(0, 16),
      later.slice(1).map((l) => cut16(l)),
    );
    expect(short.framings).toBe(1);
  });

  it('holds stiller than one framing when the same audio starts a fraction of a hop later, and stiller with more', async () => {
    // The live meter frames the call from wherever its audio graph started; the analyzer from the
    // file's first sample. Over eight starts an eighth of a hop apart, the figure moves less with
    // two framings than with one, and less with four than with two.
    const self = talkInDriftingRoom(30, 3, 0.1);
    const other = talkInDriftingRoom(30, 4, 0.6);
    const spread = async (framings: number) => {
      const totals: number[] = [];
      for (let k = 0; k < 8; k++) {
        const n = Math.round((((k * FRAME_HOP) / 8) * RATE) / FEATURE_SAMPLE_RATE);
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
    const four = await spread(4);
    expect(one).toBeGreaterThan(0);
    expect(two).toBeLessThan(one);
    // 882, 476 and 151 ms here.
    expect(four).toBeLessThan(two);
  });
});
