// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { deleteAll } from '../../lib/db/data';
import { SNAPSHOT_KEY, clearSnapshot, removePaintedSnapshot, saveSnapshot } from '../../lib/summary/snapshot';

/** public/popup-snapshot.js, run as popup.html runs it: a classic script while the page is parsed. */
const script = readFileSync(join(import.meta.dirname, '../../public/popup-snapshot.js'), 'utf8');
const runScript = () => new Function(script)();

const view = '<main class="popup" aria-busy="false"><h1>This week</h1><p>2 sessions</p></main>';

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = '<div id="snapshot" aria-busy="true"></div><div id="root"></div>';
});

describe('popup snapshot (issue 20)', () => {
  it('paints the last view at once: inert, hidden from assistive technology, under an "updating" line', () => {
    saveSnapshot(localStorage, { html: view, savedAt: Date.now() - 1000, validUntil: Date.now() + 60_000, staleLabel: 'Updating…' });
    runScript();
    const el = document.getElementById('snapshot')!;
    expect(el.querySelector('.snapshot-note')?.textContent).toBe('Updating…');
    expect(el.querySelector('.snapshot-note')?.getAttribute('role')).toBe('status');
    expect(el.querySelector('.snapshot-view')?.getAttribute('aria-hidden')).toBe('true');
    expect(el.querySelector('.snapshot-view h1')?.textContent).toBe('This week');
    expect((el as HTMLElement & { inert: boolean }).inert).toBe(true);
    removePaintedSnapshot(document);
    expect(el.childNodes).toHaveLength(0);
  });

  it('never paints a snapshot of another week, from the future, or of another format', () => {
    const now = Date.now();
    for (const s of [
      { html: view, savedAt: now - 1000, validUntil: now - 1, staleLabel: 'x' }, // the week it showed is over
      { html: view, savedAt: now + 60_000, validUntil: now + 120_000, staleLabel: 'x' }, // clock moved back
    ]) {
      saveSnapshot(localStorage, s);
      runScript();
      expect(document.getElementById('snapshot')!.childNodes).toHaveLength(0);
    }
    localStorage.setItem(SNAPSHOT_KEY, JSON.stringify({ v: 2, html: view, savedAt: now, validUntil: now + 1000 }));
    runScript();
    localStorage.setItem(SNAPSHOT_KEY, '{not json');
    runScript();
    expect(document.getElementById('snapshot')!.childNodes).toHaveLength(0);
  });

  it('is gone once cleared (deleting all data clears it)', () => {
    saveSnapshot(localStorage, { html: view, savedAt: Date.now(), validUntil: Date.now() + 60_000, staleLabel: 'x' });
    clearSnapshot(localStorage);
    expect(localStorage.getItem(SNAPSHOT_KEY)).toBeNull();
    runScript();
    expect(document.getElementById('snapshot')!.childNodes).toHaveLength(0);
  });

  it('deleting all data deletes the snapshot too', async () => {
    saveSnapshot(localStorage, { html: view, savedAt: Date.now(), validUntil: Date.now() + 60_000, staleLabel: 'x' });
    await deleteAll();
    expect(localStorage.getItem(SNAPSHOT_KEY)).toBeNull();
  });
});
