import { browser } from 'wxt/browser';
import type { SenderLike } from '../messaging/sender';
import { liveTabOf } from '../db/live-tabs';
import { getSession, interruptOrphanedSessions, saveLiveTalk } from '../db/sessions';
import {
  ContentToBackgroundSchema,
  fail,
  isContentScript,
  ok,
  parseMessage,
  type BundledModel,
  type CallStarted,
  type Reply,
} from '../messaging';
import { startOrResumeCall } from '../session-store/start';
import { endTabSession, recoverReconnects, reconnected, resetNavigationState, serialByTab, stillHere } from './navigation';
import { CHUNKS } from '../session/live-engine';
import { isCallSitePage, wakeWatcher } from './watcher';

let modelCache: Promise<BundledModel> | null = null;

/** Reads public/model/ once per worker life; the files are part of the extension package. */
function bundledModel(): Promise<BundledModel> {
  modelCache ??= (async () => {
    const base = browser.runtime.getURL('/');
    const read = async (path: string) => {
      const response = await fetch(`${base}model/${path}`);
      if (!response.ok) throw new Error(`The speech model is missing from this build (${path}: ${response.status}).`);
      return response;
    };
    const modelJson = (await (await read('model.json')).json()) as { weightsManifest: { paths: string[] }[] };
    const metadata: unknown = await (await read('metadata.json')).json();
    const parts = await Promise.all(
      modelJson.weightsManifest.flatMap((g) => g.paths).map(async (p) => new Uint8Array(await (await read(p)).arrayBuffer())),
    );
    let binary = '';
    for (const part of parts) for (let i = 0; i < part.length; i += 0x8000) binary += String.fromCharCode(...part.subarray(i, i + 0x8000));
    return { modelJson, metadata, weightsBase64: btoa(binary) };
  })().catch((error: unknown) => {
    modelCache = null;
    throw error;
  });
  return modelCache;
}

const extensionOrigin = () => browser.runtime.getURL('/').replace(/\/$/, '');

/**
 * Messages from call-page content scripts. They are untrusted: a page drives its content
 * script, so each message may only touch the live session of the tab it came from.
 */
export async function handleContentMessage(raw: unknown, sender: SenderLike): Promise<Reply<unknown>> {
  if (!isContentScript(sender, browser.runtime.id, extensionOrigin())) return fail('not a content script');
  const tabId = sender.tab?.id;
  if (tabId === undefined) return fail('no tab');
  const parsed = parseMessage(ContentToBackgroundSchema, raw);
  if (!parsed.ok) return fail(parsed.error);
  const message = parsed.message;
  switch (message.type) {
    case 'cs:call.started': {
      const { session, resumed } = await startOrResumeCall(tabId, message.platform, message.meetingLink);
      // A new session or the same one rejoined: either way no reload is pending any more.
      await reconnected(tabId);
      const reply: CallStarted = {
        sessionId: session.id,
        resumed,
        startedAt: session.startedAt,
        baseline: resumed ? session.talk : null,
        paused: session.pausedAt !== null,
      };
      return ok(reply);
    }
    case 'cs:call.ended': {
      await serialByTab(tabId, async () => {
        const tab = await liveTabOf(tabId);
        if (tab) await endTabSession(tabId, tab.sessionId, Date.now());
      });
      return ok(null);
    }
    case 'cs:model.get':
      return ok(await bundledModel());
    case 'cs:chunk.inject': {
      // Only into the sender's own frame, and only where Rapport has host access (a call site, or
      // a site the user granted): executeScript fails anywhere else.
      if (!browser.scripting) return fail('no scripting permission');
      try {
        await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: [CHUNKS[message.chunk].path] });
        return ok(null);
      } catch (error) {
        return fail(error instanceof Error ? error.message : String(error));
      }
    }
    case 'cs:talk.update': {
      const saved = await saveLiveTalk(tabId, message.sessionId, message.live.stats);
      if (saved) await stillHere(tabId);
      return saved ? ok(null) : fail('not the live session of this tab', 'not-live-here');
    }
    case 'cs:call.status':
      // For the side panel, which hears it directly; the background keeps nothing of it.
      return ok(null);
    case 'cs:watcher.wake': {
      // Only a call site's top frame gets a watcher this way (its own page: the tab's address).
      const url = sender.url;
      if ((sender.frameId ?? 0) !== 0 || !url || !isCallSitePage(url)) return fail('not a call site page');
      await wakeWatcher(tabId);
      return ok(null);
    }
  }
}

/** A closed call tab ends its session and asks for the note. */
export async function handleTabRemoved(tabId: number): Promise<void> {
  resetNavigationState(tabId);
  await serialByTab(tabId, async () => {
    const tab = await liveTabOf(tabId);
    if (!tab) return;
    const session = await getSession(tab.sessionId);
    await endTabSession(tabId, tab.sessionId, session?.lastSavedAt ?? Date.now());
  });
}

/**
 * After the browser restarts, no call tab survives: live sessions become interrupted, kept up
 * to their last save. After a mere service-worker restart, tabs that still exist keep theirs.
 */
export async function recoverSessions(browserRestarted: boolean): Promise<void> {
  const tabs = browserRestarted ? [] : await browser.tabs.query({});
  const ids = new Set(tabs.map((t) => t.id).filter((id): id is number => id !== undefined));
  await interruptOrphanedSessions(ids);
  // Reloads that were waiting to rejoin when the worker stopped.
  await recoverReconnects();
}
