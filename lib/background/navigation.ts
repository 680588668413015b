import { allLiveTabs, forgetTabOfSession, liveTabOf, setReconnectBy } from '../db/live-tabs';
import { endSession, getSession } from '../db/sessions';
import { canonicalMeetingLink, adapterFor } from '../platforms/registry';
import { openNotePrompt } from './note-prompt';
import { stopTabCapture } from './tab-capture';
import { sendToTab } from '../messaging/send';

/**
 * How long a reloaded call page has to rejoin the same meeting before its session ends. The same
 * as the companion's NOT_IN_CALL_GRACE_MS: a reload that lands in a pre-join screen and is
 * rejoined within it is the same session.
 */
export const RECONNECT_GRACE_MS = 30_000;
/**
 * A reload can be cancelled (the site's "Leave site?" prompt) and the old page keeps reporting;
 * reports that still come this long after the load began mean the page never went away.
 */
const STILL_HERE_AFTER_MS = 10_000;

/** What a page load in a call tab means for its live session. */
export type NavigationVerdict = 'reconnect' | 'left';

/**
 * Pure: decides whether a document load in a tab whose session is `sessionLink` is the same
 * meeting coming back (a reload, or another address of the same meeting) or the user leaving it
 * (the site's close, welcome or post-attendee page, another meeting, another site).
 * `url` is undefined when Rapport may not read the new page's address: a site it has no access
 * to, so not the call. `urlChanged` is false for a reload.
 */
export function navigationVerdict(sessionLink: string, url: string | undefined, urlChanged: boolean): NavigationVerdict {
  if (!url) return 'left';
  const parsed = URL.parse(url);
  if (!parsed) return 'left';
  const adapter = adapterFor(parsed);
  const session = canonicalMeetingLink(sessionLink) || sessionLink;
  if (adapter?.isMeetingUrl(parsed)) return canonicalMeetingLink(url) === session ? 'reconnect' : 'left';
  // The same address loaded again: some sites drop the meeting id from the address once joined
  // (Zoom, Teams' /v2/), so a reload there shows no id; the new page says whether it rejoins.
  if (!urlChanged) return adapter !== null || canonicalMeetingLink(url) === session ? 'reconnect' : 'left';
  return 'left';
}

type Pending = { since: number; deadline: number; timer: ReturnType<typeof setTimeout> };
/** Reconnects being waited for, by tab. Also stored in liveTabs, so a restarted worker re-arms them. */
const pending = new Map<number, Pending>();

const chains = new Map<number, Promise<unknown>>();

/**
 * Runs the tab's session changes one after another: a hang-up that navigates is seen both by the
 * page ("ended") and by the background (the load), and must end the session and ask for its note
 * once.
 */
export function serialByTab<T>(tabId: number, fn: () => Promise<T>): Promise<T> {
  const run = (chains.get(tabId) ?? Promise.resolve()).catch(() => undefined).then(fn);
  chains.set(tabId, run);
  void run
    .finally(() => {
      if (chains.get(tabId) === run) chains.delete(tabId);
    })
    .catch(() => undefined);
  return run;
}

/** Ends a tab's live session (the user left the meeting) and asks for the note; nothing if it already ended. */
export async function endTabSession(tabId: number, sessionId: string, endedAt: number): Promise<void> {
  forget(tabId);
  await stopTabCapture(tabId).catch(() => undefined);
  const before = await getSession(sessionId);
  if (before?.status !== 'live') {
    await forgetTabOfSession(sessionId);
    return;
  }
  const ended = await endSession(sessionId, endedAt);
  await openNotePrompt(ended.id);
}

function forget(tabId: number): void {
  const p = pending.get(tabId);
  if (p) clearTimeout(p.timer);
  pending.delete(tabId);
}

function arm(tabId: number, since: number, deadline: number): void {
  forget(tabId);
  const timer = setTimeout(() => void expireReconnect(tabId), Math.max(0, deadline - Date.now()) + 250);
  pending.set(tabId, { since, deadline, timer });
}

/** The reload's grace is over: a session whose page did not rejoin ends at its last save. */
export function expireReconnect(tabId: number, now = Date.now()): Promise<void> {
  return serialByTab(tabId, () => expire(tabId, now));
}

async function expire(tabId: number, now: number): Promise<void> {
  const row = await liveTabOf(tabId);
  if (!row?.reconnectBy) return forget(tabId);
  if (row.reconnectBy > now) return arm(tabId, pending.get(tabId)?.since ?? now, row.reconnectBy);
  const session = await getSession(row.sessionId);
  await endTabSession(tabId, row.sessionId, session?.lastSavedAt ?? now);
}

/**
 * tabs.onUpdated: the background owns leaving by page load, since the new page's content script
 * knows nothing of the old page's session. Only document loads count (status "loading"); an
 * address change inside a page (history.pushState) is the content script's to judge, except while
 * a load is pending, when it is the load's own address arriving.
 */
export async function handleTabUpdated(
  tabId: number,
  change: { status?: string; url?: string },
  tab: { url?: string },
  now = Date.now(),
): Promise<void> {
  const loading = change.status === 'loading';
  if (!loading && !(change.url !== undefined && pending.has(tabId))) return;
  await serialByTab(tabId, () => judgeLoad(tabId, change, tab, now));
}

async function judgeLoad(tabId: number, change: { status?: string; url?: string }, tab: { url?: string }, now: number): Promise<void> {
  const row = await liveTabOf(tabId);
  if (!row) return forget(tabId);
  const urlChanged = change.url !== undefined;
  // Chromium reports pushState and hash changes as "loading" with the new address, just as it
  // reports a new page: the page that holds the session answers only if it is still there.
  if (urlChanged && (await pageHoldsSession(tabId, row.sessionId))) return;
  const verdict = navigationVerdict(row.meetingLink, change.url ?? tab.url, urlChanged);
  if (verdict === 'left') {
    await endTabSession(tabId, row.sessionId, now);
    return;
  }
  const deadline = now + RECONNECT_GRACE_MS;
  if (await setReconnectBy(tabId, deadline)) arm(tabId, now, deadline);
}

/** How long the background waits for a page to say it still holds its session. */
const PING_TIMEOUT_MS = 1500;

/** True when the tab's top page still runs the content script that holds this session. */
async function pageHoldsSession(tabId: number, sessionId: string): Promise<boolean> {
  // Not received: a new page without Rapport's script yet, or none at all.
  const ping = sendToTab(tabId, { type: 'bg:session.ping', sessionId }, { frameId: 0 }).then((reply) => reply.ok && reply.data.holds);
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), PING_TIMEOUT_MS));
  return Promise.race([ping, timeout]);
}

/** The tab's content script rejoined the same meeting: the pending reconnect is over. */
export async function reconnected(tabId: number): Promise<void> {
  if (!pending.has(tabId)) {
    // A restarted worker has no timers, but the row may still carry the mark.
    const row = await liveTabOf(tabId);
    if (!row?.reconnectBy) return;
  }
  forget(tabId);
  await setReconnectBy(tabId, null);
}

/** A report from the tab's page: if it comes well after a load began, the load never replaced the page. */
export async function stillHere(tabId: number, now = Date.now()): Promise<void> {
  const p = pending.get(tabId);
  if (p && now - p.since > STILL_HERE_AFTER_MS) await reconnected(tabId);
}

/** At worker start: reconnects pending in the database are re-armed, or ended if their time is up. */
export async function recoverReconnects(now = Date.now()): Promise<void> {
  const rows = await allLiveTabs();
  for (const row of rows) {
    if (row.reconnectBy === undefined) continue;
    if (row.reconnectBy <= now) await expireReconnect(row.tabId, now).catch(() => undefined);
    else arm(row.tabId, now, row.reconnectBy);
  }
}

/** Drops the timer of one tab (closed), or of every tab (tests). */
export function resetNavigationState(tabId?: number): void {
  for (const id of tabId === undefined ? [...pending.keys()] : [tabId]) forget(id);
}
