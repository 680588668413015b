import { liveQuery } from 'dexie';
import { loadWeekView } from './load';
import { failedView, type WeekViewResult } from './view';

/**
 * The popup's Dexie side, loaded only after its first view is painted (lib/hooks/use-summary.ts):
 * a week's view kept live, recomputed whenever a table it read changes (an action ticked in the
 * popup, a note saved elsewhere, the week start or language changed).
 */

export { loadWeekView };

async function readWeekView(offset: number): Promise<WeekViewResult> {
  try {
    const { settings, summary } = await loadWeekView(offset, new Date());
    return { settings, result: { ok: true, summary } };
  } catch (error: unknown) {
    // A database that cannot open (IndexedDB disabled, disk full, a newer version elsewhere) says why.
    return failedView(error);
  }
}

/** Follows the view of the week `offset` weeks from this one; `next` gets every new value. Returns a stop. */
export function watchWeekView(offset: number, next: (view: WeekViewResult) => void): () => void {
  const subscription = liveQuery(() => readWeekView(offset)).subscribe({ next, error: (error: unknown) => next(failedView(error)) });
  return () => subscription.unsubscribe();
}
