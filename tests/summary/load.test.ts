import { describe, expect, it } from 'vitest';
import { actionsDueBetween, openActionsDueBetween, openActionsDueBy, setActionDone } from '../../lib/db/actions';
import { heldSessionCounts, lastHeldSessions } from '../../lib/db/summary';
import { loadRelationshipAlerts } from '../../lib/summary/health';
import { loadWeekSummary } from '../../lib/summary/load';
import { weekOf } from '../../lib/summary/week';
import { useFreshDb } from '../db/helpers';
import { action, goal, inTimeZone, local, relationship, session } from './builders';

describe('weekly summary from the database', () => {
  const { db } = useFreshDb();

  async function seed() {
    const kari = relationship('rel-kari', { startDate: '2026-09-07' });
    const ola = relationship('rel-ola', { myRole: 'mentee', startDate: '2026-10-01' });
    const fresh = relationship('rel-new', { startDate: '2026-11-20' });
    const ended = relationship('rel-old', { status: 'completed' });
    const sessions = [
      session(kari.id, '2026-09-07T10:00'),
      session(kari.id, '2026-09-14T10:00'),
      session(kari.id, '2026-09-21T10:00'),
      session(kari.id, '2026-09-28T10:00'),
      session(kari.id, '2026-10-05T10:00'),
      session(kari.id, '2026-11-24T10:00', { selfPct: 35, status: 'ended' }),
      session(kari.id, '2026-11-25T09:00', { status: 'live', endedAt: null }),
      session(ola.id, '2026-11-03T10:00', { selfPct: 60 }),
      session(ended.id, '2026-03-03T10:00'),
    ];
    await db().relationships.bulkAdd([kari, ola, fresh, ended]);
    await db().sessions.bulkAdd(sessions);
    await db().notes.add({
      id: 'n1',
      sessionId: sessions[7]!.id,
      relationshipId: ola.id,
      summary: 'Talked about the plan',
      wentWell: '',
      doDifferently: '',
      goalUpdates: [],
      nextMeeting: { at: local('2026-12-02T15:00'), way: 'video' },
      rapportRating: 4,
      reflection: null,
      private: false,
      createdAt: local('2026-11-03T11:00'),
      updatedAt: local('2026-11-03T11:00'),
    });
    const due = [
      action(kari.id, '2026-11-26', { id: 'act-week', text: 'Draft the plan' }),
      action(kari.id, '2026-11-29', { id: 'act-done', text: 'Book a room', done: true, doneAt: 1 }),
      action(ola.id, '2026-11-02', { id: 'act-late', text: 'Send the CV' }),
      action(ola.id, '2026-10-01', { id: 'act-old-done', done: true, doneAt: 1 }),
      action(ola.id, '2026-11-30', { id: 'act-next-week' }),
      action(ola.id, '2026-06-01', { id: 'act-ancient' }), // open, but more than OVERDUE_WEEKS back
    ];
    await db().actions.bulkAdd(due);
    await db().goals.add(
      goal(kari.id, 'Run a workshop', [
        { at: local('2026-11-24T11:00'), progress: 30, status: 'in-progress', comment: 'Outline done', noteId: null },
      ]),
    );
    return { kari, ola, fresh, sessions };
  }

  it('reads actions by due date: the week’s (open and done) and open ones due before', () =>
    inTimeZone('Europe/Oslo', async () => {
      await seed();
      expect((await actionsDueBetween('2026-11-23', '2026-11-29')).map((a) => a.id).sort()).toEqual(['act-done', 'act-week']);
      expect((await openActionsDueBy('2026-11-22')).map((a) => a.id).sort()).toEqual(['act-ancient', 'act-late']);
      expect((await openActionsDueBetween('2026-09-01', '2026-11-22')).map((a) => a.id)).toEqual(['act-late']);
    }));

  it('counts held sessions on the index and finds each relationship’s latest one', () =>
    inTimeZone('Europe/Oslo', async () => {
      const { kari, ola, fresh, sessions } = await seed();
      const counts = await heldSessionCounts([kari.id, ola.id, fresh.id]);
      expect(Object.fromEntries(counts)).toEqual({ 'rel-kari': 6, 'rel-ola': 1, 'rel-new': 0 });
      const last = await lastHeldSessions([kari.id, ola.id], local('2026-11-25T12:00'));
      expect(last.get(kari.id)?.id).toBe(sessions[5]!.id); // the live one after it is skipped
      expect(last.get(ola.id)?.id).toBe(sessions[7]!.id);
      expect((await lastHeldSessions([kari.id], local('2026-11-01T00:00'))).get(kari.id)?.id).toBe(sessions[4]!.id);
    }));

  it('assembles the week: counts, cadence, next meetings, actions, goals and notes to write', () =>
    inTimeZone('Europe/Oslo', async () => {
      const { sessions } = await seed();
      const now = new Date('2026-11-25T12:00');
      const summary = await loadWeekSummary(weekOf(now, 1), now);
      expect(summary.totals).toEqual({ sessions: 1, minutes: 45 });
      const byId = new Map(summary.relationships.map((r) => [r.id, r]));
      expect([...byId.keys()].sort()).toEqual(['rel-kari', 'rel-new', 'rel-ola']);
      expect(byId.get('rel-kari')).toMatchObject({ sessions: 1, share: 35, balance: 'within', held: 1 });
      // Six held, so the later (30-day) interval applies after the last one on 24 Nov.
      expect(byId.get('rel-kari')!.next).toEqual({ at: local('2026-12-24T00:00'), source: 'cadence', late: false });
      expect(byId.get('rel-ola')!.next).toEqual({ at: local('2026-12-02T15:00'), source: 'agreed', late: false });
      expect(byId.get('rel-ola')!.trend[4]!.share).toBe(60);
      expect(byId.get('rel-new')!.next).toMatchObject({ at: local('2026-11-25T00:00'), source: 'cadence' });
      expect(summary.dueThisWeek.map((a) => a.id)).toEqual(['act-week', 'act-done']);
      // The popup lists the last 12 weeks of overdue actions; the older one counts in health.
      expect(summary.overdue.map((a) => a.id)).toEqual(['act-late']);
      expect(summary.goalsMoved).toMatchObject([{ title: 'Run a workshop', from: 0, to: 30, comment: 'Outline done' }]);
      expect(summary.notesToWrite).toEqual([{ sessionId: sessions[5]!.id, relationshipName: 'Kari', startedAt: sessions[5]!.startedAt }]);
    }));

  it('keeps a ticked action in the week’s list, marked done, and drops it from overdue', () =>
    inTimeZone('Europe/Oslo', async () => {
      await seed();
      const now = new Date('2026-11-25T12:00');
      await setActionDone('act-week', true);
      await setActionDone('act-late', true);
      const summary = await loadWeekSummary(weekOf(now, 1), now);
      expect(summary.dueThisWeek.find((a) => a.id === 'act-week')).toMatchObject({ done: true, overdue: false });
      expect(summary.overdue).toEqual([]);
      expect((await db().actions.get('act-week'))?.doneAt).toBeGreaterThan(0);
    }));

  it('shows a past week on its own terms', () =>
    inTimeZone('Europe/Oslo', async () => {
      await seed();
      const now = new Date('2026-11-25T12:00');
      const summary = await loadWeekSummary(weekOf(new Date('2026-11-04T12:00'), 1), now);
      expect(summary.isCurrent).toBe(false);
      expect(summary.totals.sessions).toBe(1);
      expect(summary.relationships.find((r) => r.id === 'rel-ola')).toMatchObject({ sessions: 1, share: 60, balance: 'within' });
      expect(summary.dueThisWeek.map((a) => a.id)).toEqual(['act-late']);
    }));

  it('lists active relationships that need attention, warnings first, from their whole history', () =>
    inTimeZone('Europe/Oslo', async () => {
      await seed();
      const alerts = await loadRelationshipAlerts(new Date('2026-11-25T12:00'));
      const ola = alerts.find((a) => a.relationshipId === 'rel-ola');
      expect(ola?.hasWarning).toBe(true);
      expect(ola?.signals.find((s) => s.kind === 'actions-overdue')).toMatchObject({ count: 2 });
      expect(alerts.some((a) => a.relationshipId === 'rel-old')).toBe(false); // completed: no alerts
      expect(alerts.findIndex((a) => !a.hasWarning)).not.toBe(0);
    }));
});
