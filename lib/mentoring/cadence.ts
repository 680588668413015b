import { addDays, differenceInCalendarDays, startOfDay } from 'date-fns';
import type { Relationship, Session } from '../schema';
import { fromDateOnly } from '../schema/date-only';

/** Sessions that count as held: measured or logged, not discarded or still live. */
export function heldSessions<S extends Pick<Session, 'status' | 'startedAt'>>(sessions: readonly S[]): S[] {
  return sessions
    .filter((s) => s.status === 'ended' || s.status === 'noted' || s.status === 'interrupted' || s.status === 'skipped')
    .sort((a, b) => a.startedAt - b.startedAt);
}

/** Days between meetings after `sessionsHeld` meetings: close together at first, then further apart. */
export function intervalDays(relationship: Pick<Relationship, 'cadence'>, sessionsHeld: number): number {
  const { earlyEveryDays, earlyMeetings, laterEveryDays } = relationship.cadence;
  return sessionsHeld < earlyMeetings ? earlyEveryDays : laterEveryDays;
}

/**
 * The suggested date of the next meeting: the last held session plus the interval the plan
 * gives at this point; before any session, the relationship's start date (or today, if later).
 */
export function suggestNextMeeting(
  relationship: Pick<Relationship, 'cadence' | 'startDate'>,
  sessions: readonly Pick<Session, 'status' | 'startedAt'>[],
  now: Date = new Date(),
): Date {
  const held = heldSessions(sessions);
  const last = held.at(-1);
  if (!last) {
    const start = fromDateOnly(relationship.startDate);
    return start > now ? start : startOfDay(now);
  }
  return startOfDay(addDays(new Date(last.startedAt), intervalDays(relationship, held.length)));
}

export type CadenceState = 'not-started' | 'kept' | 'slipping' | 'missed';

/**
 * Whether the cadence is being kept: on time (with a little grace: 20 % of the interval, at least
 * two days), slipping (late, but by less than one more interval) or missed.
 */
export function cadenceState(
  relationship: Pick<Relationship, 'cadence' | 'startDate'>,
  sessions: readonly Pick<Session, 'status' | 'startedAt'>[],
  now: Date = new Date(),
): { state: CadenceState; dueDate: Date; daysLate: number } {
  const held = heldSessions(sessions);
  const dueDate = suggestNextMeeting(relationship, sessions, now);
  const daysLate = Math.max(0, differenceInCalendarDays(now, dueDate));
  if (held.length === 0) return { state: 'not-started', dueDate, daysLate };
  const interval = intervalDays(relationship, held.length);
  const grace = Math.max(2, Math.round(interval * 0.2));
  const state: CadenceState = daysLate <= grace ? 'kept' : daysLate <= interval ? 'slipping' : 'missed';
  return { state, dueDate, daysLate };
}

/**
 * How many meetings the plan expected in [from, to) and how many were held, counting the plan
 * forward from the relationship's start with the interval in force at each step.
 */
export function plannedVsHeld(
  relationship: Pick<Relationship, 'cadence' | 'startDate'>,
  sessions: readonly Pick<Session, 'status' | 'startedAt'>[],
  from: Date,
  to: Date,
): { planned: number; held: number } {
  const held = heldSessions(sessions);
  let planned = 0;
  let date = fromDateOnly(relationship.startDate);
  for (let n = 0; date < to && n < 10_000; n++) {
    if (date >= from) planned++;
    date = addDays(date, intervalDays(relationship, n + 1));
  }
  const heldIn = held.filter((s) => s.startedAt >= from.getTime() && s.startedAt < to.getTime()).length;
  return { planned, held: heldIn };
}
