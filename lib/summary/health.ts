import { healthRecordsOf, listActiveRelationships } from '../db/summary';
import { healthActionDates, relationshipHealth, type HealthSignal } from '../mentoring/health';

/** The health signals of one active relationship that has any. */
export type RelationshipAlert = { relationshipId: string; name: string; signals: HealthSignal[]; hasWarning: boolean };

/**
 * Health of every active relationship as of `now`, from its whole history (sessions as digests,
 * only the actions the rules look at; lib/db/summary.ts healthRecordsOf): the rules in lib/mentoring/health.ts count
 * sessions since the last review or since a goal last moved, so a window would change their
 * answers. Loaded after the week's summary so it never delays the first view; the benchmark
 * measures both.
 */
export async function loadRelationshipAlerts(now: Date): Promise<RelationshipAlert[]> {
  const relationships = await listActiveRelationships();
  const records = await healthRecordsOf(relationships, healthActionDates(now));
  const alerts = relationships.map((relationship, i): RelationshipAlert => {
    const signals = relationshipHealth({ relationship, ...records[i]!, now });
    return {
      relationshipId: relationship.id,
      name: relationship.counterpartName,
      signals,
      hasWarning: signals.some((s) => s.severity === 'warning'),
    };
  });
  // Warnings first, then reviews due; by name within each.
  return alerts
    .filter((a) => a.signals.length > 0)
    .sort((a, b) => Number(b.hasWarning) - Number(a.hasWarning) || a.name.localeCompare(b.name));
}
