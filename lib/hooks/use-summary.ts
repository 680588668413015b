import { liveQuery } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useSyncExternalStore } from 'react';
import { takeEarlyWeek, type EarlyWeek } from '../db/early-week';
import { afterNextPaint } from './after-next-paint';
import type { Settings } from '../schema';
import { loadWeekView } from '../summary/load';
import { computeWeekSummary, type WeekSummary } from '../summary/week';

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
/** Starts following this week live, once the early read's view is painted (useWeekView). */
let followLater: (() => void) | null = null;

/** The summary from the popup's early read (lib/db/early-week.ts). */
function earlyView(early: EarlyWeek): WeekViewResult {
  const summary = computeWeekSummary(early.data, early.week, early.now);
  performance.measure('rapport:summary-load', { start: early.startedAt, end: performance.now() });
  return { settings: early.settings, result: { ok: true, summary } };
}

/**
 * Starts reading this week's summary before React has rendered anything, so the popup's first
 * view waits for one of the two, not for both in a row: the early read the popup's first script
 * started, when there is one, else a read from here. It stays live (a Dexie liveQuery, started
 * once the early result is shown) for the page's lifetime and useWeekView(0) shows it. Call once
 * from the popup's entry point; the promise says whether the early read gave the summary.
 */
export function preloadThisWeek(): Promise<boolean> {
  if (thisWeek) return Promise.resolve(false);
  const store: LiveValue = { value: undefined, listeners: new Set() };
  thisWeek = store;
  const show = (value: WeekViewResult) => {
    store.value = value;
    store.listeners.forEach((notify) => notify());
  };
  let following = false;
  const follow = () => {
    if (following) return;
    following = true;
    liveQuery(() => readWeekView(0)).subscribe({ next: show });
  };
  const early = takeEarlyWeek();
  if (!early) {
    follow();
    return Promise.resolve(false);
  }
  return early.then((result) => {
    if (!result) {
      follow();
      return false;
    }
    // Following the data opens Dexie and reads again: after the early view is painted, not
    // before. Any change since the early read shows up in the live query's first result.
    followLater = follow;
    show(earlyView(result));
    return true;
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
  useEffect(() => (preloaded && followLater ? afterNextPaint(followLater) : undefined), [preloaded]);
  return usePreloaded ? preloaded : live;
}
