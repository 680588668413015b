import { getDb } from './database';
import { validated } from './validate';
import { LiveTabSchema, type LiveTab } from '../schema';

/**
 * Which call tab holds which live session, for the service worker: its memory is gone after ~30 s
 * idle, so the tab ↔ session link and a pending reload's deadline live here. Written together with
 * the session by lib/db/sessions.ts (start, end, discard, orphans).
 */

export function liveTabOf(tabId: number): Promise<LiveTab | undefined> {
  return getDb().liveTabs.get(tabId);
}

export function liveTabOfSession(sessionId: string): Promise<LiveTab | undefined> {
  return getDb().liveTabs.where('sessionId').equals(sessionId).first();
}

export function allLiveTabs(): Promise<LiveTab[]> {
  return getDb().liveTabs.toArray();
}

/** Forgets the tab of a session that is not live any more. */
export async function forgetTabOfSession(sessionId: string): Promise<void> {
  await getDb().liveTabs.where('sessionId').equals(sessionId).delete();
}

/** Marks (or, with null, clears) a pending reconnect of a tab's live session; false when the tab has none. */
export async function setReconnectBy(tabId: number, reconnectBy: number | null): Promise<boolean> {
  const db = getDb();
  return db.transaction('rw', db.liveTabs, async () => {
    const tab = await db.liveTabs.get(tabId);
    if (!tab) return false;
    const { reconnectBy: _old, ...rest } = tab;
    await db.liveTabs.put(validated(LiveTabSchema, 'live tab', reconnectBy === null ? rest : { ...rest, reconnectBy }));
    return true;
  });
}
