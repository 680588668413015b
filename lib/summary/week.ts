import { addDays, addWeeks, startOfDay, startOfWeek } from 'date-fns';
import { heldSessions, intervalDays, plannedVsHeld } from '../mentoring/cadence';
import type { Action, Goal, GoalStatus, Relationship, Role, Session, Settings, TalkStats, TargetShare } from '../schema';
import { fromDateOnly, toDateOnly } from '../schema/date-only';

/** Weeks the talk-balance trend covers, ending with the week shown. */
export const TREND_WEEKS = 8;

/** One calendar week in the user's local time. */
export type Week = {
  /** Local midnight of the first day. */
  start: Date;
  /** Local midnight of the first day of the next week (exclusive end); 167, 168 or 169 hours after start around DST. */
  end: Date;
  /** First day as YYYY-MM-DD, comparable with due dates. */
  startDate: string;
  /** Last day (inclusive) as YYYY-MM-DD. */
  endDate: string;
};

export type WeekStartsOn = Settings['weekStartsOn'];

/** The week containing `anchor`, starting on `weekStartsOn` (0 Sunday, 1 Monday, 6 Saturday), in local time. */
export function weekOf(anchor: Date, weekStartsOn: WeekStartsOn): Week {
  const start = startOfWeek(anchor, { weekStartsOn });
  // addWeeks works on calendar days, so a week with a DST change still ends at local midnight.
  const end = addWeeks(start, 1);
  return { start, end, startDate: toDateOnly(start), endDate: toDateOnly(addDays(start, 6)) };
}

/** The week `by` weeks after (negative: before) the given one. */
export function shiftWeek(week: Week, by: number, weekStartsOn: WeekStartsOn): Week {
  // Anchor at noon so a DST jump can never push the anchor into the neighbouring day.
  const anchor = addWeeks(week.start, by);
  anchor.setHours(12);
  return weekOf(anchor, weekStartsOn);
}

/**
 * How far back the popup lists overdue actions: the popup is a glance at the weeks around now.
 * Older overdue actions still count in the relationship's health ("Needs attention") and are
 * listed on the options page. (Open actions have their own index, lib/db/digests.ts, so a
 * longer window would cost little.)
 */
export const OVERDUE_WEEKS = 12;

/** The first due date (YYYY-MM-DD) whose open actions the popup lists as overdue in `week`. */
export function overdueFrom(week: Week): string {
  return toDateOnly(addWeeks(week.start, -OVERDUE_WEEKS));
}

/** The day before a YYYY-MM-DD date, as YYYY-MM-DD. */
export function dayBefore(date: string): string {
  return toDateOnly(addDays(new Date(`${date}T12:00:00`), -1));
}

/** Wall-clock minutes a held session lasted, pauses excluded. */
export function sessionMinutes(s: Pick<Session, 'startedAt' | 'endedAt' | 'lastSavedAt' | 'pausedMs'>): number {
  const end = s.endedAt ?? s.lastSavedAt;
  return Math.max(0, end - s.startedAt - s.pausedMs) / 60_000;
}

/** The user's share of talk time over measured sessions, 0–100; null when nothing was measured. */
export function talkSharePercent(sessions: readonly { talk: Pick<TalkStats, 'selfTalkMs' | 'otherTalkMs'> | null }[]): number | null {
  let self = 0;
  let other = 0;
  for (const s of sessions) {
    if (!s.talk) continue;
    self += s.talk.selfTalkMs;
    other += s.talk.otherTalkMs;
  }
  return self + other > 0 ? (100 * self) / (self + other) : null;
}

/** Where a talk share sits against its target range. */
export type Balance = 'below' | 'within' | 'above' | 'unmeasured';

export function balanceOf(share: number | null, target: TargetShare): Balance {
  if (share === null) return 'unmeasured';
  // Compare rounded percentages: what the user reads is what decides.
  const shown = Math.round(share);
  return shown < target.min ? 'below' : shown > target.max ? 'above' : 'within';
}

/** The talk-share target that applies: the relationship's own, else the default for the user's role. */
export function targetFor(
  relationship: Pick<Relationship, 'targetShare' | 'myRole'>,
  settings: Pick<Settings, 'targetShare'>,
): TargetShare {
  return relationship.targetShare ?? settings.targetShare[relationship.myRole];
}

/** What is known about a relationship's past beyond the loaded weeks. */
export type RelationshipHistory = {
  /** Sessions held so far (all time, up to now). */
  heldCount: number;
  /** The latest held session before now. */
  lastHeld: Pick<Session, 'id' | 'startedAt'> | null;
  /** Next meeting agreed in that session's note, if any. */
  agreedNextMeetingAt: number | null;
};

/**
 * What the summary reads of a session: a full Session fits, and so does the small digest the
 * popup reads (lib/db/digests.ts), which leaves out the agenda, cues and talk timeline.
 */
export type SummarySession = Pick<Session, 'id' | 'relationshipId' | 'status' | 'startedAt' | 'endedAt' | 'lastSavedAt' | 'pausedMs'> & {
  talk: Pick<TalkStats, 'selfTalkMs' | 'otherTalkMs'> | null;
};

/** Everything the summary is computed from; lib/summary/load.ts reads it with indexed queries. */
export type WeekData = {
  relationships: readonly Relationship[];
  /** Goals; only those with a history entry in the week matter (lib/summary/load.ts reads just those). */
  goals: readonly Goal[];
  /** Sessions started in the trend window: the week shown and the weeks before it (only held ones count). */
  sessions: readonly SummarySession[];
  /** Actions due in the week, open or done. */
  weekActions: readonly Action[];
  /** Open actions due before the week (lib/summary/load.ts reads the last OVERDUE_WEEKS). */
  overdueActions: readonly Action[];
  /** Sessions whose note is still to write. */
  awaitingNote: readonly SummarySession[];
  history: ReadonlyMap<string, RelationshipHistory>;
  settings: Pick<Settings, 'targetShare' | 'weekStartsOn'>;
};

/** One week of the trend chart. */
export type TrendPoint = { weekStart: number; sessions: number; share: number | null };

/** The next meeting: agreed in the last note, or suggested by the cadence. */
export type NextMeeting = { at: number; source: 'agreed' | 'cadence'; late: boolean };

export type RelationshipWeek = {
  id: string;
  name: string;
  myRole: Role;
  status: Relationship['status'];
  sessions: number;
  minutes: number;
  /** User's share of talk this week, 0–100, null if not measured. */
  share: number | null;
  target: TargetShare;
  /** True when the target came from the relationship itself rather than the role default. */
  ownTarget: boolean;
  balance: Balance;
  trend: TrendPoint[];
  planned: number;
  held: number;
  next: NextMeeting | null;
  /** The next session's agenda was prepared on the options page (shown with the next meeting). */
  agendaPrepared: boolean;
};

export type ActionItem = {
  id: string;
  text: string;
  owner: Role;
  dueDate: string;
  done: boolean;
  relationshipName: string;
  /** Open and due before today. */
  overdue: boolean;
};

export type GoalMove = {
  goalId: string;
  title: string;
  relationshipName: string;
  from: number;
  to: number;
  status: GoalStatus;
  comment: string;
};

export type NoteToWrite = { sessionId: string; relationshipName: string | null; startedAt: number };

export type WeekSummary = {
  week: Week;
  /** The week shown contains now. */
  isCurrent: boolean;
  /** No relationship exists yet: show the first steps instead. */
  isNewUser: boolean;
  totals: { sessions: number; minutes: number };
  relationships: RelationshipWeek[];
  dueThisWeek: ActionItem[];
  overdue: ActionItem[];
  goalsMoved: GoalMove[];
  notesToWrite: NoteToWrite[];
};

const byStart = (a: { startedAt: number }, b: { startedAt: number }) => a.startedAt - b.startedAt;
const byDue = (a: ActionItem, b: ActionItem) => a.dueDate.localeCompare(b.dueDate) || a.text.localeCompare(b.text);

/**
 * The next meeting as of `now`: the date agreed in the last session's note when it is still
 * ahead, otherwise the cadence's suggestion (last held session plus the interval the plan gives
 * after that many sessions — the rule of lib/mentoring/cadence.ts suggestNextMeeting, fed from
 * counts so years of sessions need not be loaded).
 */
export function nextMeetingOf(
  relationship: Pick<Relationship, 'cadence' | 'startDate'>,
  history: RelationshipHistory,
  now: Date,
): NextMeeting {
  const today = startOfDay(now);
  if (history.agreedNextMeetingAt !== null && history.agreedNextMeetingAt >= today.getTime() && history.lastHeld) {
    return { at: history.agreedNextMeetingAt, source: 'agreed', late: false };
  }
  let at: Date;
  if (!history.lastHeld) {
    const start = fromDateOnly(relationship.startDate);
    at = start > today ? start : today;
  } else {
    at = startOfDay(addDays(new Date(history.lastHeld.startedAt), intervalDays(relationship, history.heldCount)));
  }
  return { at: at.getTime(), source: 'cadence', late: at < today };
}

const inWeek = (t: number, w: Week) => t >= w.start.getTime() && t < w.end.getTime();

/** Held sessions by relationship (unlinked ones left out). */
function heldByRelationship(held: readonly SummarySession[]): Map<string, SummarySession[]> {
  const heldBy = new Map<string, SummarySession[]>();
  for (const s of held) {
    if (s.relationshipId === null) continue;
    const list = heldBy.get(s.relationshipId) ?? [];
    list.push(s);
    heldBy.set(s.relationshipId, list);
  }
  return heldBy;
}

/** One relationship's week, or null for an ended relationship with nothing in the week shown. */
function relationshipWeek(
  r: Relationship,
  mine: readonly SummarySession[],
  data: WeekData,
  week: Week,
  now: Date,
): RelationshipWeek | null {
  const thisWeek = mine.filter((s) => inWeek(s.startedAt, week));
  if (r.status !== 'active' && thisWeek.length === 0) return null;
  const weekStartsOn = data.settings.weekStartsOn;
  const trendWeeks = Array.from({ length: TREND_WEEKS }, (_, i) => shiftWeek(week, i - (TREND_WEEKS - 1), weekStartsOn));
  const target = targetFor(r, data.settings);
  const share = talkSharePercent(thisWeek);
  const cadence = r.status === 'active' ? plannedVsHeld(r, mine, week.start, week.end) : { planned: 0, held: thisWeek.length };
  const history = data.history.get(r.id);
  return {
    id: r.id,
    name: r.counterpartName,
    myRole: r.myRole,
    status: r.status,
    sessions: thisWeek.length,
    minutes: Math.round(thisWeek.reduce((sum, s) => sum + sessionMinutes(s), 0)),
    share,
    target,
    ownTarget: r.targetShare !== null,
    balance: balanceOf(share, target),
    trend: trendWeeks.map((w) => {
      const ws = mine.filter((s) => inWeek(s.startedAt, w));
      return { weekStart: w.start.getTime(), sessions: ws.length, share: talkSharePercent(ws) };
    }),
    planned: cadence.planned,
    held: cadence.held,
    next: r.status === 'active' && history ? nextMeetingOf(r, history, now) : null,
    agendaPrepared: (r.nextAgenda?.length ?? 0) > 0,
  };
}

/** Goals whose progress, status or comment changed in the week: from the entry before it to its last. */
function goalsMovedIn(goals: readonly Goal[], week: Week, nameOf: ReadonlyMap<string, string>): GoalMove[] {
  const moved: GoalMove[] = [];
  for (const g of goals) {
    const entries = [...g.history].sort((a, b) => a.at - b.at);
    const firstIn = entries.findIndex((h) => inWeek(h.at, week));
    if (firstIn < 0) continue;
    const lastIn = entries.findLastIndex((h) => inWeek(h.at, week));
    const before = firstIn > 0 ? entries[firstIn - 1] : undefined;
    const last = entries[lastIn];
    if (!last) continue;
    const from = before?.progress ?? 0;
    const statusChanged = (before?.status ?? 'not-started') !== last.status;
    if (from === last.progress && !statusChanged && !last.comment) continue;
    moved.push({
      goalId: g.id,
      title: g.title,
      relationshipName: nameOf.get(g.relationshipId) ?? '',
      from,
      to: last.progress,
      status: last.status,
      comment: last.comment,
    });
  }
  return moved.sort((a, b) => b.to - b.from - (a.to - a.from) || a.title.localeCompare(b.title));
}

/** Computes the weekly summary. Pure: the same data and `now` always give the same summary. */
export function computeWeekSummary(data: WeekData, week: Week, now: Date): WeekSummary {
  const nameOf = new Map(data.relationships.map((r) => [r.id, r.counterpartName]));
  const todayDate = toDateOnly(now);
  const held = heldSessions(data.sessions);
  const heldThisWeek = held.filter((s) => inWeek(s.startedAt, week));
  const heldBy = heldByRelationship(held);
  const relationships = data.relationships.flatMap((r) => relationshipWeek(r, heldBy.get(r.id) ?? [], data, week, now) ?? []);
  // Who needs attention first: fewer sessions than planned, then by name.
  relationships.sort((a, b) => b.planned - b.held - (a.planned - a.held) || a.name.localeCompare(b.name));

  const toItem = (a: Action): ActionItem => ({
    id: a.id,
    text: a.text,
    owner: a.owner,
    dueDate: a.dueDate,
    done: a.done,
    relationshipName: nameOf.get(a.relationshipId) ?? '',
    overdue: !a.done && a.dueDate < todayDate,
  });

  return {
    week,
    isCurrent: inWeek(now.getTime(), week),
    isNewUser: data.relationships.length === 0,
    totals: { sessions: heldThisWeek.length, minutes: Math.round(heldThisWeek.reduce((sum, s) => sum + sessionMinutes(s), 0)) },
    relationships,
    dueThisWeek: data.weekActions.map(toItem).sort(byDue),
    overdue: data.overdueActions
      .filter((a) => !a.done)
      .map(toItem)
      .sort(byDue),
    goalsMoved: goalsMovedIn(data.goals, week, nameOf),
    notesToWrite: [...data.awaitingNote]
      .filter((s) => s.status === 'ended' || s.status === 'interrupted')
      .sort(byStart)
      .reverse()
      .map((s) => ({
        sessionId: s.id,
        relationshipName: s.relationshipId ? (nameOf.get(s.relationshipId) ?? null) : null,
        startedAt: s.startedAt,
      })),
  };
}
