import { liveQuery } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useSyncExternalStore } from 'react';
import type { Settings } from '../schema';
import { loadWeekView } from '../summary/load';
import type { WeekSummary } from '../summary/week';

/** The summary, or why it could not be read. */
export type WeekSummaryResult = { ok: true; summary: WeekSummary } | { ok: false; error: string };

/** A week's summary result and the settings it was read with (null when even they could not be read). */
export type WeekViewResult = { settings: Settings | null; result: WeekSummaryResult };

async function readWeekView(offset: number): Promise<WeekViewResult> {
  const start = performance.now();
  try {
    const { settings, summary } = await loadWeekView(offset, new Date());
    // Reading and computing, without rendering: the summary benchmark reports it.
    performance.measure('rapport:summary-load', { start, end: performance.now() });
    return { settings, result: { ok: true, summary } };
  } catch (error: unknown) {
    return { settings: null, result: { ok: false, error: error instanceof Error ? error.message : String(error) } };
  }
}

/** This week's view, live, once preloadThisWeek() has started it. */
type LiveValue = { value: WeekViewResult | undefined; listeners: Set<() => void> };
let thisWeek: LiveValue | null = null;

/**
 * Starts reading this week's summary before React has rendered anything, so the popup's first
 * view waits for one of the two, not for both in a row. It stays live (a Dexie liveQuery) for
 * the page's lifetime and useWeekView(0) shows it. Call once from the popup's entry point.
 */
export function preloadThisWeek(): void {
  if (thisWeek) return;
  const store: LiveValue = { value: undefined, listeners: new Set() };
  thisWeek = store;
  liveQuery(() => readWeekView(0)).subscribe({
    next: (value) => {
      store.value = value;
      store.listeners.forEach((notify) => notify());
    },
  });
}

const subscribeThisWeek = (notify: () => void) => {
  thisWeek?.listeners.add(notify);
  return () => void thisWeek?.listeners.delete(notify);
};
const thisWeekNow = () => thisWeek?.value;

/**
 * The summary of the week `offset` weeks from this one (0 this week, -1 last week) with the
 * settings it follows, live: recomputed whenever a table it read changes (an action ticked here,
 * a note saved elsewhere, the week start or language changed). Undefined while loading.
 */
export function useWeekView(offset: number): WeekViewResult | undefined {
  const preloaded = useSyncExternalStore(subscribeThisWeek, thisWeekNow);
  const usePreloaded = offset === 0 && thisWeek !== null;
  const live = useLiveQuery(() => (usePreloaded ? undefined : readWeekView(offset)), [offset, usePreloaded]);
  return usePreloaded ? preloaded : live;
}
