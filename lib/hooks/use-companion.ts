import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { browser, type Browser } from 'wxt/browser';
import { getDb } from '../db/database';
import { openGoalsOf } from '../db/goals';
import { liveSessionOfTab, sessionsAwaitingNote } from '../db/sessions';
import { BackgroundToUiSchema, ContentToBackgroundSchema, type CallStatus, type LiveInfo } from '../messaging';
import type { Goal, Relationship, Session } from '../schema';
import { comingSession, type ComingSession } from '../session-store/coming';

/**
 * The tab the side panel accompanies: `?tabId=` when given (tests, and a panel opened for a
 * specific tab), otherwise the active tab of the panel's window, followed as the user switches.
 */
export function useCompanionTab(): { tabId: number | null; url: string | null } {
  const fixed = Number(new URLSearchParams(window.location.search).get('tabId'));
  const [tab, setTab] = useState<{ tabId: number | null; url: string | null }>({
    tabId: Number.isInteger(fixed) && fixed > 0 ? fixed : null,
    url: null,
  });
  useEffect(() => {
    let cancelled = false;
    const refresh = async () => {
      if (Number.isInteger(fixed) && fixed > 0) {
        const t = await browser.tabs.get(fixed).catch(() => null);
        if (!cancelled) setTab({ tabId: fixed, url: t?.url ?? null });
        return;
      }
      const [active] = await browser.tabs.query({ active: true, currentWindow: true });
      if (!cancelled) setTab({ tabId: active?.id ?? null, url: active?.url ?? null });
    };
    void refresh();
    const onActivated = () => void refresh();
    const onUpdated = (_id: number, info: Browser.tabs.OnUpdatedInfo) => {
      if (info.url || info.status === 'complete') void refresh();
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      cancelled = true;
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, [fixed]);
  return tab;
}

/** The live session of a tab, kept current from IndexedDB; undefined while loading. */
export function useLiveSession(tabId: number | null): Session | null | undefined {
  return useLiveQuery(async () => (tabId === null ? null : ((await liveSessionOfTab(tabId)) ?? null)), [tabId]);
}

/** A relationship and its open goals. */
export function useRelationshipWithGoals(relationshipId: string | null): { relationship: Relationship | null; goals: Goal[] } | undefined {
  return useLiveQuery(async () => {
    if (!relationshipId) return { relationship: null, goals: [] };
    const relationship = (await getDb().relationships.get(relationshipId)) ?? null;
    return { relationship, goals: relationship ? await openGoalsOf(relationship.id) : [] };
  }, [relationshipId]);
}

export function useActiveRelationships(): Relationship[] {
  return useLiveQuery(() => getDb().relationships.where('status').equals('active').sortBy('counterpartName'), [], []);
}

export function useNotesToWrite(): Session[] {
  return useLiveQuery(sessionsAwaitingNote, [], []);
}

/**
 * The latest live measurements from the call tab's content script (sent every second). They are
 * display-only; the stored session is what counts, and it is written by the background.
 */
export function useLiveInfo(tabId: number | null, sessionId: string | null): { info: LiveInfo | null; receivedAt: number } {
  const [state, setState] = useState<{ key: string; info: LiveInfo; receivedAt: number } | null>(null);
  const key = `${tabId}:${sessionId}`;
  useEffect(() => {
    const listener = (raw: unknown, sender: Browser.runtime.MessageSender) => {
      if (tabId === null || sender.tab?.id !== tabId) return;
      const parsed = ContentToBackgroundSchema.safeParse(raw);
      if (!parsed.success || parsed.data.type !== 'cs:talk.update' || parsed.data.sessionId !== sessionId) return;
      setState({ key: `${tabId}:${sessionId}`, info: parsed.data.live, receivedAt: Date.now() });
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [tabId, sessionId]);
  // Figures of another tab or session are never shown.
  return state?.key === key ? { info: state.info, receivedAt: state.receivedAt } : { info: null, receivedAt: 0 };
}

/** Session ids the background asks this panel to write a note for (the call just ended). */
export function useNotePromptRequests(onRequest: (sessionId: string) => void): void {
  useEffect(() => {
    const listener = (raw: unknown, sender: Browser.runtime.MessageSender) => {
      if (sender.id !== browser.runtime.id || sender.tab) return;
      const parsed = BackgroundToUiSchema.safeParse(raw);
      if (parsed.success && parsed.data.type === 'bg:note.prompt') onRequest(parsed.data.sessionId);
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [onRequest]);
}

/** Re-renders every `ms` (timers). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(id);
  }, [ms]);
  return now;
}

/** A call status older than this is forgotten (the tab's page went away without saying so). */
const CALL_STATUS_STALE_MS = 6000;

/**
 * What the call tab's page shows while no session runs (waiting room, not recognised…), as its
 * content script reports it; null when it reported nothing lately.
 */
export function useCallStatus(tabId: number | null): CallStatus | null {
  const [state, setState] = useState<{ tabId: number; status: CallStatus; at: number } | null>(null);
  const now = useNow(2000);
  useEffect(() => {
    const listener = (raw: unknown, sender: Browser.runtime.MessageSender) => {
      if (tabId === null || sender.tab?.id !== tabId) return;
      const parsed = ContentToBackgroundSchema.safeParse(raw);
      if (!parsed.success || parsed.data.type !== 'cs:call.status') return;
      setState({ tabId, status: parsed.data.status, at: Date.now() });
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [tabId]);
  if (!state || state.tabId !== tabId || now - state.at > CALL_STATUS_STALE_MS) return null;
  return state.status;
}

/** The session coming on the call page at `url` (before joining); undefined while loading. */
export function useComingSession(url: string | null): ComingSession | null | undefined {
  return useLiveQuery(() => (url ? comingSession(url) : null), [url]);
}
