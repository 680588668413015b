import { getDb } from './database';
import { validated } from './validate';
import { LiveTabSchema, newId, SessionSchema, type Session, type TalkStats } from '../schema';

export type StartSessionInput = Pick<Session, 'relationshipId' | 'platform' | 'meetingLink' | 'stage' | 'plannedLengthMin' | 'agenda'> & {
  tabId?: number;
  startedAt?: number;
};

/** Starts a live session; when it belongs to a tab, remembers the tab for restarts. */
export async function startSession(input: StartSessionInput): Promise<Session> {
  const db = getDb();
  const now = Date.now();
  const startedAt = input.startedAt ?? now;
  const session = validated(SessionSchema, 'session', {
    id: newId(),
    relationshipId: input.relationshipId,
    platform: input.platform,
    wayOfMeeting: 'video',
    meetingLink: input.meetingLink,
    stage: input.stage,
    plannedLengthMin: input.plannedLengthMin,
    agenda: input.agenda,
    currentItemSince: startedAt,
    startedAt,
    lastSavedAt: now,
    status: 'live',
    createdAt: now,
  });
  await db.transaction('rw', db.sessions, db.liveTabs, async () => {
    await db.sessions.add(session);
    if (input.tabId !== undefined) {
      await db.liveTabs.put(
        validated(LiveTabSchema, 'live tab', { tabId: input.tabId, sessionId: session.id, meetingLink: input.meetingLink, startedAt }),
      );
    }
  });
  return session;
}

/** Applies changes to a session after validating the whole record. */
export async function updateSession(id: string, changes: Partial<Omit<Session, 'id' | 'createdAt'>>): Promise<Session> {
  const db = getDb();
  return db.transaction('rw', db.sessions, async () => {
    const current = await db.sessions.get(id);
    if (!current) throw new Error(`No session with id ${id}`);
    const record = validated(SessionSchema, 'session', { ...current, ...changes, id });
    await db.sessions.put(record);
    return record;
  });
}

/**
 * Writes the latest talk timings of the live session of a tab (called every second). Checks
 * that the tab still owns the session and that it is live, and writes, in one transaction with
 * one read of each: returns null (nothing written) when it is not.
 */
export async function saveLiveTalk(tabId: number, id: string, talk: TalkStats): Promise<Session | null> {
  const db = getDb();
  return db.transaction('rw', db.sessions, db.liveTabs, async () => {
    const [tab, current] = await Promise.all([db.liveTabs.get(tabId), db.sessions.get(id)]);
    if (tab?.sessionId !== id || current?.status !== 'live') return null;
    const record = validated(SessionSchema, 'session', { ...current, talk, lastSavedAt: Date.now() });
    await db.sessions.put(record);
    return record;
  });
}

/** Ends a session: the call is over and the note is due. */
export async function endSession(id: string, endedAt = Date.now()): Promise<Session> {
  const db = getDb();
  return db.transaction('rw', db.sessions, db.liveTabs, async () => {
    const current = await db.sessions.get(id);
    if (!current) throw new Error(`No session with id ${id}`);
    await db.liveTabs.where('sessionId').equals(id).delete();
    if (current.status !== 'live') return current;
    const pausedMs = current.pausedAt !== null ? current.pausedMs + Math.max(0, endedAt - current.pausedAt) : current.pausedMs;
    const record = validated(SessionSchema, 'session', {
      ...current,
      status: 'ended',
      endedAt,
      pausedMs,
      pausedAt: null,
      lastSavedAt: endedAt,
    });
    await db.sessions.put(record);
    return record;
  });
}

/**
 * Live sessions whose tab is gone (browser killed, tab crashed) become interrupted, ending at
 * their last save, so everything measured up to then is kept.
 */
export async function interruptOrphanedSessions(liveTabIds: ReadonlySet<number>): Promise<Session[]> {
  const db = getDb();
  return db.transaction('rw', db.sessions, db.liveTabs, async () => {
    const live = await db.sessions.where('status').equals('live').toArray();
    const tabs = await db.liveTabs.toArray();
    const tabOf = new Map(tabs.map((t) => [t.sessionId, t.tabId]));
    const interrupted: Session[] = [];
    for (const s of live) {
      const tabId = tabOf.get(s.id);
      if (tabId !== undefined && liveTabIds.has(tabId)) continue;
      const record = validated(SessionSchema, 'session', { ...s, status: 'interrupted', endedAt: s.lastSavedAt, pausedAt: null });
      await db.sessions.put(record);
      if (tabId !== undefined) await db.liveTabs.delete(tabId);
      interrupted.push(record);
    }
    return interrupted;
  });
}

/** Throws away a session the user did not want measured. */
export async function discardSession(id: string): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.sessions, db.liveTabs, db.drafts, async () => {
    await db.liveTabs.where('sessionId').equals(id).delete();
    await db.drafts.delete(id);
    await db.sessions.delete(id);
  });
}

export async function liveSessionOfTab(tabId: number): Promise<Session | undefined> {
  const db = getDb();
  const tab = await db.liveTabs.get(tabId);
  if (!tab) return undefined;
  const session = await db.sessions.get(tab.sessionId);
  return session?.status === 'live' ? session : undefined;
}

export function getSession(id: string): Promise<Session | undefined> {
  return getDb().sessions.get(id);
}

export function sessionsOf(relationshipId: string): Promise<Session[]> {
  return getDb().sessions.where('relationshipId').equals(relationshipId).sortBy('startedAt');
}

/** Sessions started in [fromMs, toMs). */
export function sessionsBetween(fromMs: number, toMs: number): Promise<Session[]> {
  return getDb().sessions.where('startedAt').between(fromMs, toMs, true, false).toArray();
}

/** Ended or interrupted sessions still waiting for their note. */
export function sessionsAwaitingNote(): Promise<Session[]> {
  return getDb().sessions.where('status').anyOf('ended', 'interrupted').toArray();
}

export type ManualSessionInput = Pick<Session, 'relationshipId' | 'wayOfMeeting' | 'stage' | 'startedAt' | 'plannedLengthMin'> & {
  lengthMin: number;
};

/** Logs a session held by phone, face to face or e-mail. */
export async function logManualSession(input: ManualSessionInput): Promise<Session> {
  const now = Date.now();
  const session = validated(SessionSchema, 'session', {
    id: newId(),
    relationshipId: input.relationshipId,
    platform: 'manual',
    wayOfMeeting: input.wayOfMeeting,
    meetingLink: '',
    stage: input.stage,
    plannedLengthMin: input.plannedLengthMin,
    agenda: [],
    startedAt: input.startedAt,
    endedAt: input.startedAt + input.lengthMin * 60_000,
    lastSavedAt: now,
    status: 'ended',
    createdAt: now,
  });
  await getDb().sessions.add(session);
  return session;
}
