import type { SessionDigest } from './digests';
import type { Action, Goal, Note, Relationship, Settings } from '../schema';

/**
 * The indexed reads a week's summary needs (lib/summary/read.ts puts them together), every one on
 * an index and on the small digest rows where a full record would carry far more
 * (lib/db/digests.ts). Two implementations read the same indexes: through Dexie
 * (lib/db/summary.ts, kept live by liveQuery) and in raw IndexedDB (lib/db/week-raw.ts, the
 * popup's first read, which loads no Dexie). Bounds are inclusive unless said otherwise.
 */
export interface WeekReads {
  settings(): Promise<Settings>;
  relationships(): Promise<Relationship[]>;
  /** Held sessions (digests) that started in [fromMs, toMs). */
  heldSessionsBetween(fromMs: number, toMs: number): Promise<SessionDigest[]>;
  /** Every action, open or done, due from `fromDate` to `toDate` (YYYY-MM-DD). */
  actionsDueBetween(fromDate: string, toDate: string): Promise<Action[]>;
  /** Open actions due from `fromDate` to `toDate`. */
  openActionsDueBetween(fromDate: string, toDate: string): Promise<Action[]>;
  /** Ended, then interrupted sessions still waiting for their note (digests). */
  heldSessionsAwaitingNote(): Promise<SessionDigest[]>;
  /** Goals with a history entry in [fromMs, toMs). */
  goalsMovedBetween(fromMs: number, toMs: number): Promise<Goal[]>;
  /** Sessions held per relationship up to `untilMs` (inclusive), counted on the index. */
  heldSessionCounts(relationshipIds: readonly string[], untilMs: number): Promise<Map<string, number>>;
  /** The latest held session of each relationship that started before `beforeMs`. */
  lastHeldSessions(relationshipIds: readonly string[], beforeMs: number): Promise<Map<string, SessionDigest>>;
  noteOfSession(sessionId: string): Promise<Note | undefined>;
}
