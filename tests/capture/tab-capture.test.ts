import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrames, encodeFrames } from '../../lib/capture/tab-capture-codec';
import { MAX_LAG_FRAMES, TabFramePairer } from '../../lib/capture/tab-capture-queue';
import { BackgroundToContentSchema, FRAME_BINS, MAX_FRAMES_PER_MESSAGE, OffscreenToBackgroundSchema } from '../../lib/messaging';

const frame = (v: number) => new Float32Array(FRAME_BINS).fill(v);
const silence = frame(-Infinity);

describe('tab-capture frame codec', () => {
  it('round-trips frame values exactly, including −Infinity for digital silence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.float({ noNaN: true, min: -200, max: 0 }), { minLength: 1 }),
        (count, seed) => {
          const values = new Float32Array(count * FRAME_BINS).map((_, i) => seed[i % seed.length]!);
          values[0] = -Infinity;
          expect(decodeFrames(encodeFrames(values), count)).toEqual(values);
        },
      ),
    );
  });

  it('rejects text that is not base64, the wrong length, or values no extractor makes', () => {
    const good = encodeFrames(frame(-40));
    expect(decodeFrames(good, 1)).not.toBeNull();
    expect(decodeFrames(good, 2)).toBeNull();
    expect(decodeFrames('%%% not base64 %%%', 1)).toBeNull();
    expect(decodeFrames(encodeFrames(frame(Number.NaN)), 1)).toBeNull();
    expect(decodeFrames(encodeFrames(frame(Infinity)), 1)).toBeNull();
  });

  it('a full batch fits the message schemas, and one frame more does not', () => {
    const other = encodeFrames(new Float32Array(MAX_FRAMES_PER_MESSAGE * FRAME_BINS));
    const msg = { type: 'bg:tab.frames', sessionId: 's1', startIndex: 0, count: MAX_FRAMES_PER_MESSAGE, other };
    expect(BackgroundToContentSchema.safeParse(msg).success).toBe(true);
    const tooBig = encodeFrames(new Float32Array((MAX_FRAMES_PER_MESSAGE + 1) * FRAME_BINS));
    expect(BackgroundToContentSchema.safeParse({ ...msg, other: tooBig }).success).toBe(false);
    expect(OffscreenToBackgroundSchema.safeParse({ ...msg, type: 'off:frames', tabId: 3 }).success).toBe(true);
    expect(OffscreenToBackgroundSchema.safeParse({ ...msg, type: 'off:frames', tabId: -1 }).success).toBe(false);
    expect(OffscreenToBackgroundSchema.safeParse({ ...msg, type: 'off:frames', tabId: 3, count: 0 }).success).toBe(false);
  });
});

describe('TabFramePairer', () => {
  it('pairs microphone and tab frames in arrival order, whichever comes first', () => {
    const p = new TabFramePairer(silence);
    expect(p.pushSelf([frame(1), frame(2)])).toEqual([]);
    const pairs = p.pushOther([frame(-1), frame(-2), frame(-3)]);
    expect(pairs.map((x) => [x.self[0], x.other[0]])).toEqual([
      [1, -1],
      [2, -2],
    ]);
    expect(p.waiting).toEqual({ self: 0, other: 1 });
    expect(p.pushSelf([frame(3)]).map((x) => [x.self[0], x.other[0]])).toEqual([[3, -3]]);
    expect(p.padded + p.dropped).toBe(0);
  });

  it('goes on with silence when tab frames stop, never holding the microphone back more than ≈ 0.5 s', () => {
    const p = new TabFramePairer(silence);
    const out = p.pushSelf(Array.from({ length: MAX_LAG_FRAMES + 10 }, (_, i) => frame(i)));
    expect(out).toHaveLength(10);
    expect(out.map((x) => x.self[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(out.every((x) => x.other === silence)).toBe(true);
    expect(p.waiting.self).toBe(MAX_LAG_FRAMES);
    expect(p.flush()).toHaveLength(MAX_LAG_FRAMES);
    expect(p.padded).toBe(MAX_LAG_FRAMES + 10);
  });

  it('drops the oldest tab frames when they run ahead by more than ≈ 0.5 s', () => {
    const p = new TabFramePairer(silence);
    p.pushOther(Array.from({ length: MAX_LAG_FRAMES + 5 }, (_, i) => frame(-i)));
    expect(p.dropped).toBe(5);
    const [first] = p.pushSelf([frame(1)]);
    expect(first!.other[0]).toBe(-5);
  });

  it('every microphone frame comes out exactly once, in order, whatever the batching', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ self: fc.boolean(), n: fc.integer({ min: 1, max: 30 }) }), { maxLength: 40 }), (steps) => {
        const p = new TabFramePairer(silence);
        let next = 0;
        const seen: number[] = [];
        for (const s of steps) {
          const frames = Array.from({ length: s.n }, () => frame(s.self ? next++ : -1));
          for (const pair of s.self ? p.pushSelf(frames) : p.pushOther(frames)) seen.push(pair.self[0]!);
          expect(p.waiting.self).toBeLessThanOrEqual(MAX_LAG_FRAMES);
          expect(p.waiting.other).toBeLessThanOrEqual(MAX_LAG_FRAMES);
        }
        for (const pair of p.flush()) seen.push(pair.self[0]!);
        expect(seen).toEqual(Array.from({ length: next }, (_, i) => i));
      }),
    );
  });
});
