import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { shiftWeek, weekOf, type WeekSummary } from '../summary/week';
import { loadWeekSummary } from '../summary/load';
import { useSettings } from './use-settings';

/** The summary, or why it could not be read. */
export type WeekSummaryResult = { ok: true; summary: WeekSummary } | { ok: false; error: string };

/**
 * The summary of the week `offset` weeks from this one (0 this week, -1 last week), live: it is
 * recomputed whenever a table it read changes (an action ticked here, a note saved elsewhere).
 * Undefined while loading.
 */
export function useWeekSummary(offset: number): WeekSummaryResult | undefined {
  const { weekStartsOn } = useSettings();
  const week = useMemo(() => shiftWeek(weekOf(new Date(), weekStartsOn), offset, weekStartsOn), [offset, weekStartsOn]);
  return useLiveQuery(() => {
    const start = performance.now();
    return loadWeekSummary(week, new Date()).then(
      (summary): WeekSummaryResult => {
        // Reading and computing, without rendering: the summary benchmark reports it.
        performance.measure('rapport:summary-load', { start, end: performance.now() });
        return { ok: true, summary };
      },
      (error: unknown): WeekSummaryResult => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  }, [week]);
}
