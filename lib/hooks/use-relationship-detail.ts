import { useLiveQuery } from 'dexie-react-hooks';
import { relationshipHistory, type RelationshipHistory } from '../db/relationships';

/** One relationship with its goals, sessions, notes and actions, live; undefined while loading, null if it does not exist. */
export function useRelationshipDetail(id: string): RelationshipHistory | null | undefined {
  return useLiveQuery(() => relationshipHistory(id), [id]);
}
