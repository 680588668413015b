import { describe, expect, it } from 'vitest';
import { addGoal, createRelationship, logManualSession, saveNote, updateGoal } from '../../lib/db';
import { consistentGoal, goalFieldSync, statusForProgress, type GoalStatus } from '../../lib/mentoring/goal-status';
import { relationshipInput, useFreshDb } from '../db/helpers';

const { db } = useFreshDb();

describe('goal status agrees with progress', () => {
  it('moves "not started" to "in progress" once there is progress, and leaves the user\'s other choices alone', () => {
    expect(statusForProgress('not-started', 15)).toBe('in-progress');
    expect(statusForProgress('not-started', 0)).toBe('not-started');
    expect(statusForProgress('in-progress', 0)).toBe('in-progress');
    expect(statusForProgress('dropped', 40)).toBe('dropped');
    expect(statusForProgress('achieved', 90)).toBe('achieved');
    const same = { status: 'in-progress' as const, progress: 10 };
    expect(consistentGoal(same)).toBe(same);
  });

  it('updateGoal never stores "not started" with progress', async () => {
    const r = await createRelationship(relationshipInput);
    const g = await addGoal({ relationshipId: r.id, title: 'Delegate' });
    expect(g.status).toBe('not-started');
    const updated = await updateGoal(g.id, { progress: 15, status: 'not-started' });
    expect(updated).toMatchObject({ status: 'in-progress', progress: 15 });
    expect(await db().goals.get(g.id)).toMatchObject({ status: 'in-progress', progress: 15 });
  });

  it('saveNote moves the goal, its history and the note\'s own update to "in progress"', async () => {
    const r = await createRelationship(relationshipInput);
    const g = await addGoal({ relationshipId: r.id, title: 'Delegate' });
    const s = await logManualSession({
      relationshipId: r.id,
      wayOfMeeting: 'phone',
      stage: 'progress',
      startedAt: Date.UTC(2026, 0, 12, 9),
      plannedLengthMin: 45,
      lengthMin: 40,
    });
    const note = await saveNote({
      sessionId: s.id,
      summary: 'Started delegating',
      wentWell: '',
      doDifferently: '',
      goalUpdates: [{ goalId: g.id, status: 'not-started', progress: 15, comment: '' }],
      nextMeeting: null,
      rapportRating: null,
      reflection: null,
      private: false,
      actions: [],
    });
    expect(note.goalUpdates[0]).toMatchObject({ status: 'in-progress', progress: 15 });
    const goal = await db().goals.get(g.id);
    expect(goal).toMatchObject({ status: 'in-progress', progress: 15 });
    expect(goal!.history.at(-1)).toMatchObject({ status: 'in-progress', progress: 15 });
  });
});

describe('goalFieldSync: a goal form’s status and progress never disagree while typed', () => {
  const form = (status: GoalStatus, progress: number) => {
    const v = { status, progress };
    const sync = goalFieldSync(
      () => v.status,
      (s) => (v.status = s),
      (p) => (v.progress = p),
    );
    return { v, sync };
  };

  it('"Not started" sets the progress to 0', () => {
    const { v, sync } = form('in-progress', 40);
    v.status = 'not-started';
    sync.onStatusChange({ target: { value: 'not-started' } });
    expect(v.progress).toBe(0);
  });

  it('progress above 0 moves "Not started" to "In progress", and leaves other statuses alone', () => {
    const started = form('not-started', 0);
    started.sync.onProgressChange({ target: { value: '10' } });
    expect(started.v.status).toBe('in-progress');
    const dropped = form('dropped', 40);
    dropped.sync.onProgressChange({ target: { value: '50' } });
    expect(dropped.v.status).toBe('dropped');
    const zero = form('not-started', 0);
    zero.sync.onProgressChange({ target: { value: '0' } });
    expect(zero.v.status).toBe('not-started');
  });
});
