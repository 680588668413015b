import { browser } from 'wxt/browser';
// Not '../messaging': its index carries every schema in the full zod, too heavy for every call-site page.
import type { CallStatus, ContentToBackground } from '../messaging/protocol';
import { ok, parseMessage } from '../messaging/reply';
import { runtimeTransport, sendVia, type Transport } from '../messaging/send';
import { BackgroundToContentSchema, PageToContentSchema, type BackgroundToContent, type TapState } from '../messaging/to-content';
import type { Detection } from '../platforms/detect';
import { normalizeMeetingLink } from '../platforms/link';
import type { CallDomState, PlatformAdapter } from '../platforms/types';
import { AdmissionGate } from './admission';
import { combineDetection } from '../platforms/detect';
import { adapterFor } from '../platforms/registry';
import { createChunkLoader, type ChunkLoader } from './chunk-loader';
import type { CallEngineModule } from './live-engine';
import { SessionControl, type LiveSession, type Send } from './session-control';

export type Detect = (dom: CallDomState, tap: TapState | null, adapterKnown: boolean) => Detection;

/** How often the content script reports to the background (and so how much a crash can lose). */
export const UPDATE_EVERY_MS = 1000;
/**
 * A live session ends when the page shows no call for this long (left without an "ended"
 * screen, or a generic page whose connections closed). A reload that lands in a lobby and a
 * short network drop stay within it.
 */
export const NOT_IN_CALL_GRACE_MS = 30_000;
/** While no session runs and there is something to say, the side panel hears the call's status this often. */
const STATUS_EVERY_MS = 2000;
/** Call statuses that mean a call is on in this page (or about to be measured): the engine is worth loading. */
const CALL_ON: readonly CallStatus[] = ['joined-no-media', 'guessing'];

/** The parts of WXT's ContentScriptContext the companion uses (a fake in unit tests). */
export interface CompanionContext {
  readonly isInvalid: boolean;
  setInterval(handler: () => void, timeout?: number): number;
  addEventListener(target: Window, type: 'message', handler: (event: MessageEvent) => void): void;
  onInvalidated(cb: () => void): () => void;
}

type RuntimeListener = (raw: unknown, sender: unknown, sendResponse: (response: unknown) => void) => void;

/** The browser and page the companion talks to; real ones by default, fakes in unit tests. */
export interface CompanionDeps {
  window: Window;
  /** What carries the companion's messages to the background (lib/messaging's send goes over it). */
  transport: Transport;
  onMessage: { addListener(l: RuntimeListener): void; removeListener(l: RuntimeListener): void };
  getURL: (path: '/tap-worklet.js') => string;
  loadEngineModule: ChunkLoader<CallEngineModule>;
}

function browserDeps(): CompanionDeps {
  return {
    window,
    transport: runtimeTransport,
    onMessage: browser.runtime.onMessage as unknown as CompanionDeps['onMessage'],
    getURL: (path) => browser.runtime.getURL(path),
    loadEngineModule: createChunkLoader<CallEngineModule>(
      'engine',
      (m) => typeof (m as CallEngineModule | undefined)?.createMeter === 'function',
    ),
  };
}

/**
 * The call companion in the call page's isolated world, wired from three parts: the admission
 * gate (is the user really in the call?), session control (start or resume the session, load the
 * engine, start and stop the tap; `session-control.ts`) with its frame intake
 * (`frame-intake.ts`), and the live figures reported every second (`live-info.ts`). The talk-time
 * engine and tfjs are not in this script: they load when a call starts. Every listener and timer
 * goes through `ctx` or is removed when it is invalidated, so nothing outlives the page or an
 * extension reload.
 */
export function initCallCompanion(
  ctx: CompanionContext,
  adapter: PlatformAdapter | null,
  detect: Detect,
  deps: CompanionDeps = browserDeps(),
  pageMessages: readonly unknown[] = [],
): { session: SessionControl } {
  const win = deps.window;
  let tap: TapState | null = null;
  let detection: Detection | null = null;
  let notInCallSince: number | null = null;
  let noRemoteSince: number | null = null;
  // Some sites show the meeting id only before joining (Teams v2 moves to /v2/ once in the call):
  // the last link seen in this tab identifies the meeting.
  let lastMeetingLink: string | null = null;
  // Before a session: the page and the media must agree that the user is in the call.
  const gate = new AdmissionGate();
  let lastStatus: { status: CallStatus; at: number } | null = null;

  // Never throws: a message not delivered (extension reloaded, worker starting) is retried by the next tick.
  const send: Send = sendVia<ContentToBackground>(deps.transport);

  const session = new SessionControl({
    send,
    prepare: () => deps.loadEngineModule().then((m) => m.prepare()),
    createMeter: (options) => deps.loadEngineModule().then((m) => m.createMeter(options)),
    postToTap: (message) => win.postMessage({ source: 'rapport-cs', ...message }, win.location.origin),
    workletUrl: () => deps.getURL('/tap-worklet.js'),
    isInvalid: () => ctx.isInvalid,
  });

  /** The engine chunk and model, fetched as soon as the page shows a call, so the session starts measuring at once. */
  function prepareEngine(): void {
    void deps
      .loadEngineModule()
      .then((m) => m.prepare())
      .catch(() => undefined); // the session start tries again and says why
  }

  function info(l: LiveSession) {
    return l.meter.info({ detection, tap, tabCaptureSite: adapter?.remoteAudio === 'tab-capture', noRemoteSince, now: Date.now() });
  }

  /** Stops measuring (the background ended the session, or this script is going away). */
  async function stop(): Promise<LiveSession | null> {
    noRemoteSince = null;
    notInCallSince = null;
    return session.stop();
  }

  /** The page says the call is over: the settled figures first, then the end (which opens the note). */
  async function endCall(): Promise<void> {
    const ended = await stop();
    if (ended) await send({ type: 'cs:talk.update', sessionId: ended.sessionId, live: info(ended) });
    await send({ type: 'cs:call.ended', reason: 'left' });
  }

  function fromPage(data: { source?: unknown } | null): void {
    if (data?.source !== 'rapport-tap') return;
    const parsed = parseMessage(PageToContentSchema, data);
    if (!parsed.ok) return;
    const m = parsed.message;
    if (m.type === 'tap:state') tap = m.state;
    else session.live?.meter.intake.tapFrames(m.startIndex, m.count, m.self, m.other);
  }
  // What the tap said before this companion loaded (it posts its state only when it changes).
  for (const data of pageMessages) fromPage(data as { source?: unknown } | null);
  ctx.addEventListener(win, 'message', (event: MessageEvent) => {
    if (event.source !== win) return;
    fromPage(event.data as { source?: unknown } | null);
  });

  function onBackground(m: BackgroundToContent, live: LiveSession): void {
    if (m.type === 'bg:session.stop') void stop();
    else if (m.type === 'bg:session.pause') live.meter.intake.paused = m.paused;
    else if (m.type === 'bg:tab.frames') live.meter.intake.tabFrames(m.startIndex, m.count, m.other);
    else if (m.type === 'bg:tab.state') live.meter.intake.tabState(m.state, m.error);
  }

  const onMessage: RuntimeListener = (raw, _sender, sendResponse) => {
    if (ctx.isInvalid) return;
    const parsed = parseMessage(BackgroundToContentSchema, raw);
    if (!parsed.ok) return;
    const m = parsed.message;
    const live = session.live;
    // The background asks whether this page is the one holding the session (an address change
    // inside the page) or a new page (the old one, and its session, went away).
    if (m.type === 'bg:session.ping') {
      sendResponse(ok({ holds: live?.sessionId === m.sessionId }));
      return;
    }
    if (live && m.sessionId === live.sessionId) onBackground(m, live);
  };
  deps.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => deps.onMessage.removeListener(onMessage));

  function tick(): void {
    const url = new URL(win.location.href);
    const dom = adapter ? adapter.read(win.document, url) : { inCall: null, ended: null, micMuted: null, meetingLink: null, title: null };
    detection = detect(dom, tap, adapter !== null);
    lastMeetingLink = detection.meetingLink ?? lastMeetingLink;
    const live = session.live;
    const now = Date.now();
    if (live) {
      live.meter.setSelfMuted(detection.micMuted);
      noRemoteSince = (tap?.remoteAudioTracks ?? 0) > 0 ? null : (noRemoteSince ?? now);
      notInCallSince = detection.inCall ? null : (notInCallSince ?? now);
      if (detection.ended || (notInCallSince !== null && now - notInCallSince > NOT_IN_CALL_GRACE_MS)) {
        void endCall();
        return;
      }
      const sessionId = live.sessionId;
      void send({ type: 'cs:talk.update', sessionId, live: info(live) }).then((reply) => {
        // The background ended this session (the tab loaded another page while this one stayed
        // alive, e.g. restored from the back/forward cache): stop, and let the gate judge afresh.
        if (!reply.ok && reply.code === 'not-live-here' && session.live?.sessionId === sessionId) void stop();
      });
      lastStatus = null;
      return;
    }
    const knownMeetingPage = adapter !== null && (adapter.isMeetingUrl(url) || lastMeetingLink !== null);
    const decision = gate.update({ detection, tap, remoteAudio: adapter?.remoteAudio ?? 'webrtc', knownMeetingPage, now });
    reportStatus(decision.status, now);
    if (decision.start || CALL_ON.includes(decision.status)) prepareEngine();
    if (decision.start) {
      // Generic pages show no meeting id: the last one seen in this tab, or the page's address, stands in.
      const meetingLink = detection.meetingLink ?? lastMeetingLink ?? normalizeMeetingLink(win.location.href);
      if (meetingLink) {
        void session.start({ platform: adapter?.id ?? 'generic', meetingLink, title: win.document.title.slice(0, 300) });
      }
    }
  }

  /** Tells the side panel what the page shows while no session runs: on a change, and now and then while it matters. */
  function reportStatus(status: CallStatus, now: number): void {
    const changed = lastStatus?.status !== status;
    if (!changed && (status === 'no-call' || now - lastStatus!.at < STATUS_EVERY_MS)) return;
    lastStatus = { status, at: now };
    void send({ type: 'cs:call.status', status });
  }

  // The tap posts its state only when it changes: ask for it now.
  win.postMessage({ source: 'rapport-cs', type: 'cs:tap.state' }, win.location.origin);
  ctx.setInterval(tick, UPDATE_EVERY_MS);
  ctx.onInvalidated(() => void stop());
  return { session };
}

/** The companion chunk's entry: the real browser, the page's adapter and detection. */
export function startCompanion(ctx: CompanionContext, pageMessages: readonly unknown[]): void {
  initCallCompanion(ctx, adapterFor(new URL(window.location.href)), combineDetection, browserDeps(), pageMessages);
}
