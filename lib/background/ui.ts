import { browser } from 'wxt/browser';
import type { SenderLike } from '../messaging/sender';
import { liveTabOfSession } from '../db/live-tabs';
import { discardSession, endSession, getSession, updateSession } from '../db/sessions';
import {
  fail,
  isExtensionPage,
  ok,
  parseMessage,
  sendToTab,
  UiToBackgroundSchema,
  type BackgroundToContent,
  type Reply,
} from '../messaging';
import { openNotePrompt } from './note-prompt';
import { startTabCapture, stopTabCaptureOfSession } from './tab-capture';

const extensionOrigin = () => browser.runtime.getURL('/').replace(/\/$/, '');

async function tabOfSession(sessionId: string): Promise<number | undefined> {
  const tab = await liveTabOfSession(sessionId);
  return tab?.tabId;
}

async function tellTab(sessionId: string, message: BackgroundToContent): Promise<void> {
  const tabId = await tabOfSession(sessionId);
  // A tab that does not hear it (closed, reloading) changes nothing: the stored session is what counts.
  if (tabId !== undefined) await sendToTab(tabId, message);
}

/** Privileged requests, accepted only from the extension's own pages. */
export async function handleUiMessage(raw: unknown, sender: SenderLike): Promise<Reply<unknown>> {
  if (!isExtensionPage(sender, browser.runtime.id, extensionOrigin())) return fail('not an extension page');
  const parsed = parseMessage(UiToBackgroundSchema, raw);
  if (!parsed.ok) return fail(parsed.error);
  const message = parsed.message;
  switch (message.type) {
    case 'ui:session.end': {
      await tellTab(message.sessionId, { type: 'bg:session.stop', sessionId: message.sessionId });
      await stopTabCaptureOfSession(message.sessionId).catch(() => undefined);
      const ended = await endSession(message.sessionId);
      await openNotePrompt(ended.id);
      return ok(null);
    }
    case 'ui:session.discard': {
      await tellTab(message.sessionId, { type: 'bg:session.stop', sessionId: message.sessionId });
      await stopTabCaptureOfSession(message.sessionId).catch(() => undefined);
      await discardSession(message.sessionId);
      return ok(null);
    }
    case 'ui:session.pause': {
      const session = await getSession(message.sessionId);
      if (session?.status !== 'live') return fail('session is not live');
      const now = Date.now();
      const changes = message.paused
        ? { pausedAt: session.pausedAt ?? now }
        : { pausedAt: null, pausedMs: session.pausedMs + (session.pausedAt !== null ? now - session.pausedAt : 0) };
      await updateSession(message.sessionId, changes);
      await tellTab(message.sessionId, { type: 'bg:session.pause', sessionId: message.sessionId, paused: message.paused });
      return ok(null);
    }
    case 'ui:tabcapture.start':
      await startTabCapture(message.tabId, message.sessionId, message.streamId);
      return ok(null);
    case 'ui:note.open':
      await openNotePrompt(message.sessionId);
      return ok(null);
    case 'ui:sidepanel.open':
    case 'ui:live.query':
      return fail(`${message.type} is handled by the page itself`);
  }
}
