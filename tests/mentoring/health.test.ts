import { describe, expect, it } from 'vitest';
import {
  describeHealthSignal,
  hasHealthWarning,
  relationshipHealth,
  type HealthInput,
  type HealthSignal,
} from '../../lib/mentoring/health';
import { createTranslator } from '../../lib/i18n';
import { emptyTalkStats, type Session } from '../../lib/schema';
import { action, DAY, goal, note, relationship, session } from '../records';

// Local dates, so the tests mean the same in any time zone.
const day = (y: number, m: number, d: number, h = 10) => new Date(y, m - 1, d, h).getTime();
const NOW = new Date(2026, 3, 1, 12); // 1 Apr 2026

/** Held sessions at the given local dates. */
function held(dates: number[], extra: (i: number) => Partial<Session> = () => ({})): Session[] {
  return dates.map((startedAt, i) => session({ id: `s${i}`, startedAt, status: 'noted', stage: 'progress', ...extra(i) }));
}

function health(over: Partial<HealthInput>): HealthSignal[] {
  return relationshipHealth({
    relationship: relationship({ startDate: '2026-01-05' }),
    sessions: [],
    notes: [],
    actions: [],
    goals: [],
    now: NOW,
    ...over,
  });
}

const kinds = (signals: HealthSignal[]) => signals.map((s) => s.kind);

describe('relationshipHealth', () => {
  it('finds nothing wrong with a relationship that keeps its plan', () => {
    // Weekly for five meetings, then monthly; last meeting 20 days ago; a review was held.
    const dates = [day(2026, 1, 5), day(2026, 1, 12), day(2026, 1, 19), day(2026, 1, 26), day(2026, 2, 2), day(2026, 3, 12)];
    const signals = health({ sessions: held(dates, (i) => (i === 2 ? { stage: 'review' } : {})) });
    expect(signals).toEqual([]);
    expect(hasHealthWarning(signals)).toBe(false);
  });

  it('says the cadence is slipping, then missed, as the next meeting gets later', () => {
    const dates = [day(2026, 1, 5), day(2026, 1, 12), day(2026, 1, 19), day(2026, 1, 26), day(2026, 2, 2)];
    const rel = relationship({ reviewedAt: day(2026, 1, 20) });
    // Due 4 March (monthly after five meetings); 10 days late on 14 March, 28 days... missed after 30.
    const slipping = health({ relationship: rel, sessions: held(dates), now: new Date(2026, 2, 14, 12) });
    expect(slipping).toContainEqual({ kind: 'cadence-slipping', severity: 'warning', daysLate: 10, dueDate: '2026-03-04' });
    const missed = health({ relationship: rel, sessions: held(dates), now: new Date(2026, 3, 10, 12) });
    expect(missed).toContainEqual({ kind: 'cadence-missed', severity: 'warning', daysLate: 37, dueDate: '2026-03-04' });
  });

  it('does not count sessions that are live or belong to another relationship', () => {
    const dates = [day(2026, 3, 25)];
    const sessions = [
      ...held(dates),
      session({ id: 'live', startedAt: day(2026, 3, 31), status: 'live' }),
      session({ id: 'x', relationshipId: 'other', startedAt: day(2026, 3, 30) }),
    ];
    expect(health({ sessions })).toEqual([]);
  });

  it('counts overdue actions and names those the mentee owns', () => {
    const actions = [
      action({ id: 'a1', owner: 'mentee', dueDate: '2026-03-30' }),
      action({ id: 'a2', owner: 'mentor', dueDate: '2026-03-31' }),
      action({ id: 'a3', owner: 'mentee', dueDate: '2026-04-01' }), // due today: not overdue yet
      action({ id: 'a4', owner: 'mentee', dueDate: '2026-03-01', done: true, doneAt: day(2026, 2, 27) }),
    ];
    expect(health({ actions })).toContainEqual({ kind: 'actions-overdue', severity: 'warning', count: 2, menteeCount: 1 });
  });

  it('notices when most recent actions were not done on time, even if done late', () => {
    const late = (id: string, due: string, doneAt: number) => action({ id, dueDate: due, done: true, doneAt });
    const actions = [
      late('a1', '2026-02-10', day(2026, 2, 20)),
      late('a2', '2026-02-24', day(2026, 3, 5)),
      late('a3', '2026-03-10', day(2026, 3, 10, 23)), // on the due day itself: on time
    ];
    expect(health({ actions })).toContainEqual({ kind: 'actions-not-done', severity: 'warning', doneOnTime: 1, total: 3 });
    expect(kinds(health({ actions: actions.slice(0, 2) }))).not.toContain('actions-not-done'); // two is too few to call a pattern
  });

  it('flags goals that have not moved in three sessions and six weeks', () => {
    const dates = [day(2026, 2, 1), day(2026, 2, 15), day(2026, 3, 1), day(2026, 3, 15), day(2026, 3, 29)];
    const stuck = goal({
      id: 'g1',
      title: 'Present to the board',
      status: 'in-progress',
      progress: 30,
      createdAt: day(2026, 1, 10),
      history: [{ at: day(2026, 2, 1), progress: 30, status: 'in-progress', comment: '', noteId: null }],
    });
    const moving = goal({
      id: 'g2',
      title: 'Delegate',
      status: 'in-progress',
      progress: 50,
      createdAt: day(2026, 1, 10),
      history: [{ at: day(2026, 3, 15), progress: 50, status: 'in-progress', comment: '', noteId: null }],
    });
    const done = goal({ id: 'g3', status: 'achieved', progress: 100, createdAt: day(2026, 1, 10) });
    const signals = health({
      sessions: held(dates),
      goals: [stuck, moving, done],
      relationship: relationship({ reviewedAt: day(2026, 2, 1) }),
    });
    expect(signals).toContainEqual({
      kind: 'progress-stalled',
      severity: 'warning',
      goalIds: ['g1'],
      goalTitles: ['Present to the board'],
      sessionsSince: 4,
    });
  });

  it('a progress entry that only repeats the same number does not count as movement', () => {
    const dates = [day(2026, 2, 1), day(2026, 2, 15), day(2026, 3, 1), day(2026, 3, 15)];
    const g = goal({
      status: 'in-progress',
      progress: 30,
      createdAt: day(2026, 1, 10),
      history: [
        { at: day(2026, 1, 20), progress: 30, status: 'in-progress', comment: '', noteId: null },
        { at: day(2026, 3, 15), progress: 30, status: 'in-progress', comment: 'still stuck', noteId: null },
      ],
    });
    expect(kinds(health({ sessions: held(dates), goals: [g] }))).toContain('progress-stalled');
  });

  it('warns of over-dependence when meeting far more often than agreed', () => {
    // Plan: a week after the first meeting, then monthly (on average 25 days over these gaps); they meet every three days.
    const rel = relationship({ cadence: { earlyEveryDays: 7, earlyMeetings: 2, laterEveryDays: 30 }, reviewedAt: day(2026, 3, 1) });
    const dates = [0, 3, 6, 9, 12, 15].map((d) => day(2026, 3, 10) + d * DAY);
    expect(health({ relationship: rel, sessions: held(dates) })).toContainEqual({
      kind: 'meeting-too-often',
      severity: 'warning',
      averageGapDays: 3,
      plannedDays: 25,
    });
    // The weekly early phase met weekly: nothing to say.
    const weekly = [0, 7, 14, 21].map((d) => day(2026, 3, 4) + d * DAY);
    expect(kinds(health({ sessions: held(weekly), relationship: relationship({ reviewedAt: day(2026, 3, 1) }) }))).not.toContain(
      'meeting-too-often',
    );
  });

  it("warns when the mentor's talk share rises session after session, whichever role the user has", () => {
    const dates = [day(2026, 2, 2), day(2026, 2, 16), day(2026, 3, 2), day(2026, 3, 16), day(2026, 3, 30)];
    const withShare = (shares: number[]) => held(dates, (i) => ({ talk: { ...emptyTalkStats(), selfShare: shares[i]! } }));
    const asMentor = health({ sessions: withShare([0.3, 0.35, 0.42, 0.5, 0.6]) });
    expect(asMentor).toContainEqual({ kind: 'mentor-talk-rising', severity: 'warning', fromPct: 30, toPct: 60, sessions: 5 });
    // As mentee, the mentor's share is 1 − mine: my share falling means theirs rising.
    const asMentee = health({ relationship: relationship({ myRole: 'mentee' }), sessions: withShare([0.7, 0.65, 0.58, 0.5, 0.4]) });
    expect(kinds(asMentee)).toContain('mentor-talk-rising');
    // Noisy but flat: no warning.
    expect(kinds(health({ sessions: withShare([0.3, 0.4, 0.3, 0.35, 0.32]) }))).not.toContain('mentor-talk-rising');
  });

  it('warns when rapport ratings fall, but not on a one-point dip from the top', () => {
    const dates = [day(2026, 2, 2), day(2026, 2, 16), day(2026, 3, 2), day(2026, 3, 16)];
    const notes = (ratings: number[]) => ratings.map((r, i) => note({ id: `n${i}`, sessionId: `s${i}`, rapportRating: r }));
    expect(health({ sessions: held(dates), notes: notes([5, 5, 4, 3]) })).toContainEqual({
      kind: 'rapport-falling',
      severity: 'warning',
      from: 5,
      to: 3,
    });
    expect(kinds(health({ sessions: held(dates), notes: notes([3, 5, 5, 4]) }))).not.toContain('rapport-falling');
    expect(kinds(health({ sessions: held(dates), notes: notes([4, 3, 3, 2]) }))).toContain('rapport-falling');
  });

  it('suggests an early review after the first two or three sessions, until one is recorded', () => {
    const two = held([day(2026, 3, 18), day(2026, 3, 25)]);
    expect(health({ sessions: two })).toEqual([{ kind: 'review-due', severity: 'info', reason: 'early' }]);
    expect(hasHealthWarning(health({ sessions: two }))).toBe(false);
    expect(health({ sessions: two, relationship: relationship({ reviewedAt: day(2026, 3, 26) }) })).toEqual([]);
    expect(health({ sessions: held([day(2026, 3, 25)]) })).toEqual([]);
  });

  it('says when the agreed term is over', () => {
    const rel = relationship({ startDate: '2025-03-01', termMonths: 12, reviewedAt: day(2025, 4, 1) });
    const dates = [day(2026, 3, 5)];
    expect(health({ relationship: rel, sessions: held(dates) })).toContainEqual({
      kind: 'review-due',
      severity: 'info',
      reason: 'term',
      date: '2026-03-01',
    });
  });

  it('has nothing to say about paused or concluded relationships', () => {
    const actions = [action({ dueDate: '2026-01-01' })];
    expect(health({ relationship: relationship({ status: 'paused' }), actions })).toEqual([]);
    expect(health({ relationship: relationship({ status: 'concluded-no-fault' }), actions })).toEqual([]);
  });
});

describe('describeHealthSignal', () => {
  const all: HealthSignal[] = [
    { kind: 'cadence-slipping', severity: 'warning', daysLate: 10, dueDate: '2026-03-04' },
    { kind: 'cadence-missed', severity: 'warning', daysLate: 37, dueDate: '2026-03-04' },
    { kind: 'actions-overdue', severity: 'warning', count: 2, menteeCount: 1 },
    { kind: 'actions-overdue', severity: 'warning', count: 2, menteeCount: 0 },
    { kind: 'actions-not-done', severity: 'warning', doneOnTime: 1, total: 3 },
    { kind: 'progress-stalled', severity: 'warning', goalIds: ['g'], goalTitles: ['Present'], sessionsSince: 4 },
    { kind: 'meeting-too-often', severity: 'warning', averageGapDays: 3, plannedDays: 30 },
    { kind: 'mentor-talk-rising', severity: 'warning', fromPct: 30, toPct: 60, sessions: 5 },
    { kind: 'rapport-falling', severity: 'warning', from: 5, to: 3 },
    { kind: 'review-due', severity: 'info', reason: 'early' },
    { kind: 'review-due', severity: 'info', reason: 'term', date: '2026-03-01' },
    { kind: 'review-due', severity: 'info', reason: 'scheduled' },
  ];

  it('explains every signal in words, in both languages, with its numbers filled in', () => {
    for (const language of ['en', 'nb'] as const) {
      const t = createTranslator(language);
      for (const s of all) {
        const text = describeHealthSignal(s, t, language);
        expect(text, s.kind).not.toMatch(/[{}]|health[A-Z]|undefined|NaN/);
        expect(text.length, s.kind).toBeGreaterThan(30);
      }
    }
    expect(describeHealthSignal(all[0]!, createTranslator('en'))).toBe(
      'The cadence is slipping: the next meeting was due on 4 Mar 2026, 10 days ago.',
    );
    expect(describeHealthSignal(all[0]!, createTranslator('nb'), 'nb')).toContain('4. mars 2026');
  });
});
