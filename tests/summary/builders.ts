import { DEFAULT_SETTINGS, type Action, type Goal, type Relationship, type Session } from '../../lib/schema';
import { emptyTalkStats } from '../../lib/schema/talk';
import type { RelationshipHistory, WeekData } from '../../lib/summary/week';
import * as records from '../records';

/*
 * The summary tests' shorthands over the shared record builders (tests/records.ts): records named
 * by id and local dates, with ids counted up.
 */

/** Local time from an ISO-like 'YYYY-MM-DDTHH:mm' string, read in the current TZ. */
export const local = (iso: string) => new Date(iso).getTime();

export function relationship(id: string, overrides: Partial<Relationship> = {}): Relationship {
  return records.relationship({
    id,
    counterpartName: id.replace(/^rel-/, '').replace(/^./, (c) => c.toUpperCase()),
    type: 'peer',
    agreement: {},
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  });
}

let counter = 0;

/** A held (noted) session of `lengthMin` minutes; `selfPct` sets a measured talk share. */
export function session(
  relationshipId: string | null,
  startIso: string,
  opts: Partial<Session> & { lengthMin?: number; selfPct?: number } = {},
): Session {
  const { lengthMin = 45, selfPct, ...overrides } = opts;
  const startedAt = local(startIso);
  const talk =
    selfPct === undefined
      ? null
      : {
          ...emptyTalkStats(),
          durationMs: lengthMin * 60_000,
          selfTalkMs: selfPct * 1000,
          otherTalkMs: (100 - selfPct) * 1000,
          selfShare: selfPct / 100,
        };
  return records.session({
    id: `s${++counter}`,
    relationshipId,
    platform: 'demo',
    startedAt,
    endedAt: startedAt + lengthMin * 60_000,
    lastSavedAt: startedAt + lengthMin * 60_000,
    talk,
    createdAt: startedAt,
    ...overrides,
  });
}

export function action(relationshipId: string, dueDate: string, overrides: Partial<Action> = {}): Action {
  return records.action({
    id: `a${++counter}`,
    relationshipId,
    sessionId: null,
    noteId: null,
    text: `Action due ${dueDate}`,
    dueDate,
    createdAt: 1,
    ...overrides,
  });
}

export function goal(relationshipId: string, title: string, history: Goal['history'] = [], overrides: Partial<Goal> = {}): Goal {
  const last = history.at(-1);
  return records.goal({
    id: `g${++counter}`,
    relationshipId,
    title,
    history,
    progress: last?.progress ?? 0,
    status: last?.status ?? 'not-started',
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  });
}

/** WeekData with sensible empties; history defaults to "counted from the sessions given". */
export function weekData(partial: Partial<WeekData>): WeekData {
  const relationships = partial.relationships ?? [];
  const sessions = partial.sessions ?? [];
  const history =
    partial.history ??
    new Map<string, RelationshipHistory>(
      relationships.map((r) => {
        const mine = sessions.filter((s) => s.relationshipId === r.id && s.status !== 'live').sort((a, b) => a.startedAt - b.startedAt);
        const last = mine.at(-1);
        return [
          r.id,
          { heldCount: mine.length, lastHeld: last ? { id: last.id, startedAt: last.startedAt } : null, agreedNextMeetingAt: null },
        ];
      }),
    );
  return {
    relationships,
    goals: [],
    sessions,
    weekActions: [],
    overdueActions: [],
    awaitingNote: [],
    settings: { targetShare: DEFAULT_SETTINGS.targetShare, weekStartsOn: 1 },
    ...partial,
    history,
  };
}

/** Runs `fn` (sync or async) with the process's local time zone set to `tz`, restoring it afterwards. */
export function inTimeZone<T>(tz: string, fn: () => T): T {
  const before = process.env.TZ;
  const restore = () => {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  };
  process.env.TZ = tz;
  let result: T;
  try {
    result = fn();
  } catch (error) {
    restore();
    throw error;
  }
  if (result instanceof Promise) return result.finally(restore) as T;
  restore();
  return result;
}
