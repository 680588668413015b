import { getDb } from '../db/database';
import { updateRelationship } from '../db/relationships';
import { getSettings } from '../db/settings';
import { resolveLanguage } from '../i18n';
import { endSession, liveSessionOfTab, startSession } from '../db/sessions';
import { agendaFromTemplate, stageForNextSession } from '../mentoring/templates';
import { linkMatches } from '../platforms/link';
import { canonicalMeetingLink, identifiesMeeting } from '../platforms/registry';
import type { Platform, Relationship, Session } from '../schema';

/** A relationship whose meeting links identify this call, if exactly one does. */
export function matchRelationship(relationships: readonly Relationship[], meetingLink: string): Relationship | null {
  // Links are compared in each site's canonical form, so an invitation (zoom.us/j/N) matches the
  // web client's page (app.zoom.us/wc/N).
  const canonical = (link: string) => canonicalMeetingLink(link) || link;
  const meeting = canonical(meetingLink);
  const matches = relationships.filter((r) => r.status === 'active' && r.meetingLinks.some((l) => linkMatches(canonical(l), meeting)));
  return matches.length === 1 ? (matches[0] ?? null) : null;
}

/** The agenda and plan of a new session of a relationship (or of an unlinked call). */
export async function planSession(relationship: Relationship | null): Promise<Pick<Session, 'stage' | 'plannedLengthMin' | 'agenda'>> {
  const settings = await getSettings();
  const language = resolveLanguage(settings.language, typeof navigator === 'undefined' ? [] : navigator.languages);
  if (!relationship) {
    const plannedLengthMin = 45;
    return { stage: 'progress', plannedLengthMin, agenda: agendaFromTemplate('progress', plannedLengthMin, [], language) };
  }
  const db = getDb();
  const held = await db.sessions
    .where('relationshipId')
    .equals(relationship.id)
    .filter((s) => s.status !== 'live')
    .count();
  const stage = stageForNextSession(held, relationship.cadence.earlyMeetings);
  const plannedLengthMin = relationship.agreement.usualLengthMin;
  // The agenda prepared before the call (options page) wins over the stage template.
  if (relationship.nextAgenda && relationship.nextAgenda.length > 0) {
    const agenda = relationship.nextAgenda.map((item) => ({ ...item, done: false, spentMs: 0 }));
    return { stage, plannedLengthMin: Math.max(plannedLengthMin, 1), agenda };
  }
  const goalIds = (await db.goals.where('relationshipId').equals(relationship.id).toArray())
    .filter((g) => g.status === 'in-progress' || g.status === 'not-started')
    .map((g) => g.id);
  return { stage, plannedLengthMin, agenda: agendaFromTemplate(stage, plannedLengthMin, goalIds, language) };
}

export type StartResult = { session: Session; resumed: boolean };

/**
 * Whether a tab's call report is the live session's meeting: the same link in canonical form, or,
 * on the same site, an address that names no meeting (Zoom's client and Teams' /v2/ drop the id
 * once joined, so a reloaded page may not see it again; a different meeting comes with its own id,
 * or by a page load the background has already judged).
 */
function sameMeeting(live: Session, platform: Platform, meetingLink: string): boolean {
  if (live.meetingLink === meetingLink) return true;
  const canonical = (link: string) => canonicalMeetingLink(link) || link;
  if (canonical(live.meetingLink) === canonical(meetingLink)) return true;
  return live.platform === platform && !identifiesMeeting(meetingLink);
}

/**
 * Called when a tab reports a call: resumes the tab's live session for the same meeting
 * (the tab was reloaded, or the content script restarted), otherwise ends any other live
 * session of the tab and starts a new one, matched to a relationship by its meeting link.
 */
export async function startOrResumeCall(tabId: number, platform: Platform, meetingLink: string): Promise<StartResult> {
  const live = await liveSessionOfTab(tabId);
  if (live && sameMeeting(live, platform, meetingLink)) return { session: live, resumed: true };
  if (live) await endSession(live.id, live.lastSavedAt);
  const relationships = await getDb().relationships.where('status').equals('active').toArray();
  const relationship = matchRelationship(relationships, meetingLink);
  const plan = await planSession(relationship);
  const session = await startSession({ relationshipId: relationship?.id ?? null, platform, meetingLink, tabId, ...plan });
  // A prepared agenda is for one session: the next call drafts afresh.
  if (relationship?.nextAgenda) await updateRelationship(relationship.id, { nextAgenda: null });
  return { session, resumed: false };
}
