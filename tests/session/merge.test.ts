import { describe, expect, it } from 'vitest';
import { emptyTalkStats, type TalkStats } from '../../lib/schema';
import { mergeTalkStats } from '../../lib/session/merge';

function stats(over: Partial<TalkStats> & { metrics?: Partial<TalkStats['metrics']> }): TalkStats {
  const empty = emptyTalkStats();
  return { ...empty, ...over, metrics: { ...empty.metrics, ...over.metrics } };
}

describe('a tab reloaded mid-call: the talk before and after the reload is one session', () => {
  const base = stats({
    durationMs: 120_000,
    selfTalkMs: 30_000,
    otherTalkMs: 60_000,
    overlapMs: 2_000,
    metrics: {
      longestMonologueMs: { self: 20_000, other: 40_000 },
      turnSwitchesPerMin: 4,
      meanResponseGapMs: { self: 600, other: null },
      interruptions: { self: 1, other: 2 },
      timeline: [
        { minute: 0, selfMs: 10_000, otherMs: 40_000, overlapMs: 1_000 },
        { minute: 1, selfMs: 20_000, otherMs: 20_000, overlapMs: 1_000 },
      ],
    },
  });
  // Measured from 150 s into the session: its minute 0 is the session's minute 2, which the base already has.
  const next = stats({
    durationMs: 60_000,
    selfTalkMs: 30_000,
    otherTalkMs: 10_000,
    metrics: {
      longestMonologueMs: { self: 25_000, other: 5_000 },
      turnSwitchesPerMin: 1,
      meanResponseGapMs: { self: 900, other: 300 },
      interruptions: { self: 0, other: 1 },
      timeline: [{ minute: 0, selfMs: 30_000, otherMs: 10_000, overlapMs: 0 }],
    },
  });
  const merged = mergeTalkStats(base, next, 150_000);

  it('adds the talk and realigns the minutes to the session’s clock', () => {
    expect(merged).toMatchObject({ durationMs: 210_000, selfTalkMs: 60_000, otherTalkMs: 70_000, overlapMs: 2_000 });
    expect(merged.selfShare).toBeCloseTo(60 / 130);
    expect(merged.metrics.timeline.map((m) => m.minute)).toEqual([0, 1, 2]);
    expect(merged.metrics.timeline[2]).toEqual({ minute: 2, selfMs: 30_000, otherMs: 10_000, overlapMs: 0 });
  });

  it('keeps the longest monologue, sums interruptions, weighs rates and gaps by each part’s length', () => {
    expect(merged.metrics.longestMonologueMs).toEqual({ self: 25_000, other: 40_000 });
    expect(merged.metrics.interruptions).toEqual({ self: 1, other: 3 });
    expect(merged.metrics.turnSwitchesPerMin).toBeCloseTo((4 * 2 + 1 * 1) / 3.5);
    expect(merged.metrics.meanResponseGapMs.self).toBeCloseTo((600 * 120_000 + 900 * 60_000) / 180_000);
    // A gap measured on one side only is that side's.
    expect(merged.metrics.meanResponseGapMs.other).toBe(300);
  });

  it('a partial minute at the seam is summed, not replaced', () => {
    const seam = mergeTalkStats(base, next, 90_000);
    expect(seam.metrics.timeline.find((m) => m.minute === 1)).toEqual({ minute: 1, selfMs: 50_000, otherMs: 30_000, overlapMs: 1_000 });
  });
});
