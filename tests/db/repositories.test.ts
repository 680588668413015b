import { describe, expect, it } from 'vitest';
import {
  addGoal,
  createRelationship,
  deleteRelationship,
  endSession,
  getSession,
  InvalidRecordError,
  interruptOrphanedSessions,
  saveLiveTalk,
  saveNote,
  saveNoteDraft,
  getNoteDraft,
  startSession,
  updateRelationship,
} from '../../lib/db';
import { emptyTalkStats } from '../../lib/schema';
import { relationshipInput, useFreshDb, call } from './helpers';

const { db } = useFreshDb();

describe('repositories', () => {
  it('never writes an unvalidated relationship', async () => {
    await expect(createRelationship({ ...relationshipInput, counterpartName: '' })).rejects.toThrow(InvalidRecordError);
    await expect(createRelationship({ ...relationshipInput, counterpartName: '' })).rejects.toThrow('counterpartName: is required');
    expect(await db().relationships.count()).toBe(0);
  });

  it('validates updates against the whole record', async () => {
    const r = await createRelationship(relationshipInput);
    await expect(updateRelationship(r.id, { termMonths: 0 })).rejects.toThrow('termMonths');
    expect((await db().relationships.get(r.id))?.termMonths).toBe(12);
  });

  it('starts, saves and ends a live session and remembers its tab', async () => {
    const r = await createRelationship(relationshipInput);
    const s = await startSession({
      relationshipId: r.id,
      platform: 'demo',
      meetingLink: 'http://localhost/call/x',
      stage: 'progress',
      plannedLengthMin: 30,
      agenda: [],
      tabId: 7,
    });
    expect(await db().liveTabs.get(7)).toMatchObject({ sessionId: s.id });
    await saveLiveTalk(7, s.id, {
      ...emptyTalkStats(),
      selfTalkMs: 1000,
      otherTalkMs: 3000,
      selfShare: 0.25,
      durationMs: 5000,
      silenceMs: 1000,
    });
    const ended = await endSession(s.id);
    expect(ended.status).toBe('ended');
    expect(ended.talk?.selfShare).toBe(0.25);
    expect(await db().liveTabs.count()).toBe(0);
  });

  it('keeps sessions of vanished tabs as interrupted, ending at their last save', async () => {
    const a = await startSession({
      relationshipId: null,
      platform: 'demo',
      meetingLink: 'a',
      stage: 'progress',
      plannedLengthMin: 30,
      agenda: [],
      tabId: 1,
    });
    const b = await startSession({
      relationshipId: null,
      platform: 'demo',
      meetingLink: 'b',
      stage: 'progress',
      plannedLengthMin: 30,
      agenda: [],
      tabId: 2,
    });
    const interrupted = await interruptOrphanedSessions(new Set([2]));
    expect(interrupted.map((s) => s.id)).toEqual([a.id]);
    expect((await getSession(a.id))?.endedAt).toBe(a.lastSavedAt);
    expect((await getSession(b.id))?.status).toBe('live');
  });

  it('saves a note with its actions and goal updates in one transaction, or nothing', async () => {
    const r = await createRelationship(relationshipInput);
    const g = await addGoal({ relationshipId: r.id, title: 'Present with confidence' });
    const s = await startSession(call(r.id));
    await endSession(s.id);
    await saveNoteDraft(s.id, { summary: 'half written' });
    const base = {
      sessionId: s.id,
      summary: 'Good talk',
      wentWell: '',
      doDifferently: '',
      nextMeeting: null,
      rapportRating: 4,
      reflection: null,
      private: false,
    };
    // A bad action makes the whole save fail: no note, no goal change, draft kept.
    await expect(
      saveNote({
        ...base,
        goalUpdates: [{ goalId: g.id, status: 'in-progress', progress: 40, comment: '' }],
        actions: [{ text: '', owner: 'mentee', dueDate: '2026-12-01' }],
      }),
    ).rejects.toThrow('text');
    expect(await db().notes.count()).toBe(0);
    expect((await db().goals.get(g.id))?.progress).toBe(0);
    expect(await getNoteDraft(s.id)).toBeDefined();

    const note = await saveNote({
      ...base,
      goalUpdates: [{ goalId: g.id, status: 'in-progress', progress: 40, comment: 'first draft done' }],
      actions: [{ text: 'Rehearse with a timer', owner: 'mentee', dueDate: '2026-12-01' }],
    });
    expect(await db().notes.get(note.id)).toMatchObject({ summary: 'Good talk', relationshipId: r.id });
    expect(await db().actions.where('noteId').equals(note.id).count()).toBe(1);
    const goal = await db().goals.get(g.id);
    expect(goal?.progress).toBe(40);
    expect(goal?.history).toHaveLength(1);
    expect((await getSession(s.id))?.status).toBe('noted');
    expect(await getNoteDraft(s.id)).toBeUndefined();
  });

  it('deletes a relationship with everything recorded about it', async () => {
    const r = await createRelationship(relationshipInput);
    await addGoal({ relationshipId: r.id, title: 'Goal' });
    await startSession({
      relationshipId: r.id,
      platform: 'demo',
      meetingLink: 'x',
      stage: 'progress',
      plannedLengthMin: 30,
      agenda: [],
      tabId: 3,
    });
    await deleteRelationship(r.id);
    expect(await db().goals.count()).toBe(0);
    expect(await db().sessions.count()).toBe(0);
    expect(await db().liveTabs.count()).toBe(0);
  });
});
