import { describe, expect, it } from 'vitest';
import { SNAPSHOT_KEY, clearSnapshot, saveSnapshot } from '../../lib/db/popup-snapshot';

/** A Storage that keeps items in a Map, or refuses every write (a full disk). */
function storage(full = false): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => {
      if (full) throw new DOMException('quota', 'QuotaExceededError');
      items.set(k, v);
    },
  };
}

describe('popup snapshot store', () => {
  it('saves a versioned snapshot and clears it', () => {
    const s = storage();
    saveSnapshot(s, { html: '<p>x</p>', savedAt: 1, validUntil: 2, staleLabel: 'Updating…' });
    expect(JSON.parse(s.getItem(SNAPSHOT_KEY)!)).toMatchObject({ v: 1, html: '<p>x</p>' });
    clearSnapshot(s);
    expect(s.getItem(SNAPSHOT_KEY)).toBeNull();
  });

  it('loses nothing else when the storage is full: the next opening has no snapshot', () => {
    const s = storage(true);
    expect(() => saveSnapshot(s, { html: 'x', savedAt: 1, validUntil: 2, staleLabel: '' })).not.toThrow();
    expect(s.getItem(SNAPSHOT_KEY)).toBeNull();
  });
});
