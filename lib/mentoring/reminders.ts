import { addDays, startOfDay } from 'date-fns';
import type { Note, ReminderSettings, Relationship, Session } from '../schema';
import { suggestNextMeeting } from './cadence';

/** How long before a planned session its reminder comes. */
export const BEFORE_SESSION_MS = 10 * 60_000;
/** How long after a call a still unwritten note is nudged. */
export const UNWRITTEN_NOTE_AFTER_MS = 3 * 3_600_000;
/** The weekly review nudge's hour, local time. */
export const WEEKLY_REVIEW_HOUR = 9;

/** One reminder to schedule: an alarm `name` at `at` (epoch ms), and what its notification says. */
export type Reminder =
  | { kind: 'session'; name: string; at: number; relationshipId: string; counterpartName: string; agendaPrepared: boolean }
  | { kind: 'note'; name: string; at: number; sessionId: string; counterpartName: string }
  | { kind: 'weekly'; name: string; at: number };

/** Everything the plan reads. */
export type ReminderInput = {
  settings: ReminderSettings | undefined;
  relationships: readonly Relationship[];
  sessions: readonly Session[];
  notes: readonly Note[];
  now: number;
};

/**
 * When the next session of a relationship is planned: the next meeting agreed in the latest
 * note when it is still ahead, otherwise the cadence's next day at the time of day of the last
 * session (people keep a slot). Null when nothing is held yet and nothing agreed: no time to remind at.
 */
export function plannedSessionAt(
  relationship: Relationship,
  sessions: readonly Session[],
  notes: readonly Note[],
  now: number,
): number | null {
  const own = sessions.filter((s) => s.relationshipId === relationship.id && s.status !== 'live');
  const latestNote = notes
    .filter((n) => n.relationshipId === relationship.id)
    .sort(
      (a, b) =>
        (own.find((s) => s.id === b.sessionId)?.startedAt ?? b.createdAt) -
        (own.find((s) => s.id === a.sessionId)?.startedAt ?? a.createdAt),
    )[0];
  if (latestNote?.nextMeeting && latestNote.nextMeeting.at > now) return latestNote.nextMeeting.at;
  const last = [...own].sort((a, b) => b.startedAt - a.startedAt)[0];
  if (!last) return null;
  const day = suggestNextMeeting(relationship, own, new Date(now));
  const slot = new Date(last.startedAt);
  const at = new Date(day);
  at.setHours(slot.getHours(), slot.getMinutes(), 0, 0);
  return at.getTime() > now ? at.getTime() : null;
}

/** The next `day` (0–6) at WEEKLY_REVIEW_HOUR:00 after `now`. */
export function nextWeeklyReview(day: number, now: number): number {
  let d = startOfDay(new Date(now));
  for (let i = 0; i < 8; i++, d = addDays(d, 1)) {
    if (d.getDay() !== day) continue;
    const at = new Date(d);
    at.setHours(WEEKLY_REVIEW_HOUR, 0, 0, 0);
    if (at.getTime() > now) return at.getTime();
  }
  throw new Error('unreachable');
}

/**
 * The reminders to schedule now, each with a stable alarm name (so planning again replaces, never
 * duplicates). Nothing when reminders are off: no alarm exists without the user's consent.
 */
export function planReminders({ settings, relationships, sessions, notes, now }: ReminderInput): Reminder[] {
  if (!settings?.enabled) return [];
  const plan: Reminder[] = [];
  if (settings.beforeSession) {
    for (const r of relationships) {
      if (r.status !== 'active') continue;
      const at = plannedSessionAt(r, sessions, notes, now);
      if (at === null || at - BEFORE_SESSION_MS <= now) continue;
      plan.push({
        kind: 'session',
        name: `rapport:session:${r.id}`,
        at: at - BEFORE_SESSION_MS,
        relationshipId: r.id,
        counterpartName: r.counterpartName,
        agendaPrepared: (r.nextAgenda?.length ?? 0) > 0,
      });
    }
  }
  if (settings.unwrittenNote) {
    const names = new Map(relationships.map((r) => [r.id, r.counterpartName]));
    for (const s of sessions) {
      if (s.status !== 'ended' && s.status !== 'interrupted') continue;
      const at = (s.endedAt ?? s.lastSavedAt) + UNWRITTEN_NOTE_AFTER_MS;
      if (at <= now) continue;
      plan.push({
        kind: 'note',
        name: `rapport:note:${s.id}`,
        at,
        sessionId: s.id,
        counterpartName: names.get(s.relationshipId ?? '') ?? '',
      });
    }
  }
  if (settings.weeklyDay !== null) plan.push({ kind: 'weekly', name: 'rapport:weekly', at: nextWeeklyReview(settings.weeklyDay, now) });
  return plan;
}
