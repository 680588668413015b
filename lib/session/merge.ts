import type { TalkStats } from '../schema';

/**
 * Adds the stats measured since a restart (`next`, starting at `offsetMs` into the session)
 * to what was saved before it (`base`). Used when a tab reloads mid-call: the engine starts
 * from zero, the session does not.
 */
export function mergeTalkStats(base: TalkStats, next: TalkStats, offsetMs: number): TalkStats {
  const selfTalkMs = base.selfTalkMs + next.selfTalkMs;
  const otherTalkMs = base.otherTalkMs + next.otherTalkMs;
  const durationMs = offsetMs + next.durationMs;
  const minutesBefore = Math.floor(offsetMs / 60_000);
  const timeline = new Map(base.metrics.timeline.map((m) => [m.minute, { ...m }]));
  for (const m of next.metrics.timeline) {
    // Minutes are realigned to the session's clock; a partial minute at the seam is summed.
    const minute = minutesBefore + m.minute;
    const prev = timeline.get(minute);
    timeline.set(
      minute,
      prev
        ? { minute, selfMs: prev.selfMs + m.selfMs, otherMs: prev.otherMs + m.otherMs, overlapMs: prev.overlapMs + m.overlapMs }
        : { ...m, minute },
    );
  }
  // Response gaps are averaged weighted by each part's length: the counts behind them are not kept.
  const weightedGap = (a: number | null, wa: number, b: number | null, wb: number): number | null => {
    if (a === null) return b;
    if (b === null) return a;
    return (a * wa + b * wb) / Math.max(1, wa + wb);
  };
  const durMinBase = Math.max(base.durationMs, 1) / 60_000;
  const durMinNext = Math.max(next.durationMs, 1) / 60_000;
  const switches = base.metrics.turnSwitchesPerMin * durMinBase + next.metrics.turnSwitchesPerMin * durMinNext;
  return {
    durationMs,
    selfTalkMs,
    otherTalkMs,
    overlapMs: base.overlapMs + next.overlapMs,
    silenceMs: Math.max(0, durationMs - selfTalkMs - otherTalkMs + base.overlapMs + next.overlapMs),
    selfShare: selfTalkMs + otherTalkMs > 0 ? selfTalkMs / (selfTalkMs + otherTalkMs) : null,
    metrics: {
      longestMonologueMs: {
        self: Math.max(base.metrics.longestMonologueMs.self, next.metrics.longestMonologueMs.self),
        other: Math.max(base.metrics.longestMonologueMs.other, next.metrics.longestMonologueMs.other),
      },
      turnSwitchesPerMin: durationMs > 0 ? switches / (durationMs / 60_000) : 0,
      meanResponseGapMs: {
        self: weightedGap(base.metrics.meanResponseGapMs.self, base.durationMs, next.metrics.meanResponseGapMs.self, next.durationMs),
        other: weightedGap(base.metrics.meanResponseGapMs.other, base.durationMs, next.metrics.meanResponseGapMs.other, next.durationMs),
      },
      interruptions: {
        self: base.metrics.interruptions.self + next.metrics.interruptions.self,
        other: base.metrics.interruptions.other + next.metrics.interruptions.other,
      },
      timeline: [...timeline.values()].sort((a, b) => a.minute - b.minute),
    },
  };
}
