import { browser } from 'wxt/browser';
// Not '../messaging': its index carries every schema in the full zod, too heavy for every call-site page.
import type { CallStatus, ContentToBackground } from '../messaging/protocol';
import { ok, parseMessage } from '../messaging/reply';
import { runtimeTransport, sendVia, type Transport } from '../messaging/send';
import { BackgroundToContentSchema, PageToContentSchema, type TapState } from '../messaging/to-content';
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
  const companion = new CallCompanion(ctx, adapter, detect, deps);
  // What the tap said before this companion loaded (it posts its state only when it changes).
  for (const data of pageMessages) companion.fromPage(data as { source?: unknown } | null);
  ctx.addEventListener(win, 'message', (event: MessageEvent) => {
    if (event.source !== win) return;
    companion.fromPage(event.data as { source?: unknown } | null);
  });
  const onMessage: RuntimeListener = (raw, _sender, sendResponse) => companion.fromBackground(raw, sendResponse);
  deps.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => deps.onMessage.removeListener(onMessage));

  // The tap posts its state only when it changes: ask for it now.
  win.postMessage({ source: 'rapport-cs', type: 'cs:tap.state' }, win.location.origin);
  ctx.setInterval(() => companion.tick(), UPDATE_EVERY_MS);
  ctx.onInvalidated(() => void companion.stop());
  return { session: companion.session };
}

/** The companion's state between ticks, and what it does on each tick and message. */
class CallCompanion {
  private tap: TapState | null = null;
  private detection: Detection | null = null;
  private notInCallSince: number | null = null;
  private noRemoteSince: number | null = null;
  // Some sites show the meeting id only before joining (Teams v2 moves to /v2/ once in the call):
  // the last link seen in this tab identifies the meeting.
  private lastMeetingLink: string | null = null;
  // Before a session: the page and the media must agree that the user is in the call.
  private readonly gate = new AdmissionGate();
  private lastStatus: { status: CallStatus; at: number } | null = null;
  /** This script's end of the channel the tap's worklet posts frames on (see postToTap). */
  private framesPort: MessagePort | null = null;
  // Never throws: a message not delivered (extension reloaded, worker starting) is retried by the next tick.
  private readonly send: Send;
  readonly session: SessionControl;

  constructor(
    private readonly ctx: CompanionContext,
    private readonly adapter: PlatformAdapter | null,
    private readonly detect: Detect,
    private readonly deps: CompanionDeps,
  ) {
    this.send = sendVia<ContentToBackground>(deps.transport);
    this.session = new SessionControl({
      send: this.send,
      prepare: () => deps.loadEngineModule().then((m) => m.prepare()),
      createMeter: (options) => deps.loadEngineModule().then((m) => m.createMeter(options)),
      postToTap: (message) => this.postToTap(message),
      workletUrl: () => deps.getURL('/tap-worklet.js'),
      isInvalid: () => ctx.isInvalid,
    });
  }

  /**
   * A command to the page's tap. A start carries a new channel of this script's own, and the tap
   * has its worklet post the frames there: straight from the audio thread to this script, not
   * through the page's main world and its window messages (frames still arriving that way, from a
   * tap that started before or a page that took the port, are taken as before).
   */
  private postToTap(message: { type: 'cs:tap.start'; workletUrl: string } | { type: 'cs:tap.stop' }): void {
    const win = this.deps.window;
    this.framesPort?.close();
    this.framesPort = null;
    if (message.type === 'cs:tap.start' && typeof MessageChannel === 'function') {
      const channel = new MessageChannel();
      channel.port1.onmessage = (e: MessageEvent) => this.fromFramesPort(e.data);
      try {
        win.postMessage({ source: 'rapport-cs', ...message }, win.location.origin, [channel.port2]);
        this.framesPort = channel.port1;
        return;
      } catch {
        channel.port1.close(); // a browser that cannot send a port from here: the window's messages then
      }
    }
    win.postMessage({ source: 'rapport-cs', ...message }, win.location.origin);
  }

  /** A batch on the frames channel: as untrusted as a window message (the page could hold the other end). */
  private fromFramesPort(data: unknown): void {
    const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
    const { startIndex, count, self, other, levels, bands, more } = d;
    this.fromPage({ source: 'rapport-tap', type: 'tap:frames', startIndex, count, self, other, levels, bands, more } as {
      source?: unknown;
    });
  }

  /** The engine chunk and model, fetched as soon as the page shows a call, so the session starts measuring at once. */
  private prepareEngine(): void {
    void this.deps
      .loadEngineModule()
      .then((m) => m.prepare())
      .catch(() => undefined); // the session start tries again and says why
  }

  private info(l: LiveSession) {
    const { detection, tap, noRemoteSince } = this;
    return l.meter.info({ detection, tap, tabCaptureSite: this.adapter?.remoteAudio === 'tab-capture', noRemoteSince, now: Date.now() });
  }

  /** Stops measuring (the background ended the session, or this script is going away). */
  async stop(): Promise<LiveSession | null> {
    this.noRemoteSince = null;
    this.notInCallSince = null;
    return this.session.stop();
  }

  /** The page says the call is over: the settled figures first, then the end (which opens the note). */
  private async endCall(): Promise<void> {
    const ended = await this.stop();
    if (ended) await this.send({ type: 'cs:talk.update', sessionId: ended.sessionId, live: this.info(ended) });
    await this.send({ type: 'cs:call.ended', reason: 'left' });
  }

  /** A message posted in the page: the tap's state or frames (untrusted: the page could post the same). */
  fromPage(data: { source?: unknown } | null): void {
    if (data?.source !== 'rapport-tap') return;
    const parsed = parseMessage(PageToContentSchema, data);
    if (!parsed.ok) return;
    const m = parsed.message;
    if (m.type === 'tap:state') this.tap = m.state;
    else {
      const { levels, bands, more } = m;
      this.session.live?.meter.intake.tapFrames(
        m.startIndex,
        m.count,
        m.self,
        m.other,
        levels && bands ? { levels, bands } : undefined,
        more,
      );
    }
  }

  /** A message from the background: about the live session of this page, or whether this page holds it. */
  fromBackground(raw: unknown, sendResponse: (response: unknown) => void): void {
    if (this.ctx.isInvalid) return;
    const parsed = parseMessage(BackgroundToContentSchema, raw);
    if (!parsed.ok) return;
    const m = parsed.message;
    const live = this.session.live;
    // The background asks whether this page is the one holding the session (an address change
    // inside the page) or a new page (the old one, and its session, went away).
    if (m.type === 'bg:session.ping') {
      sendResponse(ok({ holds: this.session.heldSessionId === m.sessionId }));
      return;
    }
    if (!live || m.sessionId !== live.sessionId) return;
    if (m.type === 'bg:session.stop') void this.stop();
    else if (m.type === 'bg:session.pause') live.meter.intake.paused = m.paused;
    else if (m.type === 'bg:tab.frames') live.meter.intake.tabFrames(m.startIndex, m.count, m.other);
    else if (m.type === 'bg:tab.state') live.meter.intake.tabState(m.state, m.error);
  }

  /** Every second: what the page shows, then the live session's figures, or the gate's judgement before one. */
  tick(): void {
    const { adapter, deps } = this;
    const url = new URL(deps.window.location.href);
    const dom = adapter
      ? adapter.read(deps.window.document, url)
      : { inCall: null, ended: null, micMuted: null, meetingLink: null, title: null };
    const detection = this.detect(dom, this.tap, adapter !== null);
    this.detection = detection;
    this.lastMeetingLink = detection.meetingLink ?? this.lastMeetingLink;
    const live = this.session.live;
    if (live) this.whileLive(live, detection, Date.now());
    else this.beforeSession(url, detection, Date.now());
  }

  private whileLive(live: LiveSession, detection: Detection, now: number): void {
    live.meter.setSelfMuted(detection.micMuted);
    // While a microphone track is live its settings say what processing it goes through. Once it
    // has ended (the user left: the engine still settles the call's last seconds) nothing says
    // so, and what it went through still holds for the audio it gave.
    if ((this.tap?.micTracks ?? 0) > 0)
      live.meter.setSelfProcessing({
        echoCancelled: this.tap?.micEchoCancelled === true,
        noiseSuppressed: this.tap?.micNoiseSuppressed === true,
      });
    this.noRemoteSince = (this.tap?.remoteAudioTracks ?? 0) > 0 ? null : (this.noRemoteSince ?? now);
    this.notInCallSince = detection.inCall ? null : (this.notInCallSince ?? now);
    if (detection.ended || (this.notInCallSince !== null && now - this.notInCallSince > NOT_IN_CALL_GRACE_MS)) {
      void this.endCall();
      return;
    }
    const sessionId = live.sessionId;
    void this.send({ type: 'cs:talk.update', sessionId, live: this.info(live) }).then((reply) => {
      // The background ended this session (the tab loaded another page while this one stayed
      // alive, e.g. restored from the back/forward cache): stop, and let the gate judge afresh.
      if (!reply.ok && reply.code === 'not-live-here' && this.session.live?.sessionId === sessionId) void this.stop();
    });
    this.lastStatus = null;
  }

  private beforeSession(url: URL, detection: Detection, now: number): void {
    const { adapter, tap } = this;
    const win = this.deps.window;
    const knownMeetingPage = adapter !== null && (adapter.isMeetingUrl(url) || this.lastMeetingLink !== null);
    const decision = this.gate.update({ detection, tap, remoteAudio: adapter?.remoteAudio ?? 'webrtc', knownMeetingPage, now });
    this.reportStatus(decision.status, now);
    if (decision.start || CALL_ON.includes(decision.status)) this.prepareEngine();
    if (!decision.start) return;
    // Generic pages show no meeting id: the last one seen in this tab, or the page's address, stands in.
    const meetingLink = detection.meetingLink ?? this.lastMeetingLink ?? normalizeMeetingLink(win.location.href);
    if (meetingLink) {
      void this.session.start({ platform: adapter?.id ?? 'generic', meetingLink, title: win.document.title.slice(0, 300) });
    }
  }

  /** Tells the side panel what the page shows while no session runs: on a change, and now and then while it matters. */
  private reportStatus(status: CallStatus, now: number): void {
    const last = this.lastStatus;
    if (last?.status === status && (status === 'no-call' || now - last.at < STATUS_EVERY_MS)) return;
    this.lastStatus = { status, at: now };
    void this.send({ type: 'cs:call.status', status });
  }
}

/** The companion chunk's entry: the real browser, the page's adapter and detection. */
export function startCompanion(ctx: CompanionContext, pageMessages: readonly unknown[]): void {
  initCallCompanion(ctx, adapterFor(new URL(window.location.href)), combineDetection, browserDeps(), pageMessages);
}
