import type { Settings } from '../schema';
import type { WeekSummary } from './week';

/** The summary, or why it could not be read. */
export type WeekSummaryResult = { ok: true; summary: WeekSummary } | { ok: false; error: string };

/** A week's summary result and the settings it was read with (null when even they could not be read). */
export type WeekViewResult = { settings: Settings | null; result: WeekSummaryResult };

/** The view of a week that could not be read: the popup shows why. */
export function failedView(error: unknown): WeekViewResult {
  return { settings: null, result: { ok: false, error: error instanceof Error ? error.message : String(error) } };
}
