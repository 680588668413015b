import { DB_NAME, IDB_VERSION } from './database-name';
import type { SessionDigest } from './digests';
import type { WeekReads } from './week-reads';
import type { Action, Goal, Note, Relationship, Settings } from '../schema';
import { settingsFromStorage } from '../schema/settings-read';

/**
 * The week's reads (lib/db/week-reads.ts) in raw IndexedDB, for the popup's first view: they need
 * neither Dexie nor zod, so the popup's first module graph is little more than React and the
 * view, and Dexie loads only once that view is painted (lib/hooks/use-summary.ts). The same
 * indexes as the Dexie reads (lib/db/summary.ts), in one read transaction;
 * tests/db/week-raw.test.ts holds the two summaries equal. It only ever reads: creating or
 * upgrading the database is Dexie's job.
 */

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

/** The week's reads in one read transaction of `db`. */
export function rawWeekReads(db: IDBDatabase): WeekReads {
  const tx = db.transaction(STORES, 'readonly');
  const store = (name: string) => tx.objectStore(name);
  const digests = store('sessionDigests');
  const byRelationship = digests.index('[relationshipId+startedAt]');
  const held = (id: string, untilMs: number) => IDBKeyRange.bound([id, -Infinity], [id, untilMs]);
  const all = <T>(req: IDBRequest<unknown[]>) => request(req) as Promise<T[]>;
  return {
    settings: async () =>
      settingsFromStorage(
        (await request(store('settings').get('settings') as IDBRequest<Partial<Settings> | undefined>)) ?? { id: 'settings' },
      ),
    relationships: () => all<Relationship>(store('relationships').getAll()),
    heldSessionsBetween: (fromMs, toMs) =>
      all<SessionDigest>(digests.index('startedAt').getAll(IDBKeyRange.bound(fromMs, toMs, false, true))),
    actionsDueBetween: async (from, to) => {
      const range = inclusive(from, to);
      return range ? all<Action>(store('actions').index('dueDate').getAll(range)) : [];
    },
    openActionsDueBetween: async (from, to) => {
      const range = inclusive(from, to);
      return range ? all<Action>(store('openActions').index('dueDate').getAll(range)) : [];
    },
    heldSessionsAwaitingNote: async () => {
      const [ended, interrupted] = await Promise.all([
        all<SessionDigest>(digests.index('status').getAll('ended')),
        all<SessionDigest>(digests.index('status').getAll('interrupted')),
      ]);
      return [...ended, ...interrupted];
    },
    goalsMovedBetween: async (fromMs, toMs) => {
      const ids = await request(
        store('goalDigests')
          .index('historyAt')
          .getAllKeys(IDBKeyRange.bound(fromMs, toMs, false, true)),
      );
      const goals = await Promise.all([...new Set(ids)].map((id) => request(store('goals').get(id) as IDBRequest<Goal | undefined>)));
      return goals.filter((g) => g !== undefined);
    },
    heldSessionCounts: async (ids, untilMs) => {
      const counts = await Promise.all(ids.map((id) => request(byRelationship.count(held(id, untilMs)))));
      return new Map(ids.map((id, i) => [id, counts[i] ?? 0]));
    },
    lastHeldSessions: async (ids, beforeMs) => {
      const last = await Promise.all(
        ids.map(async (id) => {
          const cursor = await request(byRelationship.openCursor(held(id, beforeMs - 1), 'prev'));
          return (cursor?.value as SessionDigest | undefined) ?? null;
        }),
      );
      return new Map(ids.flatMap((id, i) => (last[i] ? [[id, last[i]] as const] : [])));
    },
    noteOfSession: (sessionId) => request(store('notes').index('sessionId').get(sessionId) as IDBRequest<Note | undefined>),
  };
}
