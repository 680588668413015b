import { getDb } from './database';
import { InvalidRecordError, validated } from './validate';
import { consistentGoal } from '../mentoring/goal-status';
import {
  ActionSchema,
  GoalSchema,
  newId,
  NoteDraftSchema,
  NoteSchema,
  SessionSchema,
  type Action,
  type Note,
  type NoteDraft,
} from '../schema';

/** Saves what the user typed so far; called on every change. */
export async function saveNoteDraft(sessionId: string, values: Record<string, unknown>): Promise<NoteDraft> {
  const draft = validated(NoteDraftSchema, 'note draft', { sessionId, values, updatedAt: Date.now() });
  await getDb().drafts.put(draft);
  return draft;
}

/**
 * Stores a draft while the page is going away (pagehide): the IndexedDB request is issued
 * before this returns, because a page being unloaded never runs the promise callbacks Dexie
 * would issue it from. Returns false when the database is not open; the caller keeps using
 * saveNoteDraft otherwise. A failure to commit (disk full) is reported through onError.
 */
export function saveNoteDraftNow(sessionId: string, values: Record<string, unknown>, onError?: (error: unknown) => void): boolean {
  const db = getDb();
  if (!db.isOpen()) return false;
  const draft = validated(NoteDraftSchema, 'note draft', { sessionId, values, updatedAt: Date.now() });
  const tx = db.backendDB().transaction('drafts', 'readwrite');
  tx.objectStore('drafts').put(draft);
  tx.onabort = () => onError?.(tx.error ?? new Error('The draft was not stored'));
  // Sends the commit now instead of waiting for the task to end.
  tx.commit?.();
  return true;
}

export function getNoteDraft(sessionId: string): Promise<NoteDraft | undefined> {
  return getDb().drafts.get(sessionId);
}

/** An action agreed in the note; `id` names one saved earlier with the same note (an edit). */
export type NewAction = { id?: string; text: string; owner: 'mentor' | 'mentee'; dueDate: string };
export type SaveNoteInput = Omit<Note, 'id' | 'createdAt' | 'updatedAt' | 'relationshipId'> & { id?: string; actions: NewAction[] };

/**
 * Saves a note, its actions and its goal updates in one transaction, marks the session noted
 * and drops the draft. Everything is validated first; on any error nothing is written.
 *
 * A session has at most one note: saving again (an edit, or a second window) updates it. The
 * note's actions then become exactly the ones given: those named by id keep their done state,
 * the others are added, and the ones left out are deleted.
 */
export async function saveNote(input: SaveNoteInput): Promise<Note> {
  const db = getDb();
  return db.transaction('rw', [db.sessions, db.notes, db.actions, db.goals, db.drafts], async () => {
    const session = await db.sessions.get(input.sessionId);
    if (!session) throw new InvalidRecordError('note', `sessionId: no session ${input.sessionId}`);
    if (session.status === 'live') throw new InvalidRecordError('note', 'sessionId: the call is still going; end it first');
    if (!session.relationshipId) throw new InvalidRecordError('note', 'relationshipId: link the session to a relationship first');
    const now = Date.now();
    const existing = input.id ? await db.notes.get(input.id) : await db.notes.where('sessionId').equals(session.id).first();
    if (existing && existing.sessionId !== session.id)
      throw new InvalidRecordError('note', `id: note ${existing.id} belongs to another session`);
    const previousActions = existing ? await db.actions.where('noteId').equals(existing.id).toArray() : [];
    const previousById = new Map(previousActions.map((a) => [a.id, a]));
    const { actions, ...noteFields } = input;
    const note = validated(NoteSchema, 'note', {
      ...noteFields,
      // Progress above 0 moves a goal out of "not started", so the note and the goal never contradict themselves.
      goalUpdates: noteFields.goalUpdates.map(consistentGoal),
      id: existing?.id ?? newId(),
      relationshipId: session.relationshipId,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    const actionRecords = actions.map(({ id, ...a }) => {
      const previous = id ? previousById.get(id) : undefined;
      return validated(ActionSchema, 'action', {
        ...previous,
        ...a,
        id: previous?.id ?? newId(),
        relationshipId: session.relationshipId,
        sessionId: session.id,
        noteId: note.id,
        createdAt: previous?.createdAt ?? now,
      });
    });
    const kept = new Set(actionRecords.map((a) => a.id));
    const removed = previousActions.filter((a) => !kept.has(a.id)).map((a) => a.id);
    const goals = [];
    for (const update of note.goalUpdates) {
      const goal = await db.goals.get(update.goalId);
      if (!goal || goal.relationshipId !== session.relationshipId)
        throw new InvalidRecordError('note', `goalUpdates: unknown goal ${update.goalId}`);
      const history = [
        ...goal.history.filter((h) => h.noteId !== note.id),
        { at: now, progress: update.progress, status: update.status, comment: update.comment, noteId: note.id },
      ];
      goals.push(validated(GoalSchema, 'goal', { ...goal, progress: update.progress, status: update.status, history, updatedAt: now }));
    }
    const noted = validated(SessionSchema, 'session', { ...session, status: 'noted' });
    await db.notes.put(note);
    await db.actions.bulkDelete(removed);
    await db.actions.bulkPut(actionRecords);
    await db.goals.bulkPut(goals);
    await db.sessions.put(noted);
    await db.drafts.delete(session.id);
    return note;
  });
}

/** The user chose not to write a note for this session. */
export async function skipNote(sessionId: string): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.sessions, db.drafts, async () => {
    const session = await db.sessions.get(sessionId);
    if (!session) throw new Error(`No session with id ${sessionId}`);
    await db.sessions.put(validated(SessionSchema, 'session', { ...session, status: 'skipped' }));
    await db.drafts.delete(sessionId);
  });
}

export { noteOfSession } from './summary';

/** The actions agreed in one note. */
export function actionsOfNote(noteId: string): Promise<Action[]> {
  return getDb().actions.where('noteId').equals(noteId).toArray();
}

/** Deletes the draft of a session (the user threw it away on purpose). */
export async function discardNoteDraft(sessionId: string): Promise<void> {
  await getDb().drafts.delete(sessionId);
}

export function notesOf(relationshipId: string): Promise<Note[]> {
  return getDb().notes.where('relationshipId').equals(relationshipId).toArray();
}

/** Notes written or edited in [fromMs, toMs). */
export function notesUpdatedBetween(fromMs: number, toMs: number): Promise<Note[]> {
  return getDb().notes.where('updatedAt').between(fromMs, toMs, true, false).toArray();
}
