import { useLiveQuery } from 'dexie-react-hooks';
import { loadNoteContext, type NoteContext } from '../notes/context';

/** The note prompt's data for one session, live; undefined while loading. */
export function useNoteContext(sessionId: string): NoteContext | undefined {
  return useLiveQuery(() => loadNoteContext(sessionId), [sessionId]);
}
