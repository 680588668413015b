import { Dexie, type EntityTable } from 'dexie';
import type { Action, Goal, LiveTab, Note, NoteDraft, Relationship, Session, Settings } from '../schema';
import { DB_NAME } from './database-name';
import { digestMiddleware, goalDigestOf, openActionOf, sessionDigestOf, type GoalDigest, type SessionDigest } from './digests';

export { DB_NAME };

/**
 * Rapport's IndexedDB. Only code under lib/db touches it, and only from extension pages and
 * the service worker (never a content script, which would write into the call site's origin).
 * Indexes are only what a `where()` uses.
 */
export class RapportDb extends Dexie {
  relationships!: EntityTable<Relationship, 'id'>;
  goals!: EntityTable<Goal, 'id'>;
  sessions!: EntityTable<Session, 'id'>;
  notes!: EntityTable<Note, 'id'>;
  actions!: EntityTable<Action, 'id'>;
  drafts!: EntityTable<NoteDraft, 'sessionId'>;
  settings!: EntityTable<Settings, 'id'>;
  liveTabs!: EntityTable<LiveTab, 'tabId'>;
  /** Derived from `sessions` by lib/db/digests.ts; never written directly. */
  sessionDigests!: EntityTable<SessionDigest, 'id'>;
  /** Derived from `goals` by lib/db/digests.ts; never written directly. */
  goalDigests!: EntityTable<GoalDigest, 'id'>;
  /** Derived from `actions` (the open ones) by lib/db/digests.ts; never written directly. */
  openActions!: EntityTable<Action, 'id'>;

  constructor(name = DB_NAME) {
    super(name);
    // Every version keeps a fixture of the previous one under tests/fixtures/db/ that
    // tests/db/upgrade.test.ts opens with the current class.
    this.version(1).stores({
      relationships: 'id, status',
      goals: 'id, relationshipId',
      sessions: 'id, relationshipId, startedAt, status, meetingLink',
      notes: 'id, sessionId, relationshipId, updatedAt',
      actions: 'id, relationshipId, dueDate, noteId',
      drafts: 'sessionId',
      settings: 'id',
      liveTabs: 'tabId, sessionId',
    });
    // Version 2: digests of held sessions, of when goals moved and of open actions, so the weekly
    // popup reads a few small rows instead of years of full records (lib/db/digests.ts keeps them
    // in step).
    this.version(2)
      .stores({
        sessionDigests: 'id, startedAt, status, [relationshipId+startedAt]',
        goalDigests: 'id, *historyAt',
        openActions: 'id, dueDate',
      })
      .upgrade(async (tx) => {
        const digests = (await tx.table<Session>('sessions').toArray()).flatMap((s) => sessionDigestOf(s) ?? []);
        await tx.table<SessionDigest>('sessionDigests').bulkPut(digests);
        await tx.table<GoalDigest>('goalDigests').bulkPut((await tx.table<Goal>('goals').toArray()).map(goalDigestOf));
        await tx.table<Action>('openActions').bulkPut((await tx.table<Action>('actions').toArray()).flatMap((a) => openActionOf(a) ?? []));
      });
    this.use(digestMiddleware);
  }
}

/** Names of every table of records, in the order an export lists them (the digests are derived, not listed). */
export const TABLES = ['relationships', 'goals', 'sessions', 'notes', 'actions', 'drafts', 'settings', 'liveTabs'] as const;

let instance: RapportDb | null = null;

/** The one database instance of this context. */
export function getDb(): RapportDb {
  instance ??= new RapportDb();
  return instance;
}

/** Tests swap in a fresh database. */
export function setDbForTests(db: RapportDb | null): void {
  instance = db;
}
