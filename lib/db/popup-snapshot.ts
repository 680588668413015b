/**
 * Where the popup keeps its last full view (see lib/summary/snapshot.ts): in the extension's own
 * localStorage. Here, below lib/db's users, so that deleting all data can delete it too.
 */

/** localStorage key, read by public/popup-snapshot.js (keep the two in step). */
export const SNAPSHOT_KEY = 'rapport:popup-snapshot';

/** What is stored. `validUntil`: the end of the week shown; a snapshot of another week is never painted. */
export interface PopupSnapshot {
  v: 1;
  html: string;
  savedAt: number;
  validUntil: number;
  /** "Updating…" in the language of the view, shown above the stale view. */
  staleLabel: string;
}

export function saveSnapshot(storage: Storage, snapshot: Omit<PopupSnapshot, 'v'>): void {
  try {
    storage.setItem(SNAPSHOT_KEY, JSON.stringify({ v: 1, ...snapshot }));
  } catch {
    // Storage full or unavailable: the next opening simply has no snapshot.
  }
}

export function clearSnapshot(storage: Storage | undefined = globalThis.localStorage): void {
  try {
    storage?.removeItem(SNAPSHOT_KEY);
  } catch {
    // nothing to clear
  }
}
