import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { RapportDb, TABLES } from '../../lib/db/database';
import { goalDigestOf, openActionOf, sessionDigestOf } from '../../lib/db/digests';
import { ActionSchema, GoalSchema, NoteSchema, RelationshipSchema, SessionSchema, SettingsSchema } from '../../lib/schema';
import v1 from '../fixtures/db/v1.json';

/**
 * The upgrade pattern: every schema version has a fixture of the database as the previous
 * version left it. The fixture is written with a plain Dexie at that version's store
 * definitions, then opened with the current RapportDb, which runs its upgrades; every record
 * must then read back valid under today's schemas, and what the upgrade derives must be there.
 * Version 2 (tests/fixtures/db/v1.json → v2) adds the session, goal and open-action digests of lib/db/digests.ts.
 */
async function seedFixture(name: string, fixture: typeof v1): Promise<void> {
  const old = new Dexie(name);
  old.version(fixture.version).stores(fixture.stores);
  await old.open();
  for (const [table, rows] of Object.entries(fixture.data)) await old.table(table).bulkAdd(rows as object[]);
  old.close();
}

const schemas = {
  relationships: RelationshipSchema,
  goals: GoalSchema,
  sessions: SessionSchema,
  notes: NoteSchema,
  actions: ActionSchema,
  settings: SettingsSchema,
};

describe('database upgrades', () => {
  it('opens a version-1 database and every record is valid under the current schemas', async () => {
    const name = `rapport-upgrade-${crypto.randomUUID()}`;
    await seedFixture(name, v1);
    const db = new RapportDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(v1.version);
    for (const table of TABLES) {
      const rows = await db.table(table).toArray();
      expect(rows.length, table).toBe((v1.data as Record<string, unknown[]>)[table]?.length ?? 0);
      const schema = schemas[table as keyof typeof schemas];
      for (const row of schema ? rows : [])
        expect(schema!.safeParse(row).success, `${table} ${JSON.stringify(row).slice(0, 80)}`).toBe(true);
    }
    expect(await db.sessions.where('relationshipId').equals('rel-1').count()).toBe(1);
    db.close();
    await db.delete();
  });

  it('version 2 derives a digest of every held session and every goal from version-1 records', async () => {
    const name = `rapport-upgrade-${crypto.randomUUID()}`;
    await seedFixture(name, v1);
    const db = new RapportDb(name);
    await db.open();
    expect(db.verno).toBe(2);
    const sessions = await db.sessions.toArray();
    expect(sessions.length).toBeGreaterThan(0);
    expect(await db.sessionDigests.toArray()).toEqual(sessions.flatMap((s) => sessionDigestOf(s) ?? []));
    expect(await db.goalDigests.toArray()).toEqual((await db.goals.toArray()).map(goalDigestOf));
    expect(await db.openActions.toArray()).toEqual((await db.actions.toArray()).flatMap((a) => openActionOf(a) ?? []));
    // The indexes the popup reads answer from the upgraded data.
    const [goal] = v1.data.goals;
    const at = goal!.history[0]!.at;
    expect(
      await db.goalDigests
        .where('historyAt')
        .between(at, at + 1)
        .primaryKeys(),
    ).toEqual([goal!.id]);
    expect(
      await db.sessionDigests.where('[relationshipId+startedAt]').between(['rel-1', Dexie.minKey], ['rel-1', Dexie.maxKey]).count(),
    ).toBe(1);
    // Writes after the upgrade keep the digests in step.
    await db.sessions.clear();
    expect(await db.sessionDigests.count()).toBe(0);
    db.close();
    await db.delete();
  });

  it('the fixture declares the same stores as version 1; version 2 only adds the derived tables', () => {
    const db = new RapportDb('unused');
    const current = Object.fromEntries(
      db.tables.map((t) => [t.name, [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)].join(', ')]),
    );
    expect(current).toEqual({
      ...v1.stores,
      sessionDigests: 'id, startedAt, status, [relationshipId+startedAt]',
      goalDigests: 'id, *historyAt',
      openActions: 'id, dueDate',
    });
  });
});
