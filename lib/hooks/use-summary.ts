import { useEffect, useState, useSyncExternalStore } from 'react';
import { readThisWeekRaw } from '../summary/read';
import { failedView, type WeekViewResult } from '../summary/view';
import { computeWeekSummary } from '../summary/week';
import { afterNextPaint } from './after-next-paint';

/** Dexie and the live query: a chunk of its own, loaded once the first view is on screen. */
const loadLive = () => import('../summary/live');

/** This week's view, once preloadThisWeek() has started it. */
type Store = { value: WeekViewResult | undefined; listeners: Set<() => void> };
let thisWeek: Store | null = null;

/** Runs `fn` once the page is idle (within a second at most). */
const whenIdle = (fn: () => void) =>
  typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 1000 }) : setTimeout(fn, 50);

/**
 * Starts reading this week's summary before React has rendered anything, in raw IndexedDB
 * (lib/summary/read.ts), so the first view needs neither Dexie nor zod. Once that view is painted,
 * Dexie loads and a live query takes over for the page's lifetime: its first result also brings
 * in any change made since the raw read. With nothing to read raw (no database yet, an older one
 * to upgrade, any failure) the live query starts at once, and Dexie creates, upgrades or says
 * what is wrong. useWeekView(0) shows it. Call once, from the popup's entry point.
 */
export function preloadThisWeek(): void {
  if (thisWeek) return;
  const store: Store = { value: undefined, listeners: new Set() };
  thisWeek = store;
  const start = performance.now();
  let live = false;
  const show = (value: WeekViewResult, fromLive: boolean) => {
    // The live query's values are newer than the raw read's, whatever order they arrive in.
    if (live && !fromLive) return;
    live ||= fromLive;
    if (store.value === undefined) {
      // Reading and computing, without rendering: the summary benchmark reports it.
      performance.measure('rapport:summary-load', { start, end: performance.now() });
    }
    store.value = value;
    store.listeners.forEach((notify) => notify());
  };
  const follow = () => {
    loadLive()
      .then(({ watchWeekView }) => watchWeekView(0, (value) => show(value, true)))
      .catch((error: unknown) => show(failedView(error), true));
  };
  readThisWeekRaw(indexedDB, new Date())
    .then((raw) => {
      if (!raw) return follow();
      // Records the summary cannot be computed from throw here; the live path then says what is wrong.
      const summary = computeWeekSummary(raw.data, raw.week, raw.now);
      show({ settings: raw.settings, result: { ok: true, summary } }, false);
      // Loading Dexie (a 100 kB chunk) must not delay the frame that shows the view: wait until idle.
      afterNextPaint(() => whenIdle(follow));
    })
    .catch(() => follow());
}

const subscribeThisWeek = (notify: () => void) => {
  thisWeek?.listeners.add(notify);
  return () => void thisWeek?.listeners.delete(notify);
};
const thisWeekNow = () => thisWeek?.value;

/**
 * The summary of the week `offset` weeks from this one (0 this week, -1 last week) with the
 * settings it follows, live: recomputed whenever a table it read changes. Undefined while the
 * first week shown loads; moving to another week keeps the last one until the new one is read.
 */
export function useWeekView(offset: number): WeekViewResult | undefined {
  const preloaded = useSyncExternalStore(subscribeThisWeek, thisWeekNow);
  const usePreloaded = offset === 0 && thisWeek !== null;
  const [other, setOther] = useState<WeekViewResult>();
  useEffect(() => {
    if (usePreloaded) return;
    let stop: (() => void) | undefined;
    let stopped = false;
    loadLive()
      .then(({ watchWeekView }) => {
        if (!stopped) stop = watchWeekView(offset, setOther);
      })
      .catch((error: unknown) => setOther(failedView(error)));
    return () => {
      stopped = true;
      stop?.();
    };
  }, [offset, usePreloaded]);
  return usePreloaded ? preloaded : other;
}
