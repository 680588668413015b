import { goalsOf } from '../db/goals';
import { actionsOfNote, getNoteDraft, noteOfSession } from '../db/notes';
import { getRelationship, listRelationships } from '../db/relationships';
import { getSession, sessionsOf } from '../db/sessions';
import type { Action, Goal, Note, NoteDraft, Relationship, Session } from '../schema';

/** Everything the note prompt needs about one session, read in one go. */
export type NoteContext =
  | { kind: 'missing'; sessionId: string }
  /** The session belongs to no relationship yet: the user picks one first. */
  | { kind: 'unlinked'; session: Session; relationships: Relationship[] }
  | {
      kind: 'ready';
      session: Session;
      relationship: Relationship;
      /** Every goal of the relationship. */
      goals: Goal[];
      /** Every session of the relationship (the cadence counts them). */
      sessions: Session[];
      /** The note saved earlier for this session, when there is one. */
      note: Note | null;
      noteActions: Action[];
      draft: NoteDraft | null;
    };

/** Reads the session, its relationship, goals, sessions, saved note and draft. */
export async function loadNoteContext(sessionId: string): Promise<NoteContext> {
  const session = await getSession(sessionId);
  if (!session) return { kind: 'missing', sessionId };
  const relationship = session.relationshipId ? await getRelationship(session.relationshipId) : undefined;
  if (!relationship) return { kind: 'unlinked', session, relationships: await listRelationships() };
  const [goals, sessions, note, draft] = await Promise.all([
    goalsOf(relationship.id),
    sessionsOf(relationship.id),
    noteOfSession(session.id),
    getNoteDraft(session.id),
  ]);
  const noteActions = note ? await actionsOfNote(note.id) : [];
  return { kind: 'ready', session, relationship, goals, sessions, note: note ?? null, noteActions, draft: draft ?? null };
}
