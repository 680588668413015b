import { getDb } from './database';
import { validated } from './validate';
import { GoalSchema, newId, type Goal } from '../schema';
import { consistentGoal } from '../mentoring/goal-status';

export type GoalInput = Omit<Goal, 'id' | 'createdAt' | 'updatedAt' | 'history'> & { id?: string };

export async function addGoal(input: Partial<GoalInput> & Pick<GoalInput, 'relationshipId' | 'title'>): Promise<Goal> {
  const now = Date.now();
  const record = consistentGoal(
    validated(GoalSchema, 'goal', { ...input, id: input.id ?? newId(), history: [], createdAt: now, updatedAt: now }),
  );
  await getDb().goals.add(record);
  return record;
}

export async function updateGoal(id: string, changes: Partial<GoalInput>): Promise<Goal> {
  const db = getDb();
  return db.transaction('rw', db.goals, async () => {
    const current = await db.goals.get(id);
    if (!current) throw new Error(`No goal with id ${id}`);
    // Progress above 0 moves a goal out of "not started", so the two never contradict each other.
    const record = consistentGoal(validated(GoalSchema, 'goal', { ...current, ...changes, id, updatedAt: Date.now() }));
    await db.goals.put(record);
    return record;
  });
}

export function goalsOf(relationshipId: string): Promise<Goal[]> {
  return getDb().goals.where('relationshipId').equals(relationshipId).toArray();
}

export function openGoalsOf(relationshipId: string): Promise<Goal[]> {
  return getDb()
    .goals.where('relationshipId')
    .equals(relationshipId)
    .filter((g) => g.status === 'not-started' || g.status === 'in-progress')
    .toArray();
}

export function deleteGoal(id: string): Promise<void> {
  return getDb().goals.delete(id);
}
