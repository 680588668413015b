import { z } from 'zod';
import { DurationMsSchema } from './common';

const PerParty = <T extends z.ZodType>(t: T) => z.object({ self: t, other: t });

/** One minute of the per-minute timeline. */
export const TimelineMinuteSchema = z.object({
  /** Minute index from the start of the analysed audio. */
  minute: z.number().int().nonnegative(),
  selfMs: DurationMsSchema,
  otherMs: DurationMsSchema,
  overlapMs: DurationMsSchema,
});

/** Conversation metrics beyond the totals. Names match the offline analyzer's JSON. */
export const TalkMetricsSchema = z.object({
  /** Longest uninterrupted turn of each party. */
  longestMonologueMs: PerParty(DurationMsSchema),
  /** Changes of speaker per minute of audio. */
  turnSwitchesPerMin: z.number().finite().nonnegative(),
  /** Mean pause before a party answers the other; null when that party never answered. */
  meanResponseGapMs: PerParty(DurationMsSchema.nullable()),
  /** Times a party started talking while the other was mid-turn. */
  interruptions: PerParty(z.number().int().nonnegative()),
  timeline: z.array(TimelineMinuteSchema).max(24 * 60),
});
export type TalkMetrics = z.infer<typeof TalkMetricsSchema>;

/**
 * How much of a live call's audio the engine heard, against the wall clock. Measured in the call
 * tab; absent for the offline analyzer and for sessions recorded before it existed.
 */
export const CaptureCoverageSchema = z.object({
  /** Wall-clock time the capture ran, paused time excluded. */
  wallMs: DurationMsSchema,
  /** Audio that reached the engine. Less than wallMs when the page's audio thread fell behind or frames were dropped. */
  heardMs: DurationMsSchema,
  /** Audio dropped on the way (rate limit, replays). */
  droppedMs: DurationMsSchema,
  /** Audio given to the engine and not yet decided, at the time of this figure. */
  lagMs: DurationMsSchema,
});
export type CaptureCoverage = z.infer<typeof CaptureCoverageSchema>;

/**
 * Talk-time totals of a session, the only thing derived from audio that Rapport keeps.
 * Timings only: nothing here can reconstruct what was said.
 */
export const TalkStatsSchema = z.object({
  /** Length of the analysed audio. */
  durationMs: DurationMsSchema,
  selfTalkMs: DurationMsSchema,
  otherTalkMs: DurationMsSchema,
  /** Both talking at once. */
  overlapMs: DurationMsSchema,
  /** Neither talking. */
  silenceMs: DurationMsSchema,
  /** self / (self + other), 0..1; null before anyone has talked. */
  selfShare: z.number().min(0).max(1).nullable(),
  metrics: TalkMetricsSchema,
  /** How much of the call the live figure is built on (live sessions only). */
  capture: CaptureCoverageSchema.optional(),
});
export type TalkStats = z.infer<typeof TalkStatsSchema>;

export function emptyTalkStats(): TalkStats {
  return {
    durationMs: 0,
    selfTalkMs: 0,
    otherTalkMs: 0,
    overlapMs: 0,
    silenceMs: 0,
    selfShare: null,
    metrics: {
      longestMonologueMs: { self: 0, other: 0 },
      turnSwitchesPerMin: 0,
      meanResponseGapMs: { self: null, other: null },
      interruptions: { self: 0, other: 0 },
      timeline: [],
    },
  };
}
