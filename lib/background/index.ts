import { browser } from 'wxt/browser';
import { fail, type Reply } from '../messaging';
import { handleContentMessage, handleTabRemoved, recoverSessions } from './calls';
import { handleTabUpdated } from './navigation';
import { forgetTab, handleTabLoaded, injectIntoLoadedPages } from './watcher';
import { handleOffscreenMessage, setupTabCaptureCommand, stopTabCapture } from './tab-capture';
import { handleUiMessage } from './ui';
export { setupExtraSiteCleanup } from './extra-sites';
export { setupReminders } from './reminders';

function typeOf(raw: unknown): string {
  return typeof raw === 'object' && raw !== null && 'type' in raw && typeof raw.type === 'string' ? raw.type : '';
}

/** Routes every runtime message by its direction prefix; unknown messages get an error reply. */
export function setupMessageRouter(): void {
  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    const type = typeOf(raw);
    let reply: Promise<Reply<unknown>>;
    if (type.startsWith('cs:')) reply = handleContentMessage(raw, sender);
    else if (type.startsWith('ui:')) reply = handleUiMessage(raw, sender);
    else if (type.startsWith('off:')) reply = handleOffscreenMessage(raw, sender);
    else return false; // bg: messages are for pages; anything else is not ours to answer
    void reply.catch((error: unknown) => fail(error)).then(sendResponse);
    return true;
  });
}

export function setupTabLifecycle(): void {
  setupTabCaptureCommand(); // the "listen to this tab" shortcut acts on the active tab
  browser.tabs.onRemoved.addListener((tabId) => {
    forgetTab(tabId);
    void stopTabCapture(tabId).catch(() => undefined);
    void handleTabRemoved(tabId);
  });
  // Leaving by page load (a close, welcome or post-attendee page, a link, a reload): the new
  // page's content script knows nothing of the old page's session, so the background judges.
  // A call site's page that has loaded gets the watcher (issue 20: nothing of Rapport's in the
  // page's isolated world before its load event).
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    void handleTabUpdated(tabId, change, tab).catch(() => undefined);
    void handleTabLoaded(tabId, change, tab);
  });
  browser.runtime.onInstalled.addListener((details) => {
    if (details.reason === 'install') void injectIntoLoadedPages().catch(() => undefined);
  });
}

/** Runs at every service-worker start, and once more when the browser itself starts. */
export function setupRecovery(): void {
  browser.runtime.onStartup.addListener(() => void recoverSessions(true));
  void recoverSessions(false);
}
