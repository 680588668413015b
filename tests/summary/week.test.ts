import { describe, expect, it } from 'vitest';
import {
  balanceOf,
  computeWeekSummary,
  nextMeetingOf,
  sessionMinutes,
  shiftWeek,
  talkSharePercent,
  weekOf,
  TREND_WEEKS,
} from '../../lib/summary/week';
import { action, goal, inTimeZone, local, relationship, session, weekData } from './builders';

const HOUR = 3_600_000;

describe('week boundaries', () => {
  it('starts on Monday by default, on Sunday or Saturday when asked', () =>
    inTimeZone('Europe/Oslo', () => {
      const wednesday = new Date('2026-11-25T15:00');
      expect(weekOf(wednesday, 1)).toMatchObject({ startDate: '2026-11-23', endDate: '2026-11-29' });
      expect(weekOf(wednesday, 0)).toMatchObject({ startDate: '2026-11-22', endDate: '2026-11-28' });
      expect(weekOf(wednesday, 6)).toMatchObject({ startDate: '2026-11-21', endDate: '2026-11-27' });
      const week = weekOf(wednesday, 1);
      expect(week.start.getTime()).toBe(local('2026-11-23T00:00'));
      expect(week.end.getTime()).toBe(local('2026-11-30T00:00'));
    }));

  it('puts Sunday 23:59 in the week and Monday 00:00 in the next', () =>
    inTimeZone('Europe/Oslo', () => {
      const rel = relationship('rel-kari');
      const week = weekOf(new Date('2026-11-25T12:00'), 1);
      const data = weekData({
        relationships: [rel],
        sessions: [
          session(rel.id, '2026-11-23T00:00', { lengthMin: 30 }),
          session(rel.id, '2026-11-29T23:59', { lengthMin: 10 }),
          session(rel.id, '2026-11-30T00:00', { lengthMin: 60 }),
          session(rel.id, '2026-11-22T23:59', { lengthMin: 60 }),
        ],
      });
      const summary = computeWeekSummary(data, week, new Date('2026-11-25T12:00'));
      expect(summary.totals).toEqual({ sessions: 2, minutes: 40 });
    }));

  it('keeps weeks on local midnight across the spring DST change (167 h) and the autumn one (169 h)', () =>
    inTimeZone('Europe/Oslo', () => {
      const spring = weekOf(new Date('2026-03-26T12:00'), 1);
      expect(spring.startDate).toBe('2026-03-23');
      expect(spring.end.getTime() - spring.start.getTime()).toBe(167 * HOUR);
      const autumn = weekOf(new Date('2026-10-22T12:00'), 1);
      expect(autumn.end.getTime() - autumn.start.getTime()).toBe(169 * HOUR);
      expect(autumn.end.getTime()).toBe(local('2026-10-26T00:00'));
      // Walking week by week across both changes never drifts off Monday midnight.
      let w = weekOf(new Date('2026-01-07T12:00'), 1);
      for (let i = 0; i < 52; i++) {
        w = shiftWeek(w, 1, 1);
        expect(w.start.getDay()).toBe(1);
        expect(w.start.getHours()).toBe(0);
      }
      expect(shiftWeek(spring, -1, 1).startDate).toBe('2026-03-16');
      expect(shiftWeek(autumn, 1, 1).startDate).toBe('2026-10-26');
    }));

  it('counts a session in the DST week by local time: late Sunday after the clocks went back is still that week', () =>
    inTimeZone('Europe/Oslo', () => {
      const rel = relationship('rel-kari');
      const week = weekOf(new Date('2026-10-22T12:00'), 1);
      const data = weekData({ relationships: [rel], sessions: [session(rel.id, '2026-10-25T23:30', { lengthMin: 20 })] });
      expect(computeWeekSummary(data, week, new Date('2026-10-26T09:00')).totals.sessions).toBe(1);
    }));

  it('follows the computer’s time zone: one instant belongs to different weeks in Tokyo and New York', () => {
    const instant = Date.UTC(2026, 10, 29, 20, 0); // Sunday 20:00 UTC
    const tokyo = inTimeZone('Asia/Tokyo', () => weekOf(new Date(instant), 1).startDate); // Monday 05:00 there
    const newYork = inTimeZone('America/New_York', () => weekOf(new Date(instant), 1).startDate); // Sunday 15:00 there
    expect(tokyo).toBe('2026-11-30');
    expect(newYork).toBe('2026-11-23');
  });
});

describe('week summary', () => {
  const now = () => new Date('2026-11-25T12:00');
  const thisWeek = () => weekOf(now(), 1);

  it('shows an empty week with every active relationship, its plan and no talk measured', () =>
    inTimeZone('Europe/Oslo', () => {
      const rel = relationship('rel-kari', {
        startDate: '2026-11-02',
        cadence: { earlyEveryDays: 7, earlyMeetings: 5, laterEveryDays: 30 },
      });
      const summary = computeWeekSummary(weekData({ relationships: [rel] }), thisWeek(), now());
      expect(summary.isNewUser).toBe(false);
      expect(summary.totals).toEqual({ sessions: 0, minutes: 0 });
      expect(summary.relationships).toHaveLength(1);
      expect(summary.relationships[0]).toMatchObject({ sessions: 0, minutes: 0, share: null, balance: 'unmeasured', planned: 1, held: 0 });
      expect(summary.relationships[0]!.trend).toHaveLength(TREND_WEEKS);
      expect(summary.relationships[0]!.trend.every((p) => p.share === null && p.sessions === 0)).toBe(true);
      expect(summary.dueThisWeek).toEqual([]);
      expect(summary.goalsMoved).toEqual([]);
    }));

  it('says with the next meeting whether its agenda is prepared', () =>
    inTimeZone('Europe/Oslo', () => {
      const item = { id: 'a', title: 'Roadmap', timeboxMin: 20, goalIds: [], done: false, spentMs: 0 };
      const rels = [relationship('rel-kari', { nextAgenda: [item] }), relationship('rel-ola')];
      const summary = computeWeekSummary(weekData({ relationships: rels }), thisWeek(), now());
      expect(Object.fromEntries(summary.relationships.map((r) => [r.name, r.agendaPrepared]))).toEqual({ Kari: true, Ola: false });
    }));

  it('is a new user only without any relationship', () => {
    expect(computeWeekSummary(weekData({}), thisWeek(), now()).isNewUser).toBe(true);
  });

  it('uses the role default when the relationship has no target of its own, and its own when set', () =>
    inTimeZone('Europe/Oslo', () => {
      const mentorNoTarget = relationship('rel-a', { myRole: 'mentor', targetShare: null });
      const menteeNoTarget = relationship('rel-b', { myRole: 'mentee', targetShare: null });
      const own = relationship('rel-c', { myRole: 'mentor', targetShare: { min: 40, max: 60 } });
      const data = weekData({
        relationships: [mentorNoTarget, menteeNoTarget, own],
        sessions: [
          session('rel-a', '2026-11-24T10:00', { selfPct: 55 }),
          session('rel-b', '2026-11-24T12:00', { selfPct: 55 }),
          session('rel-c', '2026-11-24T14:00', { selfPct: 55 }),
        ],
      });
      const byId = new Map(computeWeekSummary(data, thisWeek(), now()).relationships.map((r) => [r.id, r]));
      expect(byId.get('rel-a')).toMatchObject({ target: { min: 20, max: 40 }, ownTarget: false, balance: 'above', share: 55 });
      expect(byId.get('rel-b')).toMatchObject({ target: { min: 50, max: 80 }, ownTarget: false, balance: 'within' });
      expect(byId.get('rel-c')).toMatchObject({ target: { min: 40, max: 60 }, ownTarget: true, balance: 'within' });
    }));

  it('weights the week’s talk share by talk time, ignores unmeasured sessions, and draws 8 weeks of trend', () =>
    inTimeZone('Europe/Oslo', () => {
      const rel = relationship('rel-kari');
      const sessions = [
        session(rel.id, '2026-11-23T10:00', { selfPct: 30 }),
        session(rel.id, '2026-11-26T10:00', { selfPct: 50 }),
        session(rel.id, '2026-11-27T10:00'), // logged by hand: no talk stats
        session(rel.id, '2026-11-10T10:00', { selfPct: 20 }), // two weeks back
        session(rel.id, '2026-10-05T10:00', { selfPct: 45 }), // first week of the trend
        session(rel.id, '2026-09-28T10:00', { selfPct: 90 }), // before the trend window
      ];
      const summary = computeWeekSummary(weekData({ relationships: [rel], sessions }), thisWeek(), now());
      const r = summary.relationships[0]!;
      expect(r.sessions).toBe(3);
      expect(r.minutes).toBe(135);
      expect(r.share).toBeCloseTo(40);
      expect(r.balance).toBe('within');
      expect(r.trend.map((p) => (p.share === null ? null : Math.round(p.share)))).toEqual([45, null, null, null, null, 20, null, 40]);
      expect(r.trend[0]!.weekStart).toBe(local('2026-10-05T00:00'));
    }));

  it('classifies by the rounded share the user reads', () => {
    expect(balanceOf(40.4, { min: 20, max: 40 })).toBe('within');
    expect(balanceOf(40.6, { min: 20, max: 40 })).toBe('above');
    expect(balanceOf(19.4, { min: 20, max: 40 })).toBe('below');
    expect(balanceOf(null, { min: 20, max: 40 })).toBe('unmeasured');
    expect(talkSharePercent([{ talk: null }])).toBeNull();
  });

  it('excludes pauses from session time and does not count a live session as held', () =>
    inTimeZone('Europe/Oslo', () => {
      const rel = relationship('rel-kari');
      const paused = session(rel.id, '2026-11-24T10:00', { lengthMin: 60, pausedMs: 15 * 60_000 });
      expect(sessionMinutes(paused)).toBe(45);
      const live = session(rel.id, '2026-11-25T11:00', { status: 'live', endedAt: null });
      const summary = computeWeekSummary(weekData({ relationships: [rel], sessions: [paused, live] }), thisWeek(), now());
      expect(summary.totals).toEqual({ sessions: 1, minutes: 45 });
    }));

  it('lists the week’s actions (done ones too) and flags open ones due before today as overdue', () =>
    inTimeZone('Europe/Oslo', () => {
      const rel = relationship('rel-kari');
      const summary = computeWeekSummary(
        weekData({
          relationships: [rel],
          weekActions: [
            action(rel.id, '2026-11-27', { text: 'Draft the plan' }),
            action(rel.id, '2026-11-24', { text: 'Read the chapter' }),
            action(rel.id, '2026-11-23', { text: 'Book a room', done: true, doneAt: 5 }),
          ],
          overdueActions: [action(rel.id, '2026-11-02', { text: 'Old one' })],
        }),
        thisWeek(),
        now(),
      );
      expect(summary.dueThisWeek.map((a) => [a.text, a.overdue, a.done])).toEqual([
        ['Book a room', false, true],
        ['Read the chapter', true, false],
        ['Draft the plan', false, false],
      ]);
      expect(summary.overdue).toMatchObject([{ text: 'Old one', overdue: true, relationshipName: 'Kari' }]);
    }));

  it('reports goals that moved in the week, from the previous step to the last one', () =>
    inTimeZone('Europe/Oslo', () => {
      const rel = relationship('rel-kari');
      const h = (iso: string, progress: number, status: 'in-progress' | 'achieved' = 'in-progress', comment = '') => ({
        at: local(iso),
        progress,
        status,
        comment,
        noteId: null,
      });
      const goals = [
        goal(rel.id, 'Lead a meeting', [h('2026-11-10T10:00', 20), h('2026-11-24T10:00', 40), h('2026-11-26T10:00', 60)]),
        goal(rel.id, 'Give feedback', [h('2026-11-10T10:00', 90), h('2026-11-24T10:00', 100, 'achieved')]),
        goal(rel.id, 'Untouched', [h('2026-11-10T10:00', 50)]),
        goal(rel.id, 'First step', [h('2026-11-25T10:00', 10)]),
      ];
      const summary = computeWeekSummary(weekData({ relationships: [rel], goals }), thisWeek(), now());
      expect(summary.goalsMoved.map((g) => [g.title, g.from, g.to, g.status])).toEqual([
        ['Lead a meeting', 20, 60, 'in-progress'],
        ['First step', 0, 10, 'in-progress'],
        ['Give feedback', 90, 100, 'achieved'],
      ]);
    }));

  it('lists sessions awaiting a note, newest first, with unlinked calls named as such', () =>
    inTimeZone('Europe/Oslo', () => {
      const rel = relationship('rel-kari');
      const a = session(rel.id, '2026-11-20T10:00', { status: 'ended' });
      const b = session(null, '2026-11-24T10:00', { status: 'interrupted' });
      const summary = computeWeekSummary(weekData({ relationships: [rel], awaitingNote: [a, b] }), thisWeek(), now());
      expect(summary.notesToWrite).toEqual([
        { sessionId: b.id, relationshipName: null, startedAt: b.startedAt },
        { sessionId: a.id, relationshipName: 'Kari', startedAt: a.startedAt },
      ]);
    }));

  it('leaves ended relationships out unless they met in the week, and puts those behind plan first', () =>
    inTimeZone('Europe/Oslo', () => {
      const done = relationship('rel-done', { status: 'completed' });
      const doneButMet = relationship('rel-met', { status: 'completed' });
      const onTrack = relationship('rel-anna', {
        startDate: '2026-11-23',
        cadence: { earlyEveryDays: 7, earlyMeetings: 5, laterEveryDays: 30 },
      });
      const behind = relationship('rel-zed', {
        startDate: '2026-11-23',
        cadence: { earlyEveryDays: 7, earlyMeetings: 5, laterEveryDays: 30 },
      });
      const data = weekData({
        relationships: [done, doneButMet, onTrack, behind],
        sessions: [session('rel-met', '2026-11-24T10:00'), session('rel-anna', '2026-11-23T10:00')],
      });
      const summary = computeWeekSummary(data, thisWeek(), now());
      expect(summary.relationships.map((r) => [r.id, r.planned, r.held])).toEqual([
        ['rel-zed', 1, 0],
        ['rel-anna', 1, 1],
        ['rel-met', 0, 1],
      ]);
    }));
});

describe('next meeting', () => {
  const rel = { startDate: '2026-01-05', cadence: { earlyEveryDays: 7, earlyMeetings: 2, laterEveryDays: 30 } };

  it('prefers the date agreed in the last note while it is ahead', () =>
    inTimeZone('Europe/Oslo', () => {
      const agreed = local('2026-12-03T14:00');
      const next = nextMeetingOf(
        rel,
        { heldCount: 3, lastHeld: { id: 's', startedAt: local('2026-11-20T10:00') }, agreedNextMeetingAt: agreed },
        new Date('2026-11-25T12:00'),
      );
      expect(next).toEqual({ at: agreed, source: 'agreed', late: false });
    }));

  it('falls back to the cadence: early interval, then the later one, late once the day has passed', () =>
    inTimeZone('Europe/Oslo', () => {
      const now = new Date('2026-11-25T12:00');
      const early = nextMeetingOf(
        rel,
        { heldCount: 1, lastHeld: { id: 's', startedAt: local('2026-11-20T10:00') }, agreedNextMeetingAt: null },
        now,
      );
      expect(early).toEqual({ at: local('2026-11-27T00:00'), source: 'cadence', late: false });
      const later = nextMeetingOf(
        rel,
        { heldCount: 2, lastHeld: { id: 's', startedAt: local('2026-11-20T10:00') }, agreedNextMeetingAt: null },
        now,
      );
      expect(later.at).toBe(local('2026-12-20T00:00'));
      const passedAgreement = nextMeetingOf(
        rel,
        { heldCount: 1, lastHeld: { id: 's', startedAt: local('2026-11-10T10:00') }, agreedNextMeetingAt: local('2026-11-12T10:00') },
        now,
      );
      expect(passedAgreement).toEqual({ at: local('2026-11-17T00:00'), source: 'cadence', late: true });
    }));

  it('before any session, is the start date or today', () =>
    inTimeZone('Europe/Oslo', () => {
      const none = { heldCount: 0, lastHeld: null, agreedNextMeetingAt: null };
      expect(nextMeetingOf(rel, none, new Date('2026-11-25T12:00')).at).toBe(local('2026-11-25T00:00'));
      expect(nextMeetingOf({ ...rel, startDate: '2026-12-01' }, none, new Date('2026-11-25T12:00')).at).toBe(local('2026-12-01T00:00'));
    }));
});
