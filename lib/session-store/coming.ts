import { getDb } from '../db/database';
import type { Action, AgendaItem, Goal, Relationship, Stage } from '../schema';
import { matchRelationship, planSession } from './start';

/** What the side panel shows on a call page before the user joins: the session that is coming. */
export type ComingSession = {
  relationship: Relationship;
  stage: Stage;
  plannedLengthMin: number;
  /** The agenda the session will start with: the one prepared in the options page, else drafted from the stage. */
  agenda: AgendaItem[];
  /** True when the agenda was prepared by hand (options page), false when drafted from the stage template. */
  prepared: boolean;
  /** Open goals, oldest first. */
  goals: Goal[];
  /** Actions not done yet, earliest due first: what was agreed last time and should be followed up. */
  openActions: Action[];
};

/**
 * The coming session of the call at `url`, or null when no active relationship is matched to
 * the link (the panel then says a session will start on joining, as before). Read only: nothing
 * is written until the call starts (lib/session-store/start.ts).
 */
export async function comingSession(url: string): Promise<ComingSession | null> {
  const db = getDb();
  const relationships = await db.relationships.where('status').equals('active').toArray();
  const relationship = matchRelationship(relationships, url);
  if (!relationship) return null;
  const [plan, goals, actions] = await Promise.all([
    planSession(relationship),
    db.goals.where('relationshipId').equals(relationship.id).toArray(),
    db.actions.where('relationshipId').equals(relationship.id).toArray(),
  ]);
  return {
    relationship,
    ...plan,
    prepared: (relationship.nextAgenda?.length ?? 0) > 0,
    goals: goals.filter((g) => g.status === 'not-started' || g.status === 'in-progress').sort((a, b) => a.createdAt - b.createdAt),
    openActions: actions.filter((a) => !a.done).sort((a, b) => a.dueDate.localeCompare(b.dueDate)),
  };
}
