import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { CoverageMeter, mergeCoverage } from '../capture/coverage';
import { ChannelMonitor, maxDb } from '../capture/health';
import { loadBundledSpeechDetector } from '../capture/model-loader';
import { decodeFrames } from '../capture/tab-capture-codec';
import { TabFramePairer, type FramePair } from '../capture/tab-capture-queue';
import {
  BackgroundToContentSchema,
  FRAME_BINS,
  PageToContentSchema,
  ok,
  parseMessage,
  send,
  type CallStatus,
  type LiveInfo,
  type TapState,
} from '../messaging';
import type { Detection } from '../platforms/detect';
import { normalizeMeetingLink } from '../platforms/link';
import type { CallDomState, PlatformAdapter } from '../platforms/types';
import type { TalkStats } from '../schema';
import { TalkTimeEngine, type Frame, type SpeechDetector } from '../talktime';
import { AdmissionGate } from './admission';
import { mergeTalkStats } from './merge';

export type Detect = (dom: CallDomState, tap: TapState | null, adapterKnown: boolean) => Detection;

/** How often the content script reports to the background (and so how much a crash can lose). */
export const UPDATE_EVERY_MS = 1000;
/**
 * A live session ends when the page shows no call for this long (left without an "ended"
 * screen, or a generic page whose connections closed). A reload that lands in a lobby and a
 * short network drop stay within it.
 */
export const NOT_IN_CALL_GRACE_MS = 30_000;
/**
 * Frames from the page are rate-limited with a token bucket: real time is ≈ 43 frames a second;
 * bursts after a busy main thread are let through, a page flooding forged frames is not.
 */
const FRAME_BUCKET = { capacity: 600, refillPerSecond: 65 };
/** After this long in a call without any remote audio track, the side panel offers tab capture. */
export const SUGGEST_TAB_CAPTURE_AFTER_MS = 5000;
/** While no session runs and there is something to say, the side panel hears the call's status this often. */
const STATUS_EVERY_MS = 2000;
/** A silent frame as the extractor makes it from digital silence. */
const SILENT_FRAME = new Float32Array(FRAME_BINS).fill(-Infinity);

type Live = {
  sessionId: string;
  engine: TalkTimeEngine;
  /** Stats saved before this page load (tab reloaded mid-call), added to the engine's. */
  baseline: TalkStats | null;
  /** Session time at which this page's engine started. */
  offsetMs: number;
  paused: boolean;
  /** Index of the next frame the engine gets. */
  nextIndex: number;
  /** Where this page's audio went: heard, dropped, or never rendered (wall time with no frames). */
  coverage: CoverageMeter;
  /** Index the tap's next batch should start at (replays and forgeries start earlier). */
  tapIndex: number;
  /** Index the tab capture's next batch should start at. */
  tabIndex: number;
};

/**
 * The call companion in the call page's isolated world: notices the call, starts (or resumes)
 * its session through the background, runs the talk-time engine on the tap's frames and reports
 * timings every second. Every listener and timer goes through `ctx`, so nothing outlives the page
 * or an extension reload.
 */
export function initCallCompanion(ctx: ContentScriptContext, adapter: PlatformAdapter | null, detect: Detect): void {
  let tap: TapState | null = null;
  let live: Live | null = null;
  let starting = false;
  let detection: Detection | null = null;
  let detector: SpeechDetector | null = null;
  let model: LiveInfo['model'] = 'loading';
  const monitors = { self: new ChannelMonitor(), other: new ChannelMonitor() };
  const bucket = { tokens: FRAME_BUCKET.capacity, at: Date.now() };
  let notInCallSince: number | null = null;
  // Some sites show the meeting id only before joining (Teams v2 moves to /v2/ once in the call):
  // the last link seen in this tab identifies the meeting.
  let lastMeetingLink: string | null = null;
  // Tab capture (offscreen document): while it listens, the other party's frames come from the
  // tab's audio and the tap's own "other" channel is ignored.
  let tabCapture: { state: 'off' | 'listening' | 'failed'; error: string | null } = { state: 'off', error: null };
  let pairer = new TabFramePairer(SILENT_FRAME);
  const tabBucket = { tokens: FRAME_BUCKET.capacity, at: Date.now() };
  let noRemoteSince: number | null = null;
  /** The capture said it stopped: late frames in flight must not switch it back on. */
  let tabStopped = false;
  // Before a session: the page and the media must agree that the user is in the call.
  const gate = new AdmissionGate();
  let lastStatus: { status: CallStatus; at: number } | null = null;

  void loadBundledSpeechDetector().then((d) => {
    detector = d;
    model = d ? 'loaded' : 'unavailable';
  });

  function postToTap(message: object): void {
    window.postMessage({ source: 'rapport-cs', ...message }, window.location.origin);
  }

  async function startOrResume(det: Detection): Promise<void> {
    if (live || starting) return;
    // Generic pages show no meeting id: the last one seen in this tab, or the page's address, stands in.
    const meetingLink = det.meetingLink ?? lastMeetingLink ?? normalizeMeetingLink(window.location.href);
    if (!meetingLink) return;
    starting = true;
    try {
      const reply = await send({
        type: 'cs:call.started',
        platform: adapter?.id ?? 'generic',
        meetingLink,
        title: document.title.slice(0, 300),
      });
      // Not received (extension reloaded, service worker starting): the next tick retries.
      if (!reply.ok || ctx.isInvalid) return;
      const { sessionId, startedAt, baseline, paused } = reply.data;
      const engine = new TalkTimeEngine(detector ? { detector } : {});
      live = {
        sessionId,
        engine,
        baseline,
        offsetMs: baseline ? Math.max(0, Date.now() - startedAt) : 0,
        paused,
        nextIndex: 0,
        coverage: new CoverageMeter(),
        tapIndex: 0,
        tabIndex: 0,
      };
      postToTap({ type: 'cs:tap.start', workletUrl: browser.runtime.getURL('/tap-worklet.js') });
    } finally {
      starting = false;
    }
  }

  /** Stops measuring; resolves with the session's final figures once the engine has settled. */
  async function stop(): Promise<{ sessionId: string; live: LiveInfo } | null> {
    const ending = live;
    if (!ending) return null;
    postToTap({ type: 'cs:tap.stop' });
    live = null;
    tabCapture = { state: 'off', error: null };
    tabStopped = false;
    pairer = new TabFramePairer(SILENT_FRAME);
    // The engine decides about 1.3 s behind the audio: without this the call's last words
    // would never reach the stored figures.
    const settled = await ending.engine.finish().then(
      () => true,
      () => false,
    );
    return settled ? { sessionId: ending.sessionId, live: liveInfo(ending) } : null;
  }

  /** The page says the call is over: final figures first, then the end (which opens the note). */
  async function endCall(): Promise<void> {
    const final = await stop();
    if (final) await send({ type: 'cs:talk.update', sessionId: final.sessionId, live: final.live });
    await send({ type: 'cs:call.ended', reason: 'left' });
  }

  /** Takes `count` frames off the token bucket; false when a sender floods. */
  function admit(b: { tokens: number; at: number }, count: number): boolean {
    const t = Date.now();
    b.tokens = Math.min(FRAME_BUCKET.capacity, b.tokens + ((t - b.at) / 1000) * FRAME_BUCKET.refillPerSecond);
    b.at = t;
    if (b.tokens < count) return false;
    b.tokens -= count;
    return true;
  }

  function processPairs(pairs: FramePair[]): void {
    if (!live || pairs.length === 0) return;
    const now = Date.now();
    const selfFrames: Frame[] = [];
    const otherFrames: Frame[] = [];
    for (const p of pairs) {
      monitors.self.frame(maxDb(p.self), now);
      monitors.other.frame(maxDb(p.other), now);
      selfFrames.push({ index: live.nextIndex, db: p.self });
      otherFrames.push({ index: live.nextIndex, db: p.other });
      live.nextIndex++;
    }
    void live.engine.process(selfFrames, otherFrames).catch(() => undefined);
  }

  function split(values: Float32Array, count: number): Float32Array[] {
    return Array.from({ length: count }, (_, i) => values.slice(i * FRAME_BINS, (i + 1) * FRAME_BINS));
  }

  function onTabFrames(startIndex: number, count: number, base64: string): void {
    // After a reload of this page the offscreen document is still capturing the tab: its frames
    // (only the extension can send them, for this session) mean it listens.
    if (live && tabCapture.state === 'off' && !tabStopped) onTabState('listening', null);
    if (!live || live.paused || tabCapture.state !== 'listening') return;
    if (!admit(tabBucket, count)) return;
    if (startIndex < live.tabIndex) return; // replayed
    const values = decodeFrames(base64, count);
    if (!values) return;
    live.tabIndex = startIndex + count;
    processPairs(pairer.pushOther(split(values, count)));
  }

  function onTabState(state: 'listening' | 'stopped' | 'failed', error: string | null): void {
    if (!live) return;
    tabStopped = state !== 'listening';
    if (state === 'listening') {
      tabCapture = { state: 'listening', error: null };
      live.tabIndex = 0;
      pairer = new TabFramePairer(SILENT_FRAME);
      return;
    }
    processPairs(pairer.flush());
    tabCapture = { state: state === 'failed' ? 'failed' : 'off', error };
  }

  function onFrames(startIndex: number, count: number, self: Float32Array, other: Float32Array): void {
    if (!live) return;
    live.coverage.arrived(count, Date.now());
    if (live.paused) return live.coverage.paused(count);
    // A page flooding frames gets nothing counted; replayed or forged indexes neither.
    if (!admit(bucket, count) || startIndex < live.tapIndex) return live.coverage.dropped(count);
    live.coverage.heard(count);
    live.tapIndex = startIndex + count;
    const selfFrames = split(self, count);
    if (tabCapture.state === 'listening') {
      // The tab's audio is the other party now; the tap's remote channel would count it twice.
      processPairs(pairer.pushSelf(selfFrames));
      return;
    }
    const otherFrames = split(other, count);
    processPairs(selfFrames.map((s, i) => ({ self: s, other: otherFrames[i]! })));
  }

  ctx.addEventListener(window, 'message', (event: MessageEvent) => {
    if (event.source !== window) return;
    const data = event.data as { source?: unknown } | null;
    if (data?.source !== 'rapport-tap') return;
    const parsed = parseMessage(PageToContentSchema, data);
    if (!parsed.ok) return;
    const m = parsed.message;
    if (m.type === 'tap:state') tap = m.state;
    else onFrames(m.startIndex, m.count, m.self, m.other);
  });

  browser.runtime.onMessage.addListener((raw: unknown, _sender: unknown, sendResponse: (response: unknown) => void) => {
    if (ctx.isInvalid) return;
    const parsed = parseMessage(BackgroundToContentSchema, raw);
    // The background asks whether this page is the one holding the session (an address change
    // inside the page) or a new page (the old one, and its session, went away).
    if (parsed.ok && parsed.message.type === 'bg:session.ping') {
      sendResponse(ok({ holds: live?.sessionId === parsed.message.sessionId }));
      return;
    }
    if (!parsed.ok || !live || parsed.message.sessionId !== live.sessionId) return;
    const m = parsed.message;
    if (m.type === 'bg:session.stop') void stop();
    else if (m.type === 'bg:session.ping') return;
    else if (m.type === 'bg:session.pause') live.paused = m.paused;
    else if (m.type === 'bg:tab.frames') onTabFrames(m.startIndex, m.count, m.other);
    else onTabState(m.state, m.error);
  });

  function liveInfo(l: Live): LiveInfo {
    const now = Date.now();
    const current = l.engine.snapshot();
    const merged = l.baseline ? mergeTalkStats(l.baseline, current, l.offsetMs) : current;
    const stats = { ...merged, capture: mergeCoverage(l.baseline?.capture, l.coverage.report(now, l.engine.settledFrames)) };
    const selfMuted = detection?.micMuted ?? false;
    return {
      stats,
      recent: l.engine.recent(5 * 60_000),
      currentSpeaker: l.engine.currentSpeaker(),
      selfMuted,
      health: {
        self: monitors.self.health(now, { available: (tap?.micTracks ?? 0) > 0 && (tap?.capturing ?? false), muted: selfMuted }),
        other: monitors.other.health(now, {
          available: tabCapture.state === 'listening' || ((tap?.remoteAudioTracks ?? 0) > 0 && (tap?.capturing ?? false)),
        }),
      },
      detection: detection?.path ?? 'generic',
      warning: detection?.warning ?? null,
      model: l.engine.hasModel ? 'loaded' : model === 'loaded' ? 'loading' : model,
      tabCapture: {
        suggested:
          adapter?.remoteAudio === 'tab-capture' || (noRemoteSince !== null && now - noRemoteSince >= SUGGEST_TAB_CAPTURE_AFTER_MS),
        state: tabCapture.state,
        error: tabCapture.error,
      },
    };
  }

  function tick(): void {
    const url = new URL(window.location.href);
    const dom = adapter ? adapter.read(document, url) : { inCall: null, ended: null, micMuted: null, meetingLink: null, title: null };
    detection = detect(dom, tap, adapter !== null);
    lastMeetingLink = detection.meetingLink ?? lastMeetingLink;
    if (live) {
      live.engine.setSelfMuted(detection.micMuted);
      noRemoteSince = (tap?.remoteAudioTracks ?? 0) > 0 ? null : (noRemoteSince ?? Date.now());
      notInCallSince = detection.inCall ? null : (notInCallSince ?? Date.now());
      if (detection.ended || (notInCallSince !== null && Date.now() - notInCallSince > NOT_IN_CALL_GRACE_MS)) {
        void endCall();
        return;
      }
      const sessionId = live.sessionId;
      void send({ type: 'cs:talk.update', sessionId, live: liveInfo(live) }).then((reply) => {
        // The background ended this session (the tab loaded another page while this one stayed
        // alive, e.g. restored from the back/forward cache): stop, and let the gate judge afresh.
        if (!reply.ok && reply.code === 'not-live-here' && live?.sessionId === sessionId) void stop();
      });
      lastStatus = null;
    } else {
      const knownMeetingPage = adapter !== null && (adapter.isMeetingUrl(url) || lastMeetingLink !== null);
      const now = Date.now();
      const decision = gate.update({ detection, tap, remoteAudio: adapter?.remoteAudio ?? 'webrtc', knownMeetingPage, now });
      reportStatus(decision.status, now);
      if (decision.start) void startOrResume(detection);
    }
  }

  /** Tells the side panel what the page shows while no session runs: on a change, and now and then while it matters. */
  function reportStatus(status: CallStatus, now: number): void {
    const changed = lastStatus?.status !== status;
    if (!changed && (status === 'no-call' || now - lastStatus!.at < STATUS_EVERY_MS)) return;
    lastStatus = { status, at: now };
    void send({ type: 'cs:call.status', status });
  }

  ctx.setInterval(tick, UPDATE_EVERY_MS);
  ctx.onInvalidated(() => void stop());
}
