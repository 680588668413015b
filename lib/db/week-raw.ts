import { DB_NAME, IDB_VERSION } from './database-name';
import type { SessionDigest } from './digests';
import type { Action, Goal, Note, Relationship, Settings } from '../schema';
import { settingsFromStorage } from '../schema/settings-read';
import {
  dayBefore,
  overdueFrom,
  shiftWeek,
  TREND_WEEKS,
  weekOf,
  type RelationshipHistory,
  type Week,
  type WeekData,
} from '../summary/week';

/**
 * The popup's first read of the week, in raw IndexedDB: it needs neither Dexie nor zod, so the
 * popup's first module graph is little more than React and the view, and Dexie loads only once
 * that view is painted (lib/hooks/use-summary.ts). It reads exactly what lib/summary/load.ts
 * reads, on the same indexes, in one read transaction; tests/db/week-raw.test.ts holds the two
 * summaries equal. It only ever reads: creating or upgrading the database is Dexie's job.
 */

/** What the raw read gives: the week of `now` by the stored week start, and what its summary needs. */
export type RawWeek = { now: Date; week: Week; settings: Settings; data: WeekData };

const STORES = ['settings', 'relationships', 'sessionDigests', 'goalDigests', 'goals', 'actions', 'openActions', 'notes'];

const request = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });

/**
 * Opens the database at the version this build knows, or gives null: when it does not exist yet,
 * needs an upgrade, is blocked or fails to open. An upgrade is aborted (nothing is created) so
 * that Dexie, which owns the schema, does it.
 */
export function openExisting(factory: IDBFactory, name = DB_NAME): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    let req: IDBOpenDBRequest;
    try {
      req = factory.open(name, IDB_VERSION);
    } catch {
      resolve(null);
      return;
    }
    let given = false;
    const give = (db: IDBDatabase | null) => {
      given = true;
      resolve(db);
    };
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onsuccess = () => {
      const db = req.result;
      // A connection that opens after we gave up (blocked) is closed at once, never leaked.
      if (given) return db.close();
      // Never hold up an upgrade that another page starts.
      db.onversionchange = () => db.close();
      give(db);
    };
    req.onerror = (event) => {
      event.preventDefault();
      if (!given) give(null);
    };
    req.onblocked = () => give(null);
  });
}

/** Dexie's `between(a, b, true, true)` gives nothing when a > b; IDBKeyRange.bound would throw. */
const inclusive = (from: string, to: string) => (from <= to ? IDBKeyRange.bound(from, to) : null);

/** Reads the summary data of the week holding `now`, as loadWeekView does, in one read transaction of `db`. */
export async function readThisWeek(db: IDBDatabase, now: Date): Promise<RawWeek> {
  const tx = db.transaction(STORES, 'readonly');
  const store = (name: string) => tx.objectStore(name);
  const [stored, relationships] = await Promise.all([
    request(store('settings').get('settings') as IDBRequest<Partial<Settings> | undefined>),
    request(store('relationships').getAll() as IDBRequest<Relationship[]>),
  ]);
  const settings = settingsFromStorage(stored ?? { id: 'settings' });
  const week = weekOf(now, settings.weekStartsOn);
  const trendStart = shiftWeek(week, -(TREND_WEEKS - 1), settings.weekStartsOn).start;
  const active = relationships.filter((r) => r.status === 'active').map((r) => r.id);
  const digests = store('sessionDigests');
  const byRelationship = digests.index('[relationshipId+startedAt]');
  const held = (id: string) => IDBKeyRange.bound([id, -Infinity], [id, now.getTime()]);
  const overdue = inclusive(overdueFrom(week), dayBefore(week.startDate));
  const weekDue = inclusive(week.startDate, week.endDate);
  const [sessions, weekActions, overdueActions, ended, interrupted, movedIds, counts, last] = await Promise.all([
    request(
      digests.index('startedAt').getAll(IDBKeyRange.bound(trendStart.getTime(), week.end.getTime(), false, true)) as IDBRequest<
        SessionDigest[]
      >,
    ),
    weekDue ? request(store('actions').index('dueDate').getAll(weekDue) as IDBRequest<Action[]>) : [],
    overdue ? request(store('openActions').index('dueDate').getAll(overdue) as IDBRequest<Action[]>) : [],
    request(digests.index('status').getAll('ended') as IDBRequest<SessionDigest[]>),
    request(digests.index('status').getAll('interrupted') as IDBRequest<SessionDigest[]>),
    request(
      store('goalDigests')
        .index('historyAt')
        .getAllKeys(IDBKeyRange.bound(week.start.getTime(), week.end.getTime(), false, true)),
    ),
    Promise.all(active.map((id) => request(byRelationship.count(held(id))))),
    Promise.all(
      active.map(async (id) => {
        const cursor = await request(byRelationship.openCursor(held(id), 'prev'));
        return (cursor?.value as SessionDigest | undefined) ?? null;
      }),
    ),
  ]);
  const [goals, notes] = await Promise.all([
    Promise.all([...new Set(movedIds)].map((id) => request(store('goals').get(id) as IDBRequest<Goal | undefined>))),
    Promise.all(last.map((s) => (s ? request(store('notes').index('sessionId').get(s.id) as IDBRequest<Note | undefined>) : undefined))),
  ]);
  const history = new Map<string, RelationshipHistory>(
    active.map((id, i) => {
      const lastHeld = last[i] ?? null;
      const agreed = notes[i]?.nextMeeting?.at ?? null;
      return [id, { heldCount: counts[i] ?? 0, lastHeld, agreedNextMeetingAt: lastHeld ? agreed : null }];
    }),
  );
  const data: WeekData = {
    relationships,
    goals: goals.filter((g) => g !== undefined),
    sessions,
    weekActions,
    overdueActions,
    awaitingNote: [...ended, ...interrupted],
    history,
    settings,
  };
  return { now, week, settings, data };
}

/**
 * This week's data from the database as it is, or null when there is none to read this way (no
 * database yet, an older one to upgrade, or any failure): the caller then reads through Dexie,
 * which creates, upgrades or reports. The connection is closed once read.
 */
export async function readThisWeekRaw(factory: IDBFactory, now: Date, name = DB_NAME): Promise<RawWeek | null> {
  const db = await openExisting(factory, name);
  if (!db) return null;
  // The summary benchmark's timeline: opening a database cold is a good part of the first read.
  performance.mark('rapport:db-opened');
  try {
    return await readThisWeek(db, now);
  } catch {
    return null;
  } finally {
    db.close();
  }
}
