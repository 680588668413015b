import { describe, expect, it } from 'vitest';
import {
  actionsOfNote,
  addGoal,
  createRelationship,
  endSession,
  getNoteDraft,
  getSession,
  logManualSession,
  saveNote,
  saveNoteDraft,
  setActionDone,
  skipNote,
  startSession,
} from '../../lib/db';
import { loadNoteContext } from '../../lib/notes/context';
import { relationshipInput, useFreshDb, call } from '../db/helpers';

const { db } = useFreshDb();

const base = {
  summary: 'Good talk',
  wentWell: '',
  doDifferently: '',
  goalUpdates: [],
  nextMeeting: null,
  rapportRating: null,
  reflection: null,
  private: false,
};

async function endedSession(linked = true) {
  const r = await createRelationship(relationshipInput);
  const s = await startSession(call(linked ? r.id : null));
  await endSession(s.id);
  return { r, s };
}

describe('saving a note', () => {
  it('edits the one note of a session: actions named by id are kept with their done state, others added or removed', async () => {
    const { r, s } = await endedSession();
    const g = await addGoal({ relationshipId: r.id, title: 'Speak up in meetings' });
    const first = await saveNote({
      ...base,
      sessionId: s.id,
      goalUpdates: [{ goalId: g.id, status: 'in-progress', progress: 30, comment: '' }],
      actions: [
        { text: 'Keep', owner: 'mentee', dueDate: '2026-12-01' },
        { text: 'Drop', owner: 'mentor', dueDate: '2026-12-02' },
      ],
    });
    const [keep, drop] = (await actionsOfNote(first.id)).sort((a, b) => a.text.localeCompare(b.text)).reverse();
    await setActionDone(keep!.id, true);

    const second = await saveNote({
      ...base,
      id: first.id,
      sessionId: s.id,
      summary: 'Better summary',
      goalUpdates: [{ goalId: g.id, status: 'in-progress', progress: 50, comment: 'edited' }],
      actions: [
        { id: keep!.id, text: 'Keep, reworded', owner: 'mentee', dueDate: '2026-12-01' },
        { text: 'New one', owner: 'mentor', dueDate: '2026-12-03' },
      ],
    });
    expect(second.id).toBe(first.id);
    expect(second.createdAt).toBe(first.createdAt);
    expect(await db().notes.count()).toBe(1);
    const actions = await actionsOfNote(first.id);
    expect(actions.map((a) => a.text).sort()).toEqual(['Keep, reworded', 'New one']);
    expect(actions.find((a) => a.id === keep!.id)).toMatchObject({ done: true, createdAt: keep!.createdAt });
    expect(await db().actions.get(drop!.id)).toBeUndefined();
    // The goal's history holds one entry per note, replaced on edit.
    const goal = await db().goals.get(g.id);
    expect(goal).toMatchObject({ progress: 50 });
    expect(goal!.history).toHaveLength(1);
    expect(goal!.history[0]).toMatchObject({ progress: 50, comment: 'edited', noteId: first.id });
  });

  it('never makes a second note for a session saved from a second window', async () => {
    const { s } = await endedSession();
    const a = await saveNote({ ...base, sessionId: s.id, actions: [] });
    const b = await saveNote({ ...base, sessionId: s.id, summary: 'From the other window', actions: [] });
    expect(b.id).toBe(a.id);
    expect(await db().notes.count()).toBe(1);
  });

  it('refuses a note for a call that is still going, or an id of another session’s note', async () => {
    const r = await createRelationship(relationshipInput);
    const live = await startSession(call(r.id));
    await expect(saveNote({ ...base, sessionId: live.id, actions: [] })).rejects.toThrow('still going');
    expect((await getSession(live.id))?.status).toBe('live');

    const other = await logManualSession({
      relationshipId: r.id,
      wayOfMeeting: 'phone',
      stage: 'progress',
      startedAt: 1,
      plannedLengthMin: 30,
      lengthMin: 30,
    });
    const otherNote = await saveNote({ ...base, sessionId: other.id, actions: [] });
    const mine = await logManualSession({
      relationshipId: r.id,
      wayOfMeeting: 'phone',
      stage: 'progress',
      startedAt: 2,
      plannedLengthMin: 30,
      lengthMin: 30,
    });
    await expect(saveNote({ ...base, id: otherNote.id, sessionId: mine.id, actions: [] })).rejects.toThrow('another session');
    expect(await db().notes.count()).toBe(1);
  });

  it('writes nothing when one part is invalid, and the draft stays', async () => {
    const { s } = await endedSession();
    await saveNoteDraft(s.id, { summary: 'x'.repeat(2_000_000) });
    await expect(saveNote({ ...base, sessionId: s.id, summary: 'x'.repeat(2_000_000), actions: [] })).rejects.toThrow('summary');
    expect(await db().notes.count()).toBe(0);
    expect((await getNoteDraft(s.id))?.values.summary).toHaveLength(2_000_000);
    expect((await getSession(s.id))?.status).toBe('ended');
  });

  it('skips on purpose: the session is marked skipped and its draft goes', async () => {
    const { s } = await endedSession();
    await saveNoteDraft(s.id, { summary: 'never mind' });
    await skipNote(s.id);
    expect((await getSession(s.id))?.status).toBe('skipped');
    expect(await getNoteDraft(s.id)).toBeUndefined();
  });
});

describe('the note prompt’s data', () => {
  it('asks for a relationship first when the call was not linked', async () => {
    const { r, s } = await endedSession(false);
    const ctx = await loadNoteContext(s.id);
    expect(ctx.kind).toBe('unlinked');
    expect(ctx.kind === 'unlinked' && ctx.relationships.map((x) => x.id)).toEqual([r.id]);
  });

  it('reads the session, its relationship, goals, sessions, note and draft', async () => {
    const { r, s } = await endedSession();
    await addGoal({ relationshipId: r.id, title: 'Goal' });
    await saveNoteDraft(s.id, { summary: 'draft' });
    const ctx = await loadNoteContext(s.id);
    expect(ctx.kind).toBe('ready');
    if (ctx.kind !== 'ready') return;
    expect(ctx.relationship.id).toBe(r.id);
    expect(ctx.goals).toHaveLength(1);
    expect(ctx.sessions.map((x) => x.id)).toEqual([s.id]);
    expect(ctx.note).toBeNull();
    expect(ctx.draft?.values).toEqual({ summary: 'draft' });
    expect(await loadNoteContext('nope')).toEqual({ kind: 'missing', sessionId: 'nope' });
  });
});
