import { useLiveQuery } from 'dexie-react-hooks';
import { allRelationshipHistories, type RelationshipHistory } from '../db/relationships';

/** Every relationship with its history, live; undefined while loading. */
export function useRelationshipOverview(): RelationshipHistory[] | undefined {
  return useLiveQuery(allRelationshipHistories, []);
}
