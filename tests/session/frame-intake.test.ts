import { describe, expect, it } from 'vitest';
import { ChannelMonitor, SILENT_AFTER_MS } from '../../lib/capture/health';
import { encodeFrames } from '../../lib/capture/tab-capture-codec';
import { FRAME_BANDS, FRAME_BINS } from '../../lib/messaging/frames';
import { FRAME_BUCKET, FrameIntake, type TapLevels } from '../../lib/session/frame-intake';
import type { Frame, FrameBlock } from '../../lib/talktime/features';

/** `count` frames whose every value is `db`. */
const frames = (count: number, db: number) => new Float32Array(count * FRAME_BINS).fill(db);

/** What the sink got, as frames (a block unpacked, its rows as views). */
const unpack = (x: readonly Frame[] | FrameBlock): Frame[] =>
  Array.isArray(x)
    ? [...(x as readonly Frame[])]
    : Array.from({ length: (x as FrameBlock).count }, (_, k) => {
        const b = x as FrameBlock;
        return {
          index: b.first + k,
          db: b.db.subarray(k * FRAME_BINS, (k + 1) * FRAME_BINS),
          level: b.level[k]!,
          bands: b.bands.subarray(k * FRAME_BANDS, (k + 1) * FRAME_BANDS),
        };
      });

/** The levels a tap sends with `count` frames: the microphone's −20 − frame, the other party's −50 − frame; bands `band` and `band` − 10. */
const tapLevels = (count: number, band = -30): TapLevels => ({
  levels: Float64Array.from({ length: 2 * count }, (_, k) => (k < count ? -20 - k : -50 - (k - count))),
  bands: Float32Array.from({ length: 2 * count * FRAME_BANDS }, (_, k) => (k < count * FRAME_BANDS ? band : band - 10)),
});

function intake(options: { paused?: boolean } = {}) {
  let t = 1_000_000;
  const out: { self: Frame[]; other: Frame[] } = { self: [], other: [] };
  const monitors = { self: new ChannelMonitor(), other: new ChannelMonitor() };
  const i = new FrameIntake(
    (self, other) => {
      out.self.push(...unpack(self));
      out.other.push(...unpack(other));
    },
    monitors,
    { ...options, now: () => t },
  );
  return { i, out, monitors, advance: (ms: number) => (t += ms), now: () => t };
}

describe('FrameIntake (one live session’s frames, issue 19)', () => {
  it('hands both channels to the engine aligned, with consecutive indexes across batches', () => {
    const { i, out } = intake();
    i.tapFrames(0, 3, frames(3, -40), frames(3, -60));
    i.tapFrames(3, 2, frames(2, -41), frames(2, -61));
    expect(out.self.map((f) => f.index)).toEqual([0, 1, 2, 3, 4]);
    expect(out.other.map((f) => f.index)).toEqual([0, 1, 2, 3, 4]);
    expect(out.self[4]!.db[0]).toBe(-41);
    expect(out.other[0]!.db[FRAME_BINS - 1]).toBe(-60);
    expect(out.self[0]!.db).toHaveLength(FRAME_BINS);
  });

  it('passes the levels a tap sent on with its rows, without copying them, and keeps the indexes running', () => {
    const { i, out, monitors, now } = intake();
    const blocks: FrameBlock[] = [];
    const self = frames(3, -40);
    const levels = tapLevels(3);
    const j = new FrameIntake((s) => blocks.push(s as FrameBlock), monitors, { now });
    j.tapFrames(0, 3, self, frames(3, -60), levels);
    expect(blocks[0]!.db).toBe(self);
    expect(blocks[0]!.level.buffer).toBe(levels.levels.buffer);
    i.tapFrames(0, 2, frames(2, -40), frames(2, -60)); // an older tap: rows only
    i.tapFrames(2, 3, frames(3, -41), frames(3, -61), levels);
    expect(out.self.map((f) => f.index)).toEqual([0, 1, 2, 3, 4]);
    expect(out.other.map((f) => f.index)).toEqual([0, 1, 2, 3, 4]);
    expect(out.self[0]!.level).toBeUndefined();
    expect(out.self[3]).toMatchObject({ level: -21 });
    expect(out.other[4]).toMatchObject({ level: -52 });
    expect(Array.from(out.other[4]!.bands!)).toEqual(new Array(FRAME_BANDS).fill(-40));
    expect(out.self[4]!.db[0]).toBe(-41);
  });

  it('drops a replayed or forged batch and counts it as dropped, not heard', () => {
    const { i, out, advance, now } = intake();
    i.tapFrames(0, 4, frames(4, -40), frames(4, -40));
    i.tapFrames(2, 4, frames(4, -40), frames(4, -40)); // starts before the next expected index
    expect(out.self).toHaveLength(4);
    advance(1000);
    const c = i.coverage.report(now(), 0);
    expect(c.heardMs).toBeGreaterThan(0);
    expect(c.droppedMs).toBeCloseTo(c.heardMs, 0);
  });

  it('refuses a page flooding frames faster than real time (token bucket)', () => {
    const { i, out, advance } = intake();
    let index = 0;
    for (let k = 0; k < 20; k++) {
      i.tapFrames(index, 64, frames(64, -40), frames(64, -40));
      index += 64;
    }
    expect(out.self.length).toBeLessThanOrEqual(FRAME_BUCKET.capacity);
    const before = out.self.length;
    advance(1000);
    i.tapFrames(index, 64, frames(64, -40), frames(64, -40));
    expect(out.self.length).toBe(before + 64); // the bucket refilled with time
  });

  it('while paused counts frames as paused and measures nothing', () => {
    const { i, out, advance, now } = intake({ paused: true });
    i.tapFrames(0, 10, frames(10, -40), frames(10, -40));
    expect(out.self).toHaveLength(0);
    advance(500);
    expect(i.coverage.report(now(), 0).heardMs).toBe(0);
    i.paused = false;
    i.tapFrames(10, 10, frames(10, -40), frames(10, -40));
    expect(out.self).toHaveLength(10);
  });

  it('feeds the channel monitors, so the side panel can say which channel is silent', () => {
    const { i, monitors, now, advance } = intake();
    i.tapFrames(0, 5, frames(5, -30), frames(5, -Infinity));
    advance(SILENT_AFTER_MS + 1000);
    i.tapFrames(5, 5, frames(5, -30), frames(5, -Infinity));
    expect(monitors.self.health(now(), { available: true }).state).toBe('listening');
    expect(monitors.other.health(now(), { available: true }).state).toBe('silent');
  });

  it('while tab capture listens, the other party comes from the tab and the tap’s remote channel is ignored', () => {
    const { i, out } = intake();
    i.tabState('listening', null);
    expect(i.tabCapture).toEqual({ state: 'listening', error: null });
    i.tapFrames(0, 2, frames(2, -40), frames(2, -99)); // the tap's remote channel: ignored
    i.tabFrames(0, 2, encodeFrames(frames(2, -20)));
    expect(out.self).toHaveLength(2);
    expect(out.other.map((f) => f.db[0])).toEqual([-20, -20]);
    // A replayed tab batch is dropped.
    i.tabFrames(1, 1, encodeFrames(frames(1, -20)));
    i.tapFrames(2, 1, frames(1, -40), frames(1, -99));
    expect(out.self).toHaveLength(2); // waits for the tab's frame to pair with
  });

  it('tab frames arriving with no state mean the capture listens (page reloaded mid-capture), but not after it stopped', () => {
    const a = intake();
    a.i.tabFrames(0, 1, encodeFrames(frames(1, -20)));
    expect(a.i.tabCapture.state).toBe('listening');
    const b = intake();
    b.i.tabState('listening', null);
    b.i.tabState('failed', 'capture ended');
    expect(b.i.tabCapture).toEqual({ state: 'failed', error: 'capture ended' });
    b.i.tabFrames(5, 1, encodeFrames(frames(1, -20)));
    expect(b.i.tabCapture.state).toBe('failed');
    expect(b.out.other).toHaveLength(0);
  });

  it('drops a tab batch that is not what it says (corrupt base64)', () => {
    const { i, out } = intake();
    i.tabState('listening', null);
    i.tabFrames(0, 2, encodeFrames(frames(1, -20)));
    i.tapFrames(0, 1, frames(1, -40), frames(1, -40));
    expect(out.other).toHaveLength(0);
  });
});
