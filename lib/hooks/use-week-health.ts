import { useLiveQuery } from 'dexie-react-hooks';
import { loadRelationshipAlerts, type RelationshipAlert } from '../summary/health';

/** Relationships that need attention (health warnings, reviews due), live; undefined while loading or not enabled. */
export function useRelationshipAlerts(enabled: boolean): RelationshipAlert[] | undefined {
  return useLiveQuery(() => (enabled ? loadRelationshipAlerts(new Date()) : undefined), [enabled]);
}
