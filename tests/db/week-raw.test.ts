import { describe, expect, it } from 'vitest';
import { generateFiveYears } from '../../scripts/bench/summary-data';
import { IDB_VERSION } from '../../lib/db/database-name';
import { openExisting } from '../../lib/db/week-raw';
import { readThisWeekRaw } from '../../lib/summary/read';
import { RapportDb } from '../../lib/db/database';
import { DEFAULT_SETTINGS } from '../../lib/schema/settings-read';
import { loadWeekView } from '../../lib/summary/load';
import { computeWeekSummary } from '../../lib/summary/week';
import { useFreshDb } from './helpers';

/** The popup's first read (raw IndexedDB) must give the summary loadWeekView gives through Dexie. */
describe('raw week read', () => {
  const { db } = useFreshDb();

  async function bothAt(now: Date) {
    const raw = await readThisWeekRaw(indexedDB, now, db().name);
    if (!raw) throw new Error('the raw read could not open the database');
    return {
      raw: { settings: raw.settings, summary: computeWeekSummary(raw.data, raw.week, raw.now) },
      dexie: await loadWeekView(0, now),
    };
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
        const { raw, dexie } = await bothAt(at);
        expect(raw).toEqual(dexie);
      }
    }
    // The data really exercises every part of the summary.
    const { summary } = (await bothAt(now)).dexie;
    expect(summary.relationships.length).toBeGreaterThan(5);
    for (const list of [summary.dueThisWeek, summary.overdue, summary.goalsMoved, summary.notesToWrite])
      expect(list.length).toBeGreaterThan(0);
  }, 120_000);

  it('gives the Dexie path’s summary over an empty database, and reads the stored settings', async () => {
    const now = new Date('2026-11-27T14:30:00');
    expect((await bothAt(now)).raw).toEqual((await bothAt(now)).dexie);
    await db().settings.put({ ...DEFAULT_SETTINGS, language: 'nb', weekStartsOn: 0 });
    const { raw, dexie } = await bothAt(now);
    expect(raw).toEqual(dexie);
    expect(raw.settings).toMatchObject({ language: 'nb', weekStartsOn: 0 });
  });

  it('knows the version Dexie gives the database', () => {
    // Dexie stores version × 10; a new schema version must move IDB_VERSION with it.
    expect(IDB_VERSION).toBe(db().verno * 10);
  });

  it('leaves a missing database to Dexie, creating nothing', async () => {
    const name = `rapport-missing-${crypto.randomUUID()}`;
    expect(await readThisWeekRaw(indexedDB, new Date(), name)).toBeNull();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
    // The aborted upgrade created nothing: Dexie still creates the database from scratch.
    const fresh = new RapportDb(name);
    await fresh.open();
    expect(fresh.verno).toBe(IDB_VERSION / 10);
    expect(fresh.tables.map((t) => t.name)).toContain('sessionDigests');
    await fresh.delete();
  });

  it('leaves an older database to Dexie to upgrade, and closes what it opened', async () => {
    const name = `rapport-old-${crypto.randomUUID()}`;
    const old = new RapportDb(name);
    await old.open();
    old.close();
    // An older schema: version 1 in Dexie's numbering.
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.deleteDatabase(name);
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error);
    });
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name, 10);
      req.onupgradeneeded = () => req.result.createObjectStore('settings', { keyPath: 'id' });
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    });
    expect(await readThisWeekRaw(indexedDB, new Date(), name)).toBeNull();
    const stillOld = await openExisting(indexedDB, name);
    expect(stillOld).toBeNull();
    // Nothing stays open that would block Dexie's upgrade.
    const upgraded = new RapportDb(name);
    await upgraded.open();
    expect(upgraded.verno).toBe(IDB_VERSION / 10);
    await upgraded.delete();
  });

  it('gives up on a database another page holds at an older version, and leaves nothing open', async () => {
    const name = `rapport-held-${crypto.randomUUID()}`;
    const held = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 10);
      req.onupgradeneeded = () => req.result.createObjectStore('settings', { keyPath: 'id' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    // The other page ignores the version change, so the raw read's open is blocked.
    expect(await openExisting(indexedDB, name)).toBeNull();
    held.close();
    // Once the other page lets go, the raw read's late upgrade is aborted and nothing stays open:
    // Dexie upgrades the database.
    const upgraded = new RapportDb(name);
    await upgraded.open();
    expect(upgraded.verno).toBe(IDB_VERSION / 10);
    await upgraded.delete();
  });
});
