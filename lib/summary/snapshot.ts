/**
 * The popup's last full view, kept so the next opening can paint it at once (issue 20) while the
 * database is read: `public/popup-snapshot.js` paints it before React loads, inert and marked as
 * not yet up to date, and the popup replaces it as soon as its own first view is ready. It holds
 * what the popup showed (names and figures of this week), in the extension's own localStorage,
 * which no web page can read; deleting all data deletes it too.
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

/** Takes the painted snapshot away once the popup's own view is on screen. */
export function removePaintedSnapshot(doc: Document): void {
  doc.getElementById('snapshot')?.replaceChildren();
}
