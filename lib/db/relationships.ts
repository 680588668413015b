import { getDb } from './database';
import { validated } from './validate';
import {
  newId,
  RelationshipSchema,
  type Action,
  type Goal,
  type Note,
  type Relationship,
  type RelationshipStatus,
  type Session,
} from '../schema';

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

export { listActiveRelationships, listRelationships } from './summary';

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

/** A relationship with everything recorded about it. */
export type RelationshipHistory = {
  relationship: Relationship;
  goals: Goal[];
  /** Oldest first. */
  sessions: Session[];
  notes: Note[];
  actions: Action[];
};

/** One relationship's history, read consistently in one transaction; null when it does not exist. */
export async function relationshipHistory(id: string): Promise<RelationshipHistory | null> {
  const db = getDb();
  return db.transaction('r', [db.relationships, db.goals, db.sessions, db.notes, db.actions], async () => {
    const relationship = await db.relationships.get(id);
    if (!relationship) return null;
    const [goals, sessions, notes, actions] = await Promise.all([
      db.goals.where('relationshipId').equals(id).toArray(),
      db.sessions.where('relationshipId').equals(id).sortBy('startedAt'),
      db.notes.where('relationshipId').equals(id).toArray(),
      db.actions.where('relationshipId').equals(id).toArray(),
    ]);
    return { relationship, goals: goals.sort((a, b) => a.createdAt - b.createdAt), sessions, notes, actions };
  });
}

/** Every relationship with its history (for the overview and its health signals), active ones first. */
export async function allRelationshipHistories(): Promise<RelationshipHistory[]> {
  const db = getDb();
  return db.transaction('r', [db.relationships, db.goals, db.sessions, db.notes, db.actions], async () => {
    const [relationships, goals, sessions, notes, actions] = await Promise.all([
      db.relationships.toArray(),
      db.goals.toArray(),
      db.sessions.orderBy('startedAt').toArray(),
      db.notes.toArray(),
      db.actions.toArray(),
    ]);
    const by = <T extends { relationshipId: string | null }>(rows: T[]) => {
      const map = new Map<string, T[]>();
      for (const row of rows) {
        if (!row.relationshipId) continue;
        const list = map.get(row.relationshipId);
        if (list) list.push(row);
        else map.set(row.relationshipId, [row]);
      }
      return map;
    };
    const [g, s, n, a] = [by(goals), by(sessions), by(notes), by(actions)];
    const order = { active: 0, paused: 1, completed: 2, 'concluded-no-fault': 3 } as const;
    return relationships
      .sort((x, y) => order[x.status] - order[y.status] || x.counterpartName.localeCompare(y.counterpartName))
      .map((relationship) => ({
        relationship,
        goals: g.get(relationship.id) ?? [],
        sessions: s.get(relationship.id) ?? [],
        notes: n.get(relationship.id) ?? [],
        actions: a.get(relationship.id) ?? [],
      }));
  });
}

/** Records that the two people reviewed the match (the early review, or a later one). */
export function recordReview(id: string, at = Date.now()): Promise<Relationship> {
  return updateRelationship(id, { reviewedAt: at });
}
