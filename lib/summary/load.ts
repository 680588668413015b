import { getDb } from '../db/database';
import { getSettings } from '../db/settings-read';
import {
  actionsDueBetween,
  goalsMovedBetween,
  heldSessionCounts,
  heldSessionsAwaitingNote,
  heldSessionsBetween,
  lastHeldSessions,
  listRelationships,
  noteOfSession,
  openActionsDueBetween,
} from '../db/summary';
import type { Relationship, Settings } from '../schema';
import {
  computeWeekSummary,
  dayBefore,
  overdueFrom,
  shiftWeek,
  TREND_WEEKS,
  weekOf,
  type RelationshipHistory,
  type Week,
  type WeekData,
  type WeekSummary,
} from './week';

/**
 * Reads what the summary of `week` needs, in one read transaction, every query on an index and
 * on the small digest rows where a full record would carry far more (lib/db/digests.ts): held
 * sessions of the trend window (startedAt), actions due in the week and open ones due in the
 * OVERDUE_WEEKS before it (dueDate), sessions awaiting a note (status), goals with a history
 * entry in the week (historyAt), and per active relationship its held count and latest session
 * ([relationshipId+startedAt], a count and one step each) with that session's note.
 */
export async function loadWeekData(week: Week, now: Date): Promise<WeekData> {
  return inReadTransaction(async () => {
    const [settings, relationships] = await Promise.all([getSettings(), listRelationships()]);
    return readWeekData(week, now, settings, relationships);
  });
}

const inReadTransaction = <T>(fn: () => Promise<T>): Promise<T> => {
  const db = getDb();
  return db.transaction(
    'r',
    [db.settings, db.relationships, db.sessionDigests, db.goalDigests, db.goals, db.actions, db.openActions, db.notes],
    fn,
  );
};

async function readWeekData(week: Week, now: Date, settings: Settings, relationships: Relationship[]): Promise<WeekData> {
  const active = relationships.filter((r) => r.status === 'active').map((r) => r.id);
  const trendStart = shiftWeek(week, -(TREND_WEEKS - 1), settings.weekStartsOn).start;
  const [sessions, weekActions, overdueActions, awaitingNote, goals, counts, last] = await Promise.all([
    heldSessionsBetween(trendStart.getTime(), week.end.getTime()),
    actionsDueBetween(week.startDate, week.endDate),
    openActionsDueBetween(overdueFrom(week), dayBefore(week.startDate)),
    heldSessionsAwaitingNote(),
    goalsMovedBetween(week.start.getTime(), week.end.getTime()),
    heldSessionCounts(active, now.getTime()),
    lastHeldSessions(active, now.getTime() + 1),
  ]);
  const notes = await Promise.all([...last.values()].map((s) => noteOfSession(s.id)));
  const agreed = new Map(notes.flatMap((n) => (n?.nextMeeting ? [[n.sessionId, n.nextMeeting.at] as const] : [])));
  const history = new Map<string, RelationshipHistory>(
    active.map((id) => {
      const lastHeld = last.get(id) ?? null;
      return [id, { heldCount: counts.get(id) ?? 0, lastHeld, agreedNextMeetingAt: lastHeld ? (agreed.get(lastHeld.id) ?? null) : null }];
    }),
  );
  return { relationships, goals, sessions, weekActions, overdueActions, awaitingNote, history, settings };
}

/** A week's summary with the settings it follows (week start, talk targets, language). */
export type WeekView = { settings: Settings; summary: WeekSummary };

/**
 * The summary of the week `offset` weeks from the one holding `now` (0 this week, -1 last week),
 * the week counted from the stored week start, all read in one transaction with the settings.
 */
export async function loadWeekView(offset: number, now: Date): Promise<WeekView> {
  return inReadTransaction(async () => {
    const [settings, relationships] = await Promise.all([getSettings(), listRelationships()]);
    const week = shiftWeek(weekOf(now, settings.weekStartsOn), offset, settings.weekStartsOn);
    return { settings, summary: computeWeekSummary(await readWeekData(week, now, settings, relationships), week, now) };
  });
}

/** The summary of `week` as of `now`. */
export async function loadWeekSummary(week: Week, now: Date): Promise<WeekSummary> {
  return computeWeekSummary(await loadWeekData(week, now), week, now);
}
