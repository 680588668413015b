import { getDb } from './database';
import type { Session } from '../schema';

/**
 * Indexed reads the weekly summary needs beyond the per-table repositories: how many sessions
 * each relationship has held and which was the latest, without loading years of sessions.
 */

/** Sessions held so far per relationship (every status but live), counted on the index, no records read. */
export async function heldSessionCounts(relationshipIds: readonly string[]): Promise<Map<string, number>> {
  const db = getDb();
  return db.transaction('r', db.sessions, async () => {
    const live = await db.sessions.where('status').equals('live').toArray();
    const counts = await Promise.all(relationshipIds.map((id) => db.sessions.where('relationshipId').equals(id).count()));
    const result = new Map<string, number>();
    relationshipIds.forEach((id, i) => {
      result.set(id, (counts[i] ?? 0) - live.filter((s) => s.relationshipId === id).length);
    });
    return result;
  });
}

/**
 * The latest held session of each relationship that started before `beforeMs`. Walks the
 * startedAt index backwards and stops as soon as every relationship asked for is found, so a
 * relationship met last week costs a few records, not its whole history. Only ask for
 * relationships known to have held sessions, or the walk reaches the first session.
 */
export async function lastHeldSessions(relationshipIds: readonly string[], beforeMs: number): Promise<Map<string, Session>> {
  const wanted = new Set(relationshipIds);
  const found = new Map<string, Session>();
  if (wanted.size === 0) return found;
  await getDb()
    .sessions.where('startedAt')
    .below(beforeMs)
    .reverse()
    .until(() => found.size === wanted.size)
    .each((s) => {
      if (s.status === 'live' || s.relationshipId === null || !wanted.has(s.relationshipId) || found.has(s.relationshipId)) return;
      found.set(s.relationshipId, s);
    });
  return found;
}
