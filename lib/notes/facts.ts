import { addMinutes, startOfDay } from 'date-fns';
import { suggestNextMeeting } from '../mentoring/cadence';
import type { CueKind, Goal, Note, Relationship, Session, Settings, TargetShare, WayOfMeeting } from '../schema';

/** How the user's share of talk time compares with the target range. */
export type BalanceVerdict = 'below' | 'within' | 'above';

/** What the note shows about the session it follows: facts, not input. */
export type SessionFacts = {
  /** Time the call ran, pauses left out; null while it has no end. */
  durationMs: number | null;
  agenda: { title: string; done: boolean; spentMs: number; timeboxMin: number }[];
  talk: {
    /** The user's share, 0–100, rounded; null when nobody talked. */
    sharePct: number | null;
    target: TargetShare;
    verdict: BalanceVerdict | null;
    longestMonologueMs: { self: number; other: number };
    meanResponseGapMs: { self: number | null; other: number | null };
  } | null;
  /** How many cues of each kind were shown during the call. */
  cues: Partial<Record<CueKind, number>>;
};

/** The talk-share target for this relationship: its own, else the default of the user's role. */
export function targetShareOf(
  relationship: Pick<Relationship, 'targetShare' | 'myRole'>,
  settings: Pick<Settings, 'targetShare'>,
): TargetShare {
  return relationship.targetShare ?? settings.targetShare[relationship.myRole];
}

export function balanceVerdict(sharePct: number, target: TargetShare): BalanceVerdict {
  return sharePct < target.min ? 'below' : sharePct > target.max ? 'above' : 'within';
}

export function sessionFacts(session: Session, relationship: Relationship, settings: Pick<Settings, 'targetShare'>): SessionFacts {
  const durationMs = session.endedAt === null ? null : Math.max(0, session.endedAt - session.startedAt - session.pausedMs);
  const target = targetShareOf(relationship, settings);
  let talk: SessionFacts['talk'] = null;
  if (session.talk) {
    const sharePct = session.talk.selfShare === null ? null : Math.round(session.talk.selfShare * 100);
    talk = {
      sharePct,
      target,
      verdict: sharePct === null ? null : balanceVerdict(sharePct, target),
      longestMonologueMs: session.talk.metrics.longestMonologueMs,
      meanResponseGapMs: session.talk.metrics.meanResponseGapMs,
    };
  }
  const cues: SessionFacts['cues'] = {};
  for (const cue of session.cuesShown) cues[cue.kind] = (cues[cue.kind] ?? 0) + 1;
  return {
    durationMs,
    agenda: session.agenda.map((a) => ({ title: a.title, done: a.done, spentMs: a.spentMs, timeboxMin: a.timeboxMin })),
    talk,
    cues,
  };
}

/** Goals the session's agenda served, and those a saved note already updated. */
export function linkedGoalIds(session: Session, note: Pick<Note, 'goalUpdates'> | null): Set<string> {
  const linked = new Set(session.agenda.flatMap((a) => a.goalIds));
  for (const u of note?.goalUpdates ?? []) linked.add(u.goalId);
  return linked;
}

/**
 * The goals the note asks about: first those the session's agenda served and those a saved note
 * already updated, then every other open goal of the relationship, so a mentor can record
 * progress on a goal the agenda did not name. Each group oldest goal first.
 */
export function goalsForNote(session: Session, goals: readonly Goal[], note: Pick<Note, 'goalUpdates'> | null): Goal[] {
  const linked = linkedGoalIds(session, note);
  const byAge = (a: Goal, b: Goal) => a.createdAt - b.createdAt;
  const first = goals.filter((g) => linked.has(g.id)).sort(byAge);
  const open = goals.filter((g) => !linked.has(g.id) && (g.status === 'not-started' || g.status === 'in-progress')).sort(byAge);
  return [...first, ...open];
}

/**
 * The goal updates worth saving: every linked goal (it was worked on, so it gets a line in its
 * history), and another open goal only when the user changed its status or progress or wrote a
 * comment — offering a goal must not stamp its history.
 */
export function goalUpdatesToSave<U extends { goalId: string; status: Goal['status']; progress: number; comment: string }>(
  updates: readonly U[],
  goals: readonly Goal[],
  linked: ReadonlySet<string>,
): U[] {
  const byId = new Map(goals.map((g) => [g.id, g]));
  return updates.filter((u) => {
    if (linked.has(u.goalId)) return true;
    const g = byId.get(u.goalId);
    return !g || g.status !== u.status || g.progress !== u.progress || u.comment.trim() !== '';
  });
}

/**
 * The next meeting the cadence suggests, at the time of day this session started (to the
 * nearest quarter hour): people tend to keep a regular slot.
 */
export function suggestedNextMeetingAt(
  relationship: Relationship,
  sessions: readonly Session[],
  session: Session,
  now: Date = new Date(),
): Date {
  const day = suggestNextMeeting(relationship, sessions, now);
  const started = new Date(session.startedAt);
  const minutes = Math.round((started.getHours() * 60 + started.getMinutes()) / 15) * 15;
  const at = addMinutes(startOfDay(day), Math.min(minutes, 23 * 60 + 45));
  // A suggestion already in the past (a late note for an old session) moves to tomorrow.
  return at.getTime() > now.getTime() ? at : addMinutes(startOfDay(addMinutes(startOfDay(now), 24 * 60)), Math.min(minutes, 23 * 60 + 45));
}

/** The way of meeting the agreement prefers, else the way this session was held. */
export function preferredWay(relationship: Relationship, session: Session): WayOfMeeting {
  return relationship.agreement.waysOfMeeting[0] ?? session.wayOfMeeting;
}
