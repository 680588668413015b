import { Dexie } from 'dexie';
import { getDb } from './database';
import type { SessionDigest } from './digests';
import { getSettings } from './settings-read';
import type { WeekReads } from './week-reads';
import type { Action, Goal, Note, Relationship } from '../schema';

/**
 * Indexed reads the weekly summary needs, on the digest tables (lib/db/digests.ts) where a full
 * record would carry far more than the summary uses. Nothing here imports zod or the record
 * schemas, so the popup loads neither; the repositories re-export the reads they share.
 */

export function listRelationships(): Promise<Relationship[]> {
  return getDb().relationships.toArray();
}

export function listActiveRelationships(): Promise<Relationship[]> {
  return getDb().relationships.where('status').equals('active').toArray();
}

export function noteOfSession(sessionId: string): Promise<Note | undefined> {
  return getDb().notes.where('sessionId').equals(sessionId).first();
}

/** Open actions due from `fromDate` to `toDate` inclusive, on the dueDate index of the open actions alone (lib/db/digests.ts). */
export function openActionsDueBetween(fromDate: string, toDate: string): Promise<Action[]> {
  return getDb().openActions.where('dueDate').between(fromDate, toDate, true, true).toArray();
}

/** Every action, open or done, due from `fromDate` to `toDate` inclusive (YYYY-MM-DD): a week's list keeps what was ticked. */
export function actionsDueBetween(fromDate: string, toDate: string): Promise<Action[]> {
  return getDb().actions.where('dueDate').between(fromDate, toDate, true, true).toArray();
}

/** Sessions held per relationship, counted on the [relationshipId+startedAt] index up to `untilMs` (inclusive); no records read. */
export async function heldSessionCounts(
  relationshipIds: readonly string[],
  untilMs = Number.MAX_SAFE_INTEGER,
): Promise<Map<string, number>> {
  const db = getDb();
  return db.transaction('r', db.sessionDigests, async () => {
    const counts = await Promise.all(relationshipIds.map((id) => heldRange(id, untilMs).count()));
    return new Map(relationshipIds.map((id, i) => [id, counts[i] ?? 0]));
  });
}

/** The latest held session of each relationship that started before `beforeMs`: one reverse step on the index each. */
export async function lastHeldSessions(relationshipIds: readonly string[], beforeMs: number): Promise<Map<string, SessionDigest>> {
  const db = getDb();
  return db.transaction('r', db.sessionDigests, async () => {
    const last = await Promise.all(relationshipIds.map((id) => heldRange(id, beforeMs - 1).last()));
    return new Map(relationshipIds.flatMap((id, i) => (last[i] ? [[id, last[i]] as const] : [])));
  });
}

function heldRange(relationshipId: string, untilMs: number) {
  return getDb()
    .sessionDigests.where('[relationshipId+startedAt]')
    .between([relationshipId, Dexie.minKey], [relationshipId, untilMs], true, true);
}

/** Held sessions (digests) that started in [fromMs, toMs). */
export function heldSessionsBetween(fromMs: number, toMs: number): Promise<SessionDigest[]> {
  return getDb().sessionDigests.where('startedAt').between(fromMs, toMs, true, false).toArray();
}

/** Ended or interrupted sessions still waiting for their note (digests). */
export function heldSessionsAwaitingNote(): Promise<SessionDigest[]> {
  return getDb().sessionDigests.where('status').anyOf('ended', 'interrupted').toArray();
}

/** Goals with a history entry in [fromMs, toMs): found on the multi-entry historyAt index, then read by id. */
export async function goalsMovedBetween(fromMs: number, toMs: number): Promise<Goal[]> {
  const db = getDb();
  const ids = await db.goalDigests.where('historyAt').between(fromMs, toMs, true, false).primaryKeys();
  const goals = await db.goals.bulkGet([...new Set(ids)]);
  return goals.filter((g) => g !== undefined);
}

/** The week's reads through Dexie: inside a liveQuery, the view follows every table they touch. */
export const dexieWeekReads: WeekReads = {
  settings: getSettings,
  relationships: listRelationships,
  heldSessionsBetween,
  actionsDueBetween,
  openActionsDueBetween,
  heldSessionsAwaitingNote,
  goalsMovedBetween,
  heldSessionCounts,
  lastHeldSessions,
  noteOfSession,
};

/** What one relationship's health rules read (lib/mentoring/health.ts), sessions as digests. */
export type HealthRecords = { sessions: SessionDigest[]; notes: Note[]; actions: Action[]; goals: Goal[] };

/**
 * Each relationship's records for its health signals, read in one transaction: sessions as
 * digests and notes and goals on the relationshipId indexes; of the actions only those the rules
 * look at (lib/mentoring/health.ts healthActionDates): the open ones due before today, from the
 * open-action index, and every one due in the 90 days before today, on the dueDate index.
 */
export async function healthRecordsOf(
  relationships: readonly Relationship[],
  dates: { today: string; since: string },
): Promise<HealthRecords[]> {
  const db = getDb();
  return db.transaction('r', [db.sessionDigests, db.notes, db.actions, db.openActions, db.goals], async () => {
    const [open, recent] = await Promise.all([
      db.openActions.where('dueDate').below(dates.today).toArray(),
      db.actions.where('dueDate').between(dates.since, dates.today, true, false).toArray(),
    ]);
    const actionsBy = new Map<string, Map<string, Action>>();
    for (const a of [...open, ...recent]) {
      const mine = actionsBy.get(a.relationshipId) ?? new Map<string, Action>();
      mine.set(a.id, a); // an open action due lately is in both reads: once is enough
      actionsBy.set(a.relationshipId, mine);
    }
    return Promise.all(
      relationships.map(async (r) => {
        const [sessions, notes, goals] = await Promise.all([
          heldRange(r.id, Number.MAX_SAFE_INTEGER).toArray(),
          db.notes.where('relationshipId').equals(r.id).toArray(),
          db.goals.where('relationshipId').equals(r.id).toArray(),
        ]);
        return { sessions, notes, actions: [...(actionsBy.get(r.id)?.values() ?? [])], goals };
      }),
    );
  });
}
