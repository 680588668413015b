import { describe, expect, it } from 'vitest';
import {
  addGoal,
  createRelationship,
  deleteAll,
  deleteRelationship,
  discardSession,
  endSession,
  exportAll,
  importAll,
  interruptOrphanedSessions,
  logManualSession,
  saveNote,
  setActionDone,
  skipNote,
  startSession,
  updateGoal,
  updateSession,
} from '../../lib/db';
import { goalDigestOf, openActionOf, sessionDigestOf } from '../../lib/db/digests';
import { relationshipInput, useFreshDb } from './helpers';

/**
 * The digest tables (lib/db/digests.ts) must always equal what the records give, whichever way
 * the records were written: every repository function, bulk writes, import, delete and clear,
 * and not at all when the transaction fails.
 */
describe('session, goal and open-action digests', () => {
  const { db } = useFreshDb();

  async function expectInStep(): Promise<void> {
    const sessions = await db().sessions.orderBy('id').toArray();
    const goals = await db().goals.orderBy('id').toArray();
    expect(await db().sessionDigests.orderBy('id').toArray()).toEqual(sessions.flatMap((s) => sessionDigestOf(s) ?? []));
    expect(await db().goalDigests.orderBy('id').toArray()).toEqual(goals.map(goalDigestOf));
    const actions = await db().actions.orderBy('id').toArray();
    expect(await db().openActions.orderBy('id').toArray()).toEqual(actions.flatMap((a) => openActionOf(a) ?? []));
  }

  const byPhone = (relationshipId: string) =>
    logManualSession({ relationshipId, wayOfMeeting: 'phone', stage: 'progress', startedAt: 1_000, plannedLengthMin: 45, lengthMin: 30 });

  const live = (relationshipId: string | null, tabId?: number) =>
    startSession({ relationshipId, platform: 'demo', meetingLink: 'x', stage: 'progress', plannedLengthMin: 30, agenda: [], tabId });

  it('follow every repository write, and a live session has none', async () => {
    const r = await createRelationship(relationshipInput);
    const g = await addGoal({ relationshipId: r.id, title: 'Delegate' });
    const s = await live(r.id, 7);
    expect(await db().sessionDigests.count()).toBe(0);
    await endSession(s.id);
    expect((await db().sessionDigests.get(s.id))?.status).toBe('ended');
    await saveNote({
      sessionId: s.id,
      summary: 'Good',
      wentWell: '',
      doDifferently: '',
      goalUpdates: [{ goalId: g.id, status: 'in-progress', progress: 20, comment: '' }],
      nextMeeting: null,
      rapportRating: 4,
      reflection: null,
      private: false,
      actions: [{ text: 'Send the plan', owner: 'mentee', dueDate: '2026-12-01' }],
    });
    const [action] = await db().actions.toArray();
    expect(await db().openActions.get(action!.id)).toEqual(action);
    await setActionDone(action!.id, true);
    expect(await db().openActions.count()).toBe(0);
    await setActionDone(action!.id, false);
    await expectInStep();
    expect((await db().sessionDigests.get(s.id))?.status).toBe('noted');
    expect((await db().goalDigests.get(g.id))?.historyAt).toHaveLength(1);
    await updateGoal(g.id, { title: 'Delegate more' });
    await updateSession(s.id, { pausedMs: 60_000 });
    const other = await live(null, 8);
    await interruptOrphanedSessions(new Set());
    expect((await db().sessionDigests.get(other.id))?.status).toBe('interrupted');
    await skipNote(other.id);
    const manual = await byPhone(r.id);
    await expectInStep();
    await discardSession(manual.id);
    expect(await db().sessionDigests.get(manual.id)).toBeUndefined();
    await expectInStep();
    await deleteRelationship(r.id);
    expect(await db().goalDigests.count()).toBe(0);
    await expectInStep();
  });

  it('follow bulk writes, import and delete-all, and roll back with a failed transaction', async () => {
    const r = await createRelationship(relationshipInput);
    await addGoal({ relationshipId: r.id, title: 'Delegate' });
    await byPhone(r.id);
    const file = JSON.stringify(await exportAll());
    await deleteAll();
    expect(await db().sessionDigests.count()).toBe(0);
    expect(await db().goalDigests.count()).toBe(0);
    await importAll(file);
    expect(await db().sessionDigests.count()).toBe(1);
    await expectInStep();
    const [session] = await db().sessions.toArray();
    await expect(
      db().transaction('rw', db().sessions, async () => {
        await db().sessions.bulkPut([{ ...session!, id: 'copy', status: 'skipped' }]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db().sessionDigests.get('copy')).toBeUndefined();
    await db().sessions.bulkDelete([session!.id]);
    await expectInStep();
  });
});
