import { describe, expect, it } from 'vitest';
import { CoverageMeter, LAG_LIMIT_MS, coverageComplete, mergeCoverage } from '../../lib/capture/coverage';
import { FRAME_MS } from '../../lib/talktime/features';

/** Feeds the meter batches of 8 frames as the worklet posts them, `keep` of every batch in real time reaching it. */
function simulate(seconds: number, opts: { keepEvery?: number; drop?: (i: number) => boolean; paused?: (i: number) => boolean } = {}) {
  const meter = new CoverageMeter();
  const batchMs = 8 * FRAME_MS;
  let heard = 0;
  const batches = Math.floor((seconds * 1000) / batchMs);
  for (let i = 0; i < batches; i++) {
    const now = 1_000_000 + (i + 1) * batchMs;
    // The page's audio thread fell behind: some batches were never rendered at all.
    if (opts.keepEvery && i % opts.keepEvery === 0) continue;
    meter.arrived(8, now);
    if (opts.paused?.(i)) meter.paused(8);
    else if (opts.drop?.(i)) meter.dropped(8);
    else {
      meter.heard(8);
      heard += 8;
    }
  }
  return { meter, heard, end: 1_000_000 + batches * batchMs };
}

describe('CoverageMeter', () => {
  it('calls a call heard in full complete, with the engine a little behind', () => {
    const { meter, heard, end } = simulate(60);
    const c = meter.report(end, heard - 56); // the engine decides ≈ 1.3 s behind
    expect(c.heardMs).toBeGreaterThan(0.99 * c.wallMs);
    expect(c.lagMs).toBeCloseTo(56 * FRAME_MS, -1);
    expect(c.droppedMs).toBe(0);
    expect(coverageComplete(c)).toBe(true);
  });

  it('sees audio the page never rendered (a busy audio thread) as wall time without frames', () => {
    const { meter, heard, end } = simulate(60, { keepEvery: 4 }); // a quarter of the batches lost
    const c = meter.report(end, heard);
    expect(c.heardMs / c.wallMs).toBeGreaterThan(0.7);
    expect(c.heardMs / c.wallMs).toBeLessThan(0.8);
    expect(coverageComplete(c)).toBe(false);
  });

  it('counts frames dropped on the way apart from those heard', () => {
    const { meter, heard, end } = simulate(30, { drop: (i) => i % 5 === 0 });
    const c = meter.report(end, heard);
    expect(c.droppedMs).toBeGreaterThan(0.18 * c.wallMs);
    expect(coverageComplete(c)).toBe(false);
  });

  it('does not count paused time as missing', () => {
    const { meter, heard, end } = simulate(60, { paused: (i) => i > 100 && i < 250 });
    const c = meter.report(end, heard);
    expect(c.heardMs).toBeGreaterThan(0.99 * c.wallMs);
    expect(coverageComplete(c)).toBe(true);
  });

  it('does not judge the first seconds, when the capture is still starting', () => {
    const { meter, end } = simulate(5, { keepEvery: 2 });
    expect(coverageComplete(meter.report(end, 0))).toBe(true);
  });

  it('calls an engine far behind the audio incomplete', () => {
    const { meter, heard, end } = simulate(60);
    const c = meter.report(end, heard - Math.ceil((LAG_LIMIT_MS + 1000) / FRAME_MS));
    expect(c.lagMs).toBeGreaterThan(LAG_LIMIT_MS);
    expect(coverageComplete(c)).toBe(false);
  });

  it('reports nothing before the first frame', () => {
    expect(new CoverageMeter().report(5000, 0)).toEqual({ wallMs: 0, heardMs: 0, droppedMs: 0, lagMs: 0 });
  });
});

describe('mergeCoverage', () => {
  it('adds a reloaded page’s coverage to what was saved before, keeping the newest lag', () => {
    const a = { wallMs: 60_000, heardMs: 59_000, droppedMs: 0, lagMs: 1300 };
    const b = { wallMs: 30_000, heardMs: 20_000, droppedMs: 500, lagMs: 900 };
    expect(mergeCoverage(a, b)).toEqual({ wallMs: 90_000, heardMs: 79_000, droppedMs: 500, lagMs: 900 });
    expect(mergeCoverage(undefined, b)).toBe(b);
    expect(mergeCoverage(a, undefined)).toBe(a);
  });
});
