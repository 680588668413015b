import { DB_NAME } from './database-name';
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
 * The popup's first read in raw IndexedDB, with no React, Dexie or zod: a classic script
 * (entrypoints/popup-early.ts) starts it before the module bundle is even parsed, so opening the
 * database and the reads overlap the bundle's loading. It reads exactly what lib/summary/load.ts
 * reads, on the same indexes, in one read transaction; tests/db/early-week.test.ts holds the
 * summaries equal. The main bundle computes the summary from it and then follows the data live
 * through Dexie (lib/hooks/use-summary.ts).
 */

/** What the early read gives: the week of `now` by the stored week start, and what its summary needs. */
export type EarlyWeek = { startedAt: number; now: Date; week: Week; settings: Settings; data: WeekData };

/** The version Dexie gives IndexedDB for the schema's version 2 (Dexie multiplies by ten). */
const IDB_VERSION = 20;
const STORES = ['settings', 'relationships', 'sessionDigests', 'goalDigests', 'goals', 'actions', 'openActions', 'notes'];
const GLOBAL_KEY = 'rapportEarlyWeek';

const request = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });

/**
 * Opens the database at the version this build knows, or gives null: when it does not exist yet
 * or needs an upgrade, the upgrade is aborted so that Dexie (which owns the schema) does it.
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
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onsuccess = () => {
      const db = req.result;
      // Never hold up an upgrade that another page starts.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    req.onerror = (event) => {
      event.preventDefault();
      resolve(null);
    };
    req.onblocked = () => resolve(null);
  });
}

/** Dexie's `between(a, b, true, true)` gives nothing when a > b; IDBKeyRange.bound would throw. */
const inclusive = (from: string, to: string) => (from <= to ? IDBKeyRange.bound(from, to) : null);

/** Reads the summary data of the week holding `now`, the way loadWeekView does, in one read transaction of `db`. */
export async function readThisWeek(db: IDBDatabase, now: Date): Promise<Omit<EarlyWeek, 'startedAt'>> {
  const tx = db.transaction(STORES, 'readonly');
  const store = (name: string) => tx.objectStore(name);
  const [stored, relationships] = await Promise.all([
    request(store('settings').get('settings')),
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

/** Starts the early read and leaves its promise where takeEarlyWeek() finds it. Call once, from the popup's first script. */
export function startEarlyWeekRead(): void {
  const startedAt = performance.now();
  const now = new Date();
  const early = openExisting(indexedDB)
    .then(async (db) => {
      if (!db) return null;
      const read = await readThisWeek(db, now);
      // The summary benchmark reports how long the raw read itself took.
      performance.measure('rapport:early-read', { start: startedAt, end: performance.now() });
      return { startedAt, ...read };
    })
    .catch(() => null);
  Object.assign(globalThis, { [GLOBAL_KEY]: early });
}

/** The early read's result (null when it could not read), or undefined when no early read was started. Taken once. */
export function takeEarlyWeek(): Promise<EarlyWeek | null> | undefined {
  const holder = globalThis as { [GLOBAL_KEY]?: Promise<EarlyWeek | null> };
  const early = holder[GLOBAL_KEY];
  delete holder[GLOBAL_KEY];
  return early;
}
