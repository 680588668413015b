import { describe, expect, it } from 'vitest';
import {
  balanceVerdict,
  goalsForNote,
  goalUpdatesToSave,
  linkedGoalIds,
  preferredWay,
  sessionFacts,
  suggestedNextMeetingAt,
  targetShareOf,
} from '../../lib/notes/facts';
import { nextMeetingIcs, safeFileName } from '../../lib/notes/ics';
import { DEFAULT_SETTINGS, GoalSchema, RelationshipSchema, SessionSchema, emptyTalkStats, type Session } from '../../lib/schema';

const relationship = RelationshipSchema.parse({
  id: 'rel',
  counterpartName: 'Alex',
  myRole: 'mentor',
  type: 'peer',
  mentorOrigin: 'internal',
  startDate: '2026-01-05',
  agreement: { waysOfMeeting: ['face-to-face', 'video'], usualLengthMin: 60 },
  createdAt: 1,
  updatedAt: 1,
});
const started = new Date(2026, 10, 20, 14, 7).getTime();
function session(overrides: Partial<Session> = {}): Session {
  return SessionSchema.parse({
    id: 's1',
    relationshipId: 'rel',
    platform: 'meet',
    stage: 'progress',
    plannedLengthMin: 45,
    agenda: [
      { id: 'a', title: 'Roadmap', timeboxMin: 10, goalIds: ['g2'], done: true, spentMs: 12 * 60_000 },
      { id: 'b', title: 'Open', timeboxMin: 10, done: false, spentMs: 0 },
    ],
    startedAt: started,
    endedAt: started + 50 * 60_000,
    pausedMs: 5 * 60_000,
    lastSavedAt: started,
    talk: { ...emptyTalkStats(), selfShare: 0.55 },
    cuesShown: [
      { kind: 'monologue', atMs: 1 },
      { kind: 'monologue', atMs: 2 },
      { kind: 'wrap-up', atMs: 3 },
    ],
    status: 'ended',
    createdAt: started,
    ...overrides,
  });
}
const goal = (id: string, status: 'not-started' | 'in-progress' | 'achieved', createdAt: number) =>
  GoalSchema.parse({ id, relationshipId: 'rel', title: id, status, createdAt, updatedAt: createdAt });

describe('session facts for the note', () => {
  it('sums up length without pauses, agenda, balance against the role target, and cues', () => {
    const facts = sessionFacts(session(), relationship, DEFAULT_SETTINGS);
    expect(facts.durationMs).toBe(45 * 60_000);
    expect(facts.agenda).toEqual([
      { title: 'Roadmap', done: true, spentMs: 12 * 60_000, timeboxMin: 10 },
      { title: 'Open', done: false, spentMs: 0, timeboxMin: 10 },
    ]);
    expect(facts.talk).toMatchObject({ sharePct: 55, target: { min: 20, max: 40 }, verdict: 'above' });
    expect(facts.cues).toEqual({ monologue: 2, 'wrap-up': 1 });
    expect(sessionFacts(session({ talk: null }), relationship, DEFAULT_SETTINGS).talk).toBeNull();
  });

  it('uses the relationship’s own target when it has one', () => {
    expect(targetShareOf({ ...relationship, targetShare: { min: 50, max: 60 } }, DEFAULT_SETTINGS)).toEqual({ min: 50, max: 60 });
    expect(targetShareOf({ ...relationship, myRole: 'mentee' }, DEFAULT_SETTINGS)).toEqual({ min: 50, max: 80 });
    expect([
      balanceVerdict(19, { min: 20, max: 40 }),
      balanceVerdict(20, { min: 20, max: 40 }),
      balanceVerdict(41, { min: 20, max: 40 }),
    ]).toEqual(['below', 'within', 'above']);
  });

  it('asks about the goals the agenda served and those a saved note updated first, then every other open goal', () => {
    const goals = [goal('g1', 'in-progress', 1), goal('g2', 'in-progress', 2), goal('g3', 'achieved', 3), goal('g4', 'not-started', 4)];
    expect(goalsForNote(session(), goals, null).map((g) => g.id)).toEqual(['g2', 'g1', 'g4']);
    expect(goalsForNote(session({ agenda: [] }), goals, null).map((g) => g.id)).toEqual(['g1', 'g2', 'g4']);
    const note = { goalUpdates: [{ goalId: 'g3', status: 'achieved' as const, progress: 100, comment: '' }] };
    expect(goalsForNote(session(), goals, note as never).map((g) => g.id)).toEqual(['g2', 'g3', 'g1', 'g4']);
    expect([...linkedGoalIds(session(), note as never)].sort()).toEqual(['g2', 'g3']);
  });

  it('saves an unlinked goal only when the user changed it', () => {
    const goals = [goal('g1', 'in-progress', 1), goal('g2', 'in-progress', 2), goal('g4', 'not-started', 4)];
    const row = (goalId: string, status: 'not-started' | 'in-progress', progress: number, comment = '') => ({
      goalId,
      status,
      progress,
      comment,
    });
    const [g1, g2, g4] = goals.map((g) => row(g.id, g.status as 'not-started' | 'in-progress', g.progress));
    const linked = new Set(['g2']);
    expect(goalUpdatesToSave([g2!, g1!, g4!], goals, linked).map((u) => u.goalId)).toEqual(['g2']);
    expect(goalUpdatesToSave([g2!, { ...g1!, progress: g1!.progress + 10 }, g4!], goals, linked).map((u) => u.goalId)).toEqual([
      'g2',
      'g1',
    ]);
    expect(goalUpdatesToSave([g2!, g1!, { ...g4!, comment: 'Talked about it' }], goals, linked).map((u) => u.goalId)).toEqual(['g2', 'g4']);
  });

  it('suggests the next meeting by the cadence, in the same time slot, never in the past', () => {
    const now = new Date(2026, 10, 20, 15, 0);
    // One session held, early phase: a week later, at 14:00 (14:07 to the nearest quarter).
    const at = suggestedNextMeetingAt(relationship, [session()], session(), now);
    expect([at.getFullYear(), at.getMonth(), at.getDate(), at.getHours(), at.getMinutes()]).toEqual([2026, 10, 27, 14, 0]);
    // A note written long after: tomorrow instead of a day already gone.
    const late = suggestedNextMeetingAt(relationship, [session()], session(), new Date(2027, 0, 10, 9, 0));
    expect([late.getMonth(), late.getDate(), late.getHours()]).toEqual([0, 11, 14]);
  });

  it('prefers the agreement’s way of meeting', () => {
    expect(preferredWay(relationship, session())).toBe('face-to-face');
    expect(
      preferredWay({ ...relationship, agreement: { ...relationship.agreement, waysOfMeeting: [] } }, session({ wayOfMeeting: 'phone' })),
    ).toBe('phone');
  });
});

describe('next meeting as .ics', () => {
  it('is one event at the planned instant, as long as the agreed meeting, with a stable id', () => {
    const at = Date.UTC(2026, 11, 3, 13, 30);
    const ics = nextMeetingIcs({ id: 'note-1', nextMeeting: { at, way: 'video' }, updatedAt: at - 1000 }, relationship, {
      title: 'Mentoring: Alex',
      description: 'Video',
    });
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain('UID:note-1@rapport.local');
    expect(ics).toContain('DTSTART:20261203T133000Z');
    expect(ics).toContain('DURATION:PT60M');
    expect(ics).toContain('SUMMARY:Mentoring: Alex');
    expect(() => nextMeetingIcs({ id: 'n', nextMeeting: null, updatedAt: 1 }, relationship, { title: '', description: '' })).toThrow();
  });

  it('makes safe file names', () => {
    expect(safeFileName('rapport-A/B: "C"\u0007-2026')).toBe('rapport-A-B- -C---2026');
    expect(safeFileName('')).toBe('rapport');
  });
});
