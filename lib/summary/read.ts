import { DB_NAME } from '../db/database-name';
import { openExisting, rawWeekReads } from '../db/week-raw';
import type { WeekReads } from '../db/week-reads';
import type { Settings } from '../schema';
import { dayBefore, overdueFrom, shiftWeek, TREND_WEEKS, weekOf, type RelationshipHistory, type Week, type WeekData } from './week';

/**
 * The one read of a week's summary data, whichever way the reads go (lib/db/week-reads.ts):
 * held sessions of the trend window, actions due in the week and open ones due in the
 * OVERDUE_WEEKS before it, sessions awaiting a note, goals with a history entry in the week, and
 * per active relationship its held count and latest session with that session's note. The week
 * is picked once the stored settings are read (its start day is one of them).
 */
export async function readWeek(
  reads: WeekReads,
  now: Date,
  pickWeek: (settings: Settings) => Week,
): Promise<{ week: Week; settings: Settings; data: WeekData }> {
  const [settings, relationships] = await Promise.all([reads.settings(), reads.relationships()]);
  const week = pickWeek(settings);
  const active = relationships.filter((r) => r.status === 'active').map((r) => r.id);
  const trendStart = shiftWeek(week, -(TREND_WEEKS - 1), settings.weekStartsOn).start;
  const [sessions, weekActions, overdueActions, awaitingNote, goals, counts, last] = await Promise.all([
    reads.heldSessionsBetween(trendStart.getTime(), week.end.getTime()),
    reads.actionsDueBetween(week.startDate, week.endDate),
    reads.openActionsDueBetween(overdueFrom(week), dayBefore(week.startDate)),
    reads.heldSessionsAwaitingNote(),
    reads.goalsMovedBetween(week.start.getTime(), week.end.getTime()),
    reads.heldSessionCounts(active, now.getTime()),
    reads.lastHeldSessions(active, now.getTime() + 1),
  ]);
  const notes = await Promise.all([...last.values()].map((s) => reads.noteOfSession(s.id)));
  const agreed = new Map(notes.flatMap((n) => (n?.nextMeeting ? [[n.sessionId, n.nextMeeting.at] as const] : [])));
  const history = new Map<string, RelationshipHistory>(
    active.map((id) => {
      const lastHeld = last.get(id) ?? null;
      return [id, { heldCount: counts.get(id) ?? 0, lastHeld, agreedNextMeetingAt: lastHeld ? (agreed.get(lastHeld.id) ?? null) : null }];
    }),
  );
  return { week, settings, data: { relationships, goals, sessions, weekActions, overdueActions, awaitingNote, history, settings } };
}

/** What the popup's first read gives: the week of `now` by the stored week start, and what its summary needs. */
export type RawWeek = { now: Date; week: Week; settings: Settings; data: WeekData };

/**
 * This week's data from the database as it is, read in raw IndexedDB (no Dexie, no zod), or null
 * when there is none to read this way (no database yet, an older one to upgrade, or any failure):
 * the caller then reads through Dexie, which creates, upgrades or reports. The connection is
 * closed once read.
 */
export async function readThisWeekRaw(factory: IDBFactory, now: Date, name = DB_NAME): Promise<RawWeek | null> {
  const db = await openExisting(factory, name);
  if (!db) return null;
  // The summary benchmark's timeline: opening a database cold is a good part of the first read.
  performance.mark('rapport:db-opened');
  try {
    const { week, settings, data } = await readWeek(rawWeekReads(db), now, (stored) => weekOf(now, stored.weekStartsOn));
    return { now, week, settings, data };
  } catch {
    return null;
  } finally {
    db.close();
  }
}
