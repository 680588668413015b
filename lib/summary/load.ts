import { addWeeks, format } from 'date-fns';
import { actionsDueBetween, openActionsDueBetween } from '../db/actions';
import { getDb } from '../db/database';
import { noteOfSession } from '../db/notes';
import { listRelationships } from '../db/relationships';
import { getSettings } from '../db/settings';
import { goalsMovedBetween, heldSessionCounts, heldSessionsAwaitingNote, heldSessionsBetween, lastHeldSessions } from '../db/summary';
import {
  computeWeekSummary,
  dayBefore,
  shiftWeek,
  TREND_WEEKS,
  type RelationshipHistory,
  type Week,
  type WeekData,
  type WeekSummary,
} from './week';

/**
 * How far back the popup lists overdue actions. Reading every open action ever would mean reading
 * every past action (there is no index on open ones): years of them cost more than the whole
 * popup may take. Older overdue actions still count in the relationship's health
 * ("Needs attention") and are listed on the options page.
 */
export const OVERDUE_WEEKS = 12;

/**
 * Reads what the summary of `week` needs, in one read transaction, every query on an index and
 * on the small digest rows where a full record would carry far more (lib/db/digests.ts): held
 * sessions of the trend window (startedAt), actions due in the week and open ones due in the
 * OVERDUE_WEEKS before it (dueDate), sessions awaiting a note (status), goals with a history
 * entry in the week (historyAt), and per active relationship its held count and latest session
 * ([relationshipId+startedAt], a count and one step each) with that session's note.
 */
export async function loadWeekData(week: Week, now: Date): Promise<WeekData> {
  const db = getDb();
  return db.transaction(
    'r',
    [db.settings, db.relationships, db.sessionDigests, db.goalDigests, db.goals, db.actions, db.notes],
    async () => {
      const [settings, relationships] = await Promise.all([getSettings(), listRelationships()]);
      const active = relationships.filter((r) => r.status === 'active').map((r) => r.id);
      const trendStart = shiftWeek(week, -(TREND_WEEKS - 1), settings.weekStartsOn).start;
      const [sessions, weekActions, overdueActions, awaitingNote, goals, counts, last] = await Promise.all([
        heldSessionsBetween(trendStart.getTime(), week.end.getTime()),
        actionsDueBetween(week.startDate, week.endDate),
        openActionsDueBetween(format(addWeeks(week.start, -OVERDUE_WEEKS), 'yyyy-MM-dd'), dayBefore(week.startDate)),
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
          return [
            id,
            { heldCount: counts.get(id) ?? 0, lastHeld, agreedNextMeetingAt: lastHeld ? (agreed.get(lastHeld.id) ?? null) : null },
          ];
        }),
      );
      return { relationships, goals, sessions, weekActions, overdueActions, awaitingNote, history, settings };
    },
  );
}

/** The summary of `week` as of `now`. */
export async function loadWeekSummary(week: Week, now: Date): Promise<WeekSummary> {
  return computeWeekSummary(await loadWeekData(week, now), week, now);
}
