import { Dexie, type EntityTable } from 'dexie';
import type { Action, Goal, LiveTab, Note, NoteDraft, Relationship, Session, Settings } from '../schema';

export const DB_NAME = 'rapport';

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

  constructor(name = DB_NAME) {
    super(name);
    // Version 1. A later schema change adds `this.version(2).stores(...).upgrade(...)` here and
    // a fixture of version 1 under tests/fixtures/db/ that tests/db/upgrade.test.ts opens.
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
  }
}

/** Names of every table, in the order an export lists them. */
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
