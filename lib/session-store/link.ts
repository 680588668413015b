import { getDb } from '../db/database';
import { updateRelationship } from '../db/relationships';
import { updateSession } from '../db/sessions';
import { identifiesMeeting } from '../platforms/registry';
import { planSession } from './start';

/**
 * Links a live (or ended) session to a relationship the user picked. Optionally remembers the
 * meeting link so the next call matches by itself; an agenda nobody has touched yet is replaced by
 * the relationship's own plan (its stage, length, next agenda and goals).
 */
export async function linkSessionToRelationship(sessionId: string, relationshipId: string, rememberLink: boolean): Promise<void> {
  const db = getDb();
  const [session, relationship] = await Promise.all([db.sessions.get(sessionId), db.relationships.get(relationshipId)]);
  if (!session) throw new Error(`No session with id ${sessionId}`);
  if (!relationship) throw new Error(`No relationship with id ${relationshipId}`);
  const untouched = session.agenda.every((i) => !i.done) && session.currentItem === 0 && session.agenda.every((i) => i.spentMs === 0);
  const plan = untouched ? await planSession(relationship) : null;
  await updateSession(sessionId, { relationshipId, ...(plan ?? {}) });
  if (plan && relationship.nextAgenda) await updateRelationship(relationshipId, { nextAgenda: null });
  // A link that names no meeting (a Teams page without its thread id) would match every call of the site.
  if (
    rememberLink &&
    session.meetingLink &&
    identifiesMeeting(session.meetingLink) &&
    !relationship.meetingLinks.includes(session.meetingLink)
  ) {
    await updateRelationship(relationshipId, { meetingLinks: [...relationship.meetingLinks, session.meetingLink] });
  }
}
