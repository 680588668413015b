import { describe, expect, it } from 'vitest';
import { addAction, addGoal, createRelationship, updateRelationship } from '../../lib/db';
import { comingSession } from '../../lib/session-store/coming';
import { relationshipInput, useFreshDb } from '../db/helpers';

const { db } = useFreshDb();
const CALL = 'http://localhost:4823/call/demo-mentoring-room';

describe('the coming session, before joining', () => {
  it('is the relationship matched by the link, with its open goals, the agenda it will start with and the open actions', async () => {
    const r = await createRelationship(relationshipInput);
    const g1 = await addGoal({ relationshipId: r.id, title: 'Delegate', status: 'in-progress', progress: 30 });
    await addGoal({ relationshipId: r.id, title: 'Done already', status: 'achieved', progress: 100 });
    await addAction({ relationshipId: r.id, text: 'Send the article', owner: 'mentor', dueDate: '2026-01-20' });
    const done = await addAction({ relationshipId: r.id, text: 'Old one', owner: 'mentee', dueDate: '2026-01-01' });
    await db().actions.update(done.id, { done: true });
    await addAction({ relationshipId: r.id, text: 'List tasks', owner: 'mentee', dueDate: '2026-01-10' });

    const drafted = await comingSession(CALL);
    expect(drafted?.relationship.id).toBe(r.id);
    expect(drafted?.goals.map((g) => g.id)).toEqual([g1.id]);
    expect(drafted?.openActions.map((a) => a.text)).toEqual(['List tasks', 'Send the article']);
    expect(drafted?.prepared).toBe(false);
    expect(drafted?.agenda.length).toBeGreaterThan(0);
    expect(drafted?.plannedLengthMin).toBe(45);

    await updateRelationship(r.id, {
      nextAgenda: [{ id: 'a', title: 'Prepared item', timeboxMin: 20, goalIds: [g1.id], done: false, spentMs: 0 }],
    });
    const prepared = await comingSession(CALL);
    expect(prepared?.prepared).toBe(true);
    expect(prepared?.agenda.map((i) => i.title)).toEqual(['Prepared item']);
    // Reading it changes nothing: the prepared agenda is still there for the call.
    expect((await db().relationships.get(r.id))?.nextAgenda).toHaveLength(1);
    expect(await db().sessions.count()).toBe(0);
  });

  it('is nothing for a call no relationship is linked to, or one that is paused', async () => {
    const r = await createRelationship(relationshipInput);
    expect(await comingSession('https://meet.google.com/abc-defg-hij')).toBeNull();
    await updateRelationship(r.id, { status: 'paused' });
    expect(await comingSession(CALL)).toBeNull();
  });
});
