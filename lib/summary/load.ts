import { actionsDueBetween, openActionsDueBetween } from '../db/actions';
import { goalsOf } from '../db/goals';
import { noteOfSession } from '../db/notes';
import { listRelationships } from '../db/relationships';
import { sessionsAwaitingNote, sessionsBetween } from '../db/sessions';
import { getSettings } from '../db/settings';
import { addWeeks, format } from 'date-fns';
import { heldSessionCounts, lastHeldSessions } from '../db/summary';
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
 * Reads what the summary of `week` needs, every query on an index: sessions of the trend window
 * (startedAt), actions due in the week and open ones due in the
 * OVERDUE_WEEKS before it (dueDate), sessions awaiting
 * a note (status), held counts and the latest session per relationship (relationshipId and a
 * short backwards walk on startedAt). Relationships and goals are small tables.
 */
export async function loadWeekData(week: Week, now: Date): Promise<WeekData> {
  const settings = await getSettings();
  const trendStart = shiftWeek(week, -(TREND_WEEKS - 1), settings.weekStartsOn).start;
  const [relationships, sessions, weekActions, overdueActions, awaitingNote] = await Promise.all([
    listRelationships(),
    sessionsBetween(trendStart.getTime(), week.end.getTime()),
    actionsDueBetween(week.startDate, week.endDate),
    openActionsDueBetween(format(addWeeks(week.start, -OVERDUE_WEEKS), 'yyyy-MM-dd'), dayBefore(week.startDate)),
    sessionsAwaitingNote(),
  ]);
  const active = relationships.filter((r) => r.status === 'active').map((r) => r.id);
  const [goals, counts] = await Promise.all([
    Promise.all(relationships.map((r) => goalsOf(r.id))).then((lists) => lists.flat()),
    heldSessionCounts(active),
  ]);
  const last = await lastHeldSessions(
    active.filter((id) => (counts.get(id) ?? 0) > 0),
    now.getTime() + 1,
  );
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

/** The summary of `week` as of `now`. */
export async function loadWeekSummary(week: Week, now: Date): Promise<WeekSummary> {
  return computeWeekSummary(await loadWeekData(week, now), week, now);
}
