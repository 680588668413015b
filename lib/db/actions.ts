import { getDb } from './database';
import { validated } from './validate';
import { ActionSchema, newId, type Action } from '../schema';

export type ActionInput = Pick<Action, 'relationshipId' | 'text' | 'owner' | 'dueDate'> &
  Partial<Pick<Action, 'sessionId' | 'noteId' | 'id'>>;

export async function addAction(input: ActionInput): Promise<Action> {
  const record = validated(ActionSchema, 'action', { ...input, id: input.id ?? newId(), createdAt: Date.now() });
  await getDb().actions.add(record);
  return record;
}

/** Ticks an action done (or not done again). */
export async function setActionDone(id: string, done: boolean): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.actions, async () => {
    const current = await db.actions.get(id);
    if (!current) throw new Error(`No action with id ${id}`);
    await db.actions.put(validated(ActionSchema, 'action', { ...current, done, doneAt: done ? Date.now() : null }));
  });
}

export function actionsOf(relationshipId: string): Promise<Action[]> {
  return getDb().actions.where('relationshipId').equals(relationshipId).toArray();
}

/** Open actions with a due date up to and including `untilDate` (YYYY-MM-DD). */
export async function openActionsDueBy(untilDate: string): Promise<Action[]> {
  // The range comes out in one getAll() and is filtered here: a Dexie .filter() would walk a
  // cursor record by record, several times slower over years of (mostly done) actions.
  const due = await getDb().actions.where('dueDate').belowOrEqual(untilDate).toArray();
  return due.filter((a) => !a.done);
}

// The weekly summary's reads live with its other reads, outside the schema-validating write path.
export { actionsDueBetween, openActionsDueBetween } from './summary';

export function deleteAction(id: string): Promise<void> {
  return getDb().actions.delete(id);
}
