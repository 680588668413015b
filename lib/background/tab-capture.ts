import { browser, type Browser } from 'wxt/browser';
import { liveTabOf, liveTabOfSession } from '../db/live-tabs';
import { getSession } from '../db/sessions';
import {
  fail,
  isExtensionPage,
  ok,
  OffscreenToBackgroundSchema,
  parseMessage,
  send,
  sendToTab,
  type BackgroundToContent,
  type BackgroundToOffscreen,
  type CaptureCount,
  type Reply,
} from '../messaging';

const OFFSCREEN_PATH = '/offscreen.html';
const extensionOrigin = () => browser.runtime.getURL('/').replace(/\/$/, '');

/** True where this browser can capture a tab's audio through an offscreen document (Chrome, not Firefox). */
export function tabCaptureSupported(): boolean {
  return typeof browser.tabCapture?.getMediaStreamId === 'function' && typeof browser.offscreen?.createDocument === 'function';
}

let creating: Promise<void> | null = null;

async function offscreenExists(): Promise<boolean> {
  const contexts = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType] });
  return contexts.length > 0;
}

/** Creates the offscreen document once; concurrent starts wait for the same creation. */
async function ensureOffscreen(): Promise<void> {
  if (await offscreenExists()) return;
  creating ??= browser.offscreen
    .createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['USER_MEDIA' as Browser.offscreen.Reason],
      justification: "Hears the call tab's audio (the other party on sites such as Zoom's web client) and plays it back to you.",
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}

async function closeOffscreen(): Promise<void> {
  if (!(await offscreenExists().catch(() => false))) return;
  await browser.offscreen.closeDocument().catch(() => undefined);
}

async function askOffscreen(
  message: BackgroundToOffscreen & { type: 'bg:capture.start' | 'bg:capture.stop' },
): Promise<Reply<CaptureCount>> {
  const reply = await send(message);
  return reply.ok || reply.code !== 'no-answer' ? reply : fail('the tab-audio document did not answer');
}

/**
 * Starts hearing a call tab's own audio as the other party. The stream id comes from the side
 * panel's click (tabCapture needs the user's gesture on the extension); it is only valid for a
 * few seconds, so the offscreen document opens it at once.
 */
export async function startTabCapture(tabId: number, sessionId: string, streamId: string): Promise<void> {
  if (!tabCaptureSupported()) throw new Error("This browser cannot capture a tab's audio.");
  const live = await liveTabOf(tabId);
  if (live?.sessionId !== sessionId) throw new Error('That tab has no live session any more.');
  if ((await getSession(sessionId))?.status !== 'live') throw new Error('The session is not live any more.');
  await ensureOffscreen();
  const reply = await askOffscreen({ type: 'bg:capture.start', tabId, sessionId, streamId });
  if (!reply.ok) {
    await stopTabCapture(tabId); // closes the document if nothing else uses it
    throw new Error(reply.error);
  }
}

/** Stops a tab's capture (session ended or discarded, tab closed); closes the document when idle. */
export async function stopTabCapture(tabId: number): Promise<void> {
  if (!tabCaptureSupported() || !(await offscreenExists().catch(() => false))) return;
  const reply = await askOffscreen({ type: 'bg:capture.stop', tabId });
  // A document that nothing answers in is closed; one that answers keeps running while it captures.
  if (reply.ok ? reply.data.active === 0 : reply.code === 'unreachable') await closeOffscreen();
}

/** As stopTabCapture, for the tab a live session runs in. */
export async function stopTabCaptureOfSession(sessionId: string): Promise<void> {
  const tab = await liveTabOfSession(sessionId);
  if (tab) await stopTabCapture(tab.tabId);
}

/**
 * Messages from the offscreen document: frames and state for one call tab, forwarded to that
 * tab's content script. Accepted only from the extension's own offscreen page.
 */
export async function handleOffscreenMessage(raw: unknown, sender: Browser.runtime.MessageSender): Promise<Reply<unknown>> {
  if (!isExtensionPage(sender, browser.runtime.id, extensionOrigin()) || !sender.url?.split(/[?#]/)[0]?.endsWith(OFFSCREEN_PATH))
    return fail('not the offscreen document');
  const parsed = parseMessage(OffscreenToBackgroundSchema, raw);
  if (!parsed.ok) return fail(parsed.error);
  const m = parsed.message;
  const forward: BackgroundToContent =
    m.type === 'off:frames'
      ? { type: 'bg:tab.frames', sessionId: m.sessionId, startIndex: m.startIndex, count: m.count, other: m.other }
      : { type: 'bg:tab.state', sessionId: m.sessionId, state: m.state, error: m.error };
  // A tab gone or reloading does not hear it: its capture ends with it (the track ends), nothing to keep.
  await sendToTab(m.tabId, forward);
  if (m.type === 'off:state' && m.state !== 'listening' && m.active === 0) await closeOffscreen();
  return ok(null);
}

/** Keyboard command (manifest `commands`) that starts tab capture on the active call tab. */
export const LISTEN_COMMAND = 'listen-to-tab';

/**
 * A keyboard shortcut is one of the user actions Chrome accepts for tabCapture (with a toolbar
 * click), so the shortcut works where a click in the side panel alone is not enough. Failures
 * reach the side panel through the call tab's health line.
 */
export function setupTabCaptureCommand(): void {
  const commands = (browser as { commands?: typeof browser.commands }).commands;
  if (!commands?.onCommand || !tabCaptureSupported()) return;
  commands.onCommand.addListener((command, tab) => {
    if (command !== LISTEN_COMMAND || tab?.id === undefined) return;
    const tabId = tab.id;
    // Asked at once, inside the command's grant; the lookups wait until the id is in hand.
    void browser.tabCapture.getMediaStreamId({ targetTabId: tabId }).then(
      async (streamId) => {
        const live = await liveTabOf(tabId);
        if (!live) return; // no call in this tab: nothing to listen for
        await startTabCapture(tabId, live.sessionId, streamId).catch(async (error: unknown) => {
          const message: BackgroundToContent = {
            type: 'bg:tab.state',
            sessionId: live.sessionId,
            state: 'failed',
            error: (error instanceof Error ? error.message : String(error)).slice(0, 300),
          };
          await sendToTab(tabId, message);
        });
      },
      () => undefined, // not a capturable tab (chrome:// pages): the shortcut does nothing there
    );
  });
}
