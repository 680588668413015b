import { getDb } from './database';
import { validated } from './validate';
import { newId, RelationshipSchema, type Relationship, type RelationshipStatus } from '../schema';

export type RelationshipInput = Omit<Relationship, 'id' | 'createdAt' | 'updatedAt'> & { id?: string };

export async function createRelationship(input: Partial<RelationshipInput>): Promise<Relationship> {
  const now = Date.now();
  const record = validated(RelationshipSchema, 'relationship', { ...input, id: input.id ?? newId(), createdAt: now, updatedAt: now });
  await getDb().relationships.add(record);
  return record;
}

export async function updateRelationship(id: string, changes: Partial<RelationshipInput>): Promise<Relationship> {
  const db = getDb();
  return db.transaction('rw', db.relationships, async () => {
    const current = await db.relationships.get(id);
    if (!current) throw new Error(`No relationship with id ${id}`);
    const record = validated(RelationshipSchema, 'relationship', { ...current, ...changes, id, updatedAt: Date.now() });
    await db.relationships.put(record);
    return record;
  });
}

/** Pause, complete, or end with a no-fault conclusion; history is kept either way. */
export function setRelationshipStatus(id: string, status: RelationshipStatus, statusNote = ''): Promise<Relationship> {
  return updateRelationship(id, { status, statusNote });
}

export function getRelationship(id: string): Promise<Relationship | undefined> {
  return getDb().relationships.get(id);
}

export function listRelationships(): Promise<Relationship[]> {
  return getDb().relationships.toArray();
}

export function listActiveRelationships(): Promise<Relationship[]> {
  return getDb().relationships.where('status').equals('active').toArray();
}

/** Deletes a relationship and everything recorded about it, in one transaction. */
export async function deleteRelationship(id: string): Promise<void> {
  const db = getDb();
  await db.transaction('rw', [db.relationships, db.goals, db.sessions, db.notes, db.actions, db.drafts, db.liveTabs], async () => {
    const sessionIds = await db.sessions.where('relationshipId').equals(id).primaryKeys();
    await db.drafts.bulkDelete(sessionIds);
    await db.liveTabs.where('sessionId').anyOf(sessionIds).delete();
    await db.sessions.bulkDelete(sessionIds);
    await db.goals.where('relationshipId').equals(id).delete();
    await db.notes.where('relationshipId').equals(id).delete();
    await db.actions.where('relationshipId').equals(id).delete();
    await db.relationships.delete(id);
  });
}
