/**
 * The popup's last full view, kept so the next opening can paint it at once while the
 * database is read: `public/popup-snapshot.js` paints it before React loads, inert and marked as
 * not yet up to date, and the popup replaces it as soon as its own first view is ready. It holds
 * what the popup showed (names and figures of this week), in the extension's own localStorage,
 * which no web page can read; deleting all data deletes it too.
 */

export { SNAPSHOT_KEY, clearSnapshot, saveSnapshot, type PopupSnapshot } from '../db/popup-snapshot';

/** Takes the painted snapshot away once the popup's own view is on screen. */
export function removePaintedSnapshot(doc: Document): void {
  doc.getElementById('snapshot')?.replaceChildren();
}
