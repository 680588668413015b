import { describe, expect, it } from 'vitest';
import { generateFiveYears } from '../../scripts/bench/summary-data';
import { openExisting, readThisWeek } from '../../lib/db/early-week';
import { RapportDb } from '../../lib/db/database';
import { DEFAULT_SETTINGS } from '../../lib/schema/settings-read';
import { loadWeekView } from '../../lib/summary/load';
import { computeWeekSummary } from '../../lib/summary/week';
import { useFreshDb } from './helpers';

/** The popup's early read (raw IndexedDB) must give the summary loadWeekView gives through Dexie. */
describe('early week read', () => {
  const { db } = useFreshDb();

  async function bothAt(now: Date) {
    const idb = await openExisting(indexedDB, db().name);
    if (!idb) throw new Error('the early read could not open the database');
    try {
      const early = await readThisWeek(idb, now);
      return {
        early: { settings: early.settings, summary: computeWeekSummary(early.data, early.week, early.now) },
        dexie: await loadWeekView(0, now),
      };
    } finally {
      idb.close();
    }
  }

  it('gives the Dexie path’s summary on five years of data, for several weeks and week starts', async () => {
    const now = new Date('2026-11-27T14:30:00');
    const data = generateFiveYears(now);
    await db().transaction('rw', [db().relationships, db().sessions, db().notes, db().actions, db().goals], async () => {
      await db().relationships.bulkAdd(data.relationships);
      await db().sessions.bulkAdd(data.sessions);
      // An interrupted session still to write up: the awaiting-note read has two status keys.
      const last = data.sessions.at(-1)!;
      await db().sessions.add({ ...last, id: 'interrupted-1', status: 'interrupted', startedAt: now.getTime() - 86_400_000 });
      await db().notes.bulkAdd(data.notes);
      await db().actions.bulkAdd(data.actions);
      await db().goals.bulkAdd(data.goals);
    });
    for (const weekStartsOn of [1, 0, 6] as const) {
      await db().settings.put({ ...DEFAULT_SETTINGS, weekStartsOn });
      for (const at of [now, new Date('2026-11-23T00:00:00'), new Date('2026-10-30T23:59:59'), new Date('2025-03-30T12:00:00')]) {
        const { early, dexie } = await bothAt(at);
        expect(early).toEqual(dexie);
      }
    }
    // The data really exercises every part of the summary.
    const { summary } = (await bothAt(now)).dexie;
    expect(summary.relationships.length).toBeGreaterThan(5);
    for (const list of [summary.dueThisWeek, summary.overdue, summary.goalsMoved, summary.notesToWrite])
      expect(list.length).toBeGreaterThan(0);
  }, 120_000);

  it('gives the Dexie path’s summary over an empty database', async () => {
    const now = new Date('2026-11-27T14:30:00');
    const { early, dexie } = await bothAt(now);
    expect(early).toEqual(dexie);
  });

  it('leaves a missing or older database to Dexie', async () => {
    const name = `rapport-missing-${crypto.randomUUID()}`;
    expect(await openExisting(indexedDB, name)).toBeNull();
    // The aborted upgrade created nothing: Dexie still creates the database from scratch.
    const fresh = new RapportDb(name);
    await fresh.open();
    expect(fresh.verno).toBe(2);
    expect(fresh.tables.map((t) => t.name)).toContain('sessionDigests');
    await fresh.delete();
  });
});
