import { useLiveQuery } from 'dexie-react-hooks';
import { goalsOf } from '../db/goals';
import type { Goal } from '../schema';

/** The goals of one relationship, oldest first, live; undefined while loading. */
export function useGoals(relationshipId: string): Goal[] | undefined {
  return useLiveQuery(async () => (await goalsOf(relationshipId)).sort((a, b) => a.createdAt - b.createdAt), [relationshipId]);
}
