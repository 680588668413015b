import { actionsOf } from '../db/actions';
import { goalsOf } from '../db/goals';
import { notesOf } from '../db/notes';
import { listActiveRelationships } from '../db/relationships';
import { sessionsOf } from '../db/sessions';
import { relationshipHealth, type HealthSignal } from '../mentoring/health';

/** The health signals of one active relationship that has any. */
export type RelationshipAlert = { relationshipId: string; name: string; signals: HealthSignal[]; hasWarning: boolean };

/**
 * Health of every active relationship as of `now`, from its whole history (read per relationship
 * on the relationshipId index): the rules in lib/mentoring/health.ts count sessions since the last
 * review or since a goal last moved, so a window would change their answers. Loaded after the
 * week's summary so it never delays the first view; the benchmark measures both.
 */
export async function loadRelationshipAlerts(now: Date): Promise<RelationshipAlert[]> {
  const relationships = await listActiveRelationships();
  const alerts = await Promise.all(
    relationships.map(async (relationship): Promise<RelationshipAlert> => {
      const [sessions, notes, actions, goals] = await Promise.all([
        sessionsOf(relationship.id),
        notesOf(relationship.id),
        actionsOf(relationship.id),
        goalsOf(relationship.id),
      ]);
      const signals = relationshipHealth({ relationship, sessions, notes, actions, goals, now });
      return {
        relationshipId: relationship.id,
        name: relationship.counterpartName,
        signals,
        hasWarning: signals.some((s) => s.severity === 'warning'),
      };
    }),
  );
  // Warnings first, then reviews due; by name within each.
  return alerts
    .filter((a) => a.signals.length > 0)
    .sort((a, b) => Number(b.hasWarning) - Number(a.hasWarning) || a.name.localeCompare(b.name));
}
