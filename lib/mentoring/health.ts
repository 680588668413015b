import { formatDateOnly } from '../format/date';
import { addMonths } from 'date-fns';
import type { Translator } from '../i18n';
import type { Action, Goal, Note, Relationship, Session, TalkStats } from '../schema';
import { fromDateOnly, toDateOnly } from '../schema/date-only';
import { cadenceState, heldSessions, intervalDays } from './cadence';

/**
 * One thing worth the user's attention about a relationship, with the numbers that explain it.
 * `warning`: something is going wrong (the popup lists these). `info`: a review is due.
 * Turn a signal into words with {@link describeHealthSignal}.
 */
export type HealthSignal =
  | {
      kind: 'cadence-slipping' | 'cadence-missed';
      severity: 'warning';
      /** Days past the date the plan suggested. */
      daysLate: number;
      /** The suggested date, `YYYY-MM-DD`. */
      dueDate: string;
    }
  | {
      kind: 'actions-overdue';
      severity: 'warning';
      /** Open actions past their due date. */
      count: number;
      /** Of those, owned by the mentee (the mentee owns the plan). */
      menteeCount: number;
    }
  | {
      kind: 'actions-not-done';
      severity: 'warning';
      /** Actions due in the last 90 days that were done by their due date. */
      doneOnTime: number;
      /** Actions due in the last 90 days. */
      total: number;
    }
  | {
      kind: 'progress-stalled';
      severity: 'warning';
      /** Open goals whose progress has not moved. */
      goalIds: string[];
      goalTitles: string[];
      /** Sessions held since the longest-stalled goal last moved. */
      sessionsSince: number;
    }
  | {
      kind: 'meeting-too-often';
      severity: 'warning';
      /** Mean days between the recent meetings. */
      averageGapDays: number;
      /** Days between meetings the plan asks for. */
      plannedDays: number;
    }
  | {
      kind: 'mentor-talk-rising';
      severity: 'warning';
      /** The mentor's share of talk time, percent, in the first and last of the recent sessions. */
      fromPct: number;
      toPct: number;
      sessions: number;
    }
  | {
      kind: 'rapport-falling';
      severity: 'warning';
      /** Rapport ratings (1–5) of the first and last of the recent notes. */
      from: number;
      to: number;
    }
  | {
      kind: 'review-due';
      severity: 'info';
      /** `early`: after the first 2–3 sessions, is this a good match? `term`: the agreed term is over. `scheduled`: the plan's regular review. */
      reason: 'early' | 'term' | 'scheduled';
      /** For `term`: the day the term ended, `YYYY-MM-DD`. */
      date?: string;
    };

export type HealthSignalKind = HealthSignal['kind'];

/** The relationship's history, as read from the database. Only this relationship's records are used. */
export type HealthInput = {
  relationship: Relationship;
  /** Full sessions or their digests (lib/db/digests.ts): only the talk share is read of `talk`. */
  sessions: readonly (Pick<Session, 'id' | 'relationshipId' | 'status' | 'startedAt' | 'stage'> & {
    talk: Pick<TalkStats, 'selfShare'> | null;
  })[];
  notes: readonly Pick<Note, 'sessionId' | 'relationshipId' | 'rapportRating' | 'createdAt'>[];
  actions: readonly Pick<Action, 'relationshipId' | 'owner' | 'dueDate' | 'done' | 'doneAt'>[];
  goals: readonly Pick<Goal, 'id' | 'relationshipId' | 'title' | 'status' | 'progress' | 'history' | 'createdAt'>[];
  now?: Date;
};

/** How many recent sessions the trend rules look at. */
const TREND_WINDOW = 5;
const DAY_MS = 86_400_000;

/** End of a `YYYY-MM-DD` day in local time, as epoch ms. */
function endOfDateOnly(date: string): number {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(y, m - 1, d + 1).getTime() - 1;
}

/** Least-squares slope of evenly spaced values. */
function slope(values: readonly number[]): number {
  const n = values.length;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, v) => a + v, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((v, i) => {
    num += (i - meanX) * (v - meanY);
    den += (i - meanX) ** 2;
  });
  return den === 0 ? 0 : num / den;
}

function cadenceSignals(input: HealthInput, held: readonly { startedAt: number }[], now: Date): HealthSignal[] {
  const { state, dueDate, daysLate } = cadenceState(
    input.relationship,
    held.map((s) => ({ ...s, status: 'ended' as const })),
    now,
  );
  if (state === 'slipping' || state === 'missed') {
    return [
      { kind: state === 'slipping' ? 'cadence-slipping' : 'cadence-missed', severity: 'warning', daysLate, dueDate: toDateOnly(dueDate) },
    ];
  }
  return [];
}

/**
 * The actions the rules look at, as due-date bounds (YYYY-MM-DD): open ones due before `today`,
 * and any due from `since` (90 days back) to before `today`. A reader need load no others.
 */
export function healthActionDates(now: Date): { today: string; since: string } {
  return { today: toDateOnly(now), since: toDateOnly(new Date(now.getTime() - 90 * DAY_MS)) };
}

function actionSignals(input: HealthInput, now: Date): HealthSignal[] {
  const { today, since } = healthActionDates(now);
  const signals: HealthSignal[] = [];
  const overdue = input.actions.filter((a) => !a.done && a.dueDate < today);
  if (overdue.length > 0) {
    signals.push({
      kind: 'actions-overdue',
      severity: 'warning',
      count: overdue.length,
      menteeCount: overdue.filter((a) => a.owner === 'mentee').length,
    });
  }
  // A pattern rather than today's backlog: most of what was agreed lately was not done in time.
  const recent = input.actions.filter((a) => a.dueDate >= since && a.dueDate < today);
  const doneOnTime = recent.filter((a) => a.done && a.doneAt !== null && a.doneAt <= endOfDateOnly(a.dueDate)).length;
  if (recent.length >= 3 && doneOnTime / recent.length < 0.5) {
    signals.push({ kind: 'actions-not-done', severity: 'warning', doneOnTime, total: recent.length });
  }
  return signals;
}

/** When a goal last moved forward: its last history entry that raised progress or changed status, else its creation. */
function lastMoved(goal: HealthInput['goals'][number]): number {
  let at = goal.createdAt;
  let progress = 0;
  let status: string = 'not-started';
  for (const h of [...goal.history].sort((a, b) => a.at - b.at)) {
    if (h.progress > progress || h.status !== status) at = h.at;
    progress = h.progress;
    status = h.status;
  }
  return at;
}

function progressSignals(input: HealthInput, held: readonly { startedAt: number }[], now: Date): HealthSignal[] {
  const stalled: { goal: HealthInput['goals'][number]; sessionsSince: number }[] = [];
  for (const goal of input.goals) {
    if (goal.status !== 'not-started' && goal.status !== 'in-progress') continue;
    const moved = lastMoved(goal);
    const sessionsSince = held.filter((s) => s.startedAt > moved).length;
    // Three meetings and six weeks without movement: long enough to be a pattern, not a busy month.
    if (sessionsSince >= 3 && now.getTime() - moved >= 42 * DAY_MS) stalled.push({ goal, sessionsSince });
  }
  if (stalled.length === 0) return [];
  return [
    {
      kind: 'progress-stalled',
      severity: 'warning',
      goalIds: stalled.map((s) => s.goal.id),
      goalTitles: stalled.map((s) => s.goal.title),
      sessionsSince: Math.max(...stalled.map((s) => s.sessionsSince)),
    },
  ];
}

function dependenceSignals(input: HealthInput, held: readonly HealthInput['sessions'][number][], now: Date): HealthSignal[] {
  const signals: HealthSignal[] = [];
  // Meeting far more often than agreed: the recent gaps against the plan's interval at each point.
  const recentStart = Math.max(0, held.length - (TREND_WINDOW + 1));
  const recent = held.slice(recentStart);
  if (recent.length >= 4 && now.getTime() - recent.at(-1)!.startedAt < 60 * DAY_MS) {
    let gapDays = 0;
    let planned = 0;
    for (let i = 1; i < recent.length; i++) {
      gapDays += (recent[i]!.startedAt - recent[i - 1]!.startedAt) / DAY_MS;
      planned += intervalDays(input.relationship, recentStart + i);
    }
    const gaps = recent.length - 1;
    if (gapDays / gaps < (planned / gaps) * 0.5) {
      signals.push({
        kind: 'meeting-too-often',
        severity: 'warning',
        averageGapDays: Math.round((gapDays / gaps) * 10) / 10,
        plannedDays: Math.round(planned / gaps),
      });
    }
  }
  // The mentor's talk share rising session after session: the mentee is being told, not heard.
  const shares = held
    .filter((s) => s.talk?.selfShare !== null && s.talk?.selfShare !== undefined)
    .slice(-TREND_WINDOW)
    .map((s) => (input.relationship.myRole === 'mentor' ? s.talk!.selfShare! : 1 - s.talk!.selfShare!));
  if (shares.length >= 3) {
    const rise = shares.at(-1)! - shares[0]!;
    const risingSteps = shares.slice(1).filter((v, i) => v > shares[i]!).length;
    if (rise >= 0.1 && slope(shares) >= 0.03 && risingSteps >= shares.length - 2) {
      signals.push({
        kind: 'mentor-talk-rising',
        severity: 'warning',
        fromPct: Math.round(shares[0]! * 100),
        toPct: Math.round(shares.at(-1)! * 100),
        sessions: shares.length,
      });
    }
  }
  return signals;
}

function rapportSignals(input: HealthInput, held: readonly HealthInput['sessions'][number][]): HealthSignal[] {
  const startedAt = new Map(held.map((s) => [s.id, s.startedAt]));
  const ratings = input.notes
    .filter((n) => n.rapportRating !== null)
    .sort((a, b) => (startedAt.get(a.sessionId) ?? a.createdAt) - (startedAt.get(b.sessionId) ?? b.createdAt))
    .slice(-3)
    .map((n) => n.rapportRating!);
  if (ratings.length < 3) return [];
  const nonIncreasing = ratings.every((r, i) => i === 0 || r <= ratings[i - 1]!);
  const drop = ratings[0]! - ratings.at(-1)!;
  // 5, 5, 4 is noise; 5, 4, 3 or a slide down to 2 is worth a conversation.
  if (nonIncreasing && drop >= 1 && (drop >= 2 || ratings.at(-1)! <= 2)) {
    return [{ kind: 'rapport-falling', severity: 'warning', from: ratings[0]!, to: ratings.at(-1)! }];
  }
  return [];
}

function reviewSignals(input: HealthInput, held: readonly HealthInput['sessions'][number][], now: Date): HealthSignal[] {
  const { relationship } = input;
  const lastReview = Math.max(relationship.reviewedAt ?? 0, ...held.filter((s) => s.stage === 'review').map((s) => s.startedAt));
  const termEnd = addMonths(fromDateOnly(relationship.startDate), relationship.termMonths);
  if (now >= termEnd && lastReview < termEnd.getTime()) {
    return [{ kind: 'review-due', severity: 'info', reason: 'term', date: toDateOnly(termEnd) }];
  }
  // The method: rapport may fail in the early sessions, so check the match after two or three.
  if ((held.length === 2 || held.length === 3) && lastReview === 0) return [{ kind: 'review-due', severity: 'info', reason: 'early' }];
  // The regular review of the relationship itself, every sixth session (as the stage plan has it).
  const sinceReview = held.filter((s) => s.startedAt > lastReview).length;
  if (held.length >= 5 && sinceReview >= 5) return [{ kind: 'review-due', severity: 'info', reason: 'scheduled' }];
  return [];
}

/**
 * Health signals of one relationship, worst first (warnings, then reviews due). A relationship that
 * is paused, completed or concluded has none: nobody expects it to meet.
 */
export function relationshipHealth(input: HealthInput): HealthSignal[] {
  const now = input.now ?? new Date();
  const { relationship } = input;
  if (relationship.status !== 'active') return [];
  const own = <T extends { relationshipId: string | null }>(rows: readonly T[]) => rows.filter((r) => r.relationshipId === relationship.id);
  const scoped: HealthInput = {
    relationship,
    sessions: own(input.sessions),
    notes: own(input.notes),
    actions: own(input.actions),
    goals: own(input.goals),
    now,
  };
  const held = heldSessions(scoped.sessions).filter((s) => s.startedAt <= now.getTime());
  return [
    ...cadenceSignals(scoped, held, now),
    ...actionSignals(scoped, now),
    ...progressSignals(scoped, held, now),
    ...dependenceSignals(scoped, held, now),
    ...rapportSignals(scoped, held),
    ...reviewSignals(scoped, held, now),
  ];
}

/** Whether any signal is a warning (the popup's "needs attention"). */
export function hasHealthWarning(signals: readonly HealthSignal[]): boolean {
  return signals.some((s) => s.severity === 'warning');
}

/** A signal explained in one sentence, in the user's language. */
export function describeHealthSignal(signal: HealthSignal, t: Translator, language: 'en' | 'nb' = 'en'): string {
  const date = (s: string) => formatDateOnly(s, language);
  switch (signal.kind) {
    case 'cadence-slipping':
      return t('options', 'healthCadenceSlipping', { days: signal.daysLate, date: date(signal.dueDate) });
    case 'cadence-missed':
      return t('options', 'healthCadenceMissed', { days: signal.daysLate, date: date(signal.dueDate) });
    case 'actions-overdue':
      return signal.menteeCount > 0
        ? t('options', 'healthActionsOverdueMentee', { count: signal.count, mentee: signal.menteeCount })
        : t('options', 'healthActionsOverdue', { count: signal.count });
    case 'actions-not-done':
      return t('options', 'healthActionsNotDone', { done: signal.doneOnTime, total: signal.total });
    case 'progress-stalled':
      return t('options', 'healthProgressStalled', { goals: signal.goalTitles.join(', '), sessions: signal.sessionsSince });
    case 'meeting-too-often':
      return t('options', 'healthMeetingTooOften', { gap: signal.averageGapDays, planned: signal.plannedDays });
    case 'mentor-talk-rising':
      return t('options', 'healthMentorTalkRising', { from: signal.fromPct, to: signal.toPct, sessions: signal.sessions });
    case 'rapport-falling':
      return t('options', 'healthRapportFalling', { from: signal.from, to: signal.to });
    case 'review-due':
      if (signal.reason === 'early') return t('options', 'healthReviewEarly');
      if (signal.reason === 'term') return t('options', 'healthReviewTerm', { date: date(signal.date ?? '') });
      return t('options', 'healthReviewScheduled');
  }
}
