/**
 * Tab capture in the offscreen document: for call sites whose remote party never passes through
 * an RTCPeerConnection (Zoom's web client), the call tab's own audio output is the other party.
 * Capturing a tab silences it for the user, so the captured audio is also played back; the same
 * frame worklet the page tap uses turns it into spectral frames (input 1, the "other" input),
 * and only those frames leave this document.
 */
import { browser } from 'wxt/browser';
import {
  BackgroundToOffscreenSchema,
  fail,
  ok,
  parseMessage,
  send,
  type CaptureCount,
  type CaptureStatus,
  type OffscreenToBackground,
  type Reply,
} from '../messaging';
import { encodeFrames } from './tab-capture-codec';
import { createTapNode } from './tap-node';
import type { WorkletBatch } from './worklet';

type Running = { sessionId: string; stream: MediaStream; ctx: AudioContext; node: AudioWorkletNode; playback: AnalyserNode };

/** Media constraints that turn a tabCapture stream id into the tab's audio (Chrome's legacy form). */
function tabAudioConstraints(streamId: string): MediaStreamConstraints {
  return {
    audio: { mandatory: { chromeMediaSource: 'tab', chromeMediaSourceId: streamId } } as unknown as MediaTrackConstraints,
    video: false,
  };
}

/** The offscreen document's captures, one per call tab. */
export class TabCaptures {
  private readonly running = new Map<number, Running>();

  constructor(
    private readonly post: (message: OffscreenToBackground) => void,
    private readonly workletUrl: string,
  ) {}

  get active(): number {
    return this.running.size;
  }

  async start(tabId: number, sessionId: string, streamId: string): Promise<void> {
    this.stop(tabId, false);
    const stream = await navigator.mediaDevices.getUserMedia(tabAudioConstraints(streamId));
    const ctx = new AudioContext();
    try {
      await ctx.audioWorklet.addModule(this.workletUrl);
      const source = ctx.createMediaStreamSource(stream);
      // Capturing mutes the tab for the user: play it back unchanged, so the call stays audible.
      // The analyser sits on the playback path, so the status can tell that sound reaches the speakers.
      const playback = ctx.createAnalyser();
      playback.fftSize = 2048;
      source.connect(playback).connect(ctx.destination);
      const node = createTapNode(ctx, 1);
      // Input 1 is the worklet's "other" input; input 0 (the microphone in the page tap) stays empty.
      source.connect(node, 0, 1);
      const sink = ctx.createGain();
      sink.gain.value = 0; // the worklet must be pulled by the graph to run; its output is silence
      node.connect(sink).connect(ctx.destination);
      node.port.onmessage = (e: MessageEvent<WorkletBatch>) => {
        const b = e.data;
        this.post({ type: 'off:frames', tabId, sessionId, startIndex: b.startIndex, count: b.count, other: encodeFrames(b.other) });
      };
      if (ctx.state === 'suspended') await ctx.resume().catch(() => undefined);
      this.running.set(tabId, { sessionId, stream, ctx, node, playback });
    } catch (error) {
      for (const t of stream.getTracks()) t.stop();
      void ctx.close().catch(() => undefined);
      throw error;
    }
    for (const track of stream.getAudioTracks()) {
      // The tab closed or navigated away from what was captured: tell the call tab and let go.
      track.addEventListener('ended', () => {
        if (this.running.get(tabId)?.stream !== stream) return;
        this.stop(tabId, false);
        this.post({ type: 'off:state', tabId, sessionId, state: 'stopped', error: null, active: this.active });
      });
    }
    this.post({ type: 'off:state', tabId, sessionId, state: 'listening', error: null, active: this.active });
  }

  status(): CaptureStatus[] {
    return [...this.running].map(([tabId, r]) => {
      const samples = new Float32Array(r.playback.fftSize);
      r.playback.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const v of samples) sum += v * v;
      return { tabId, audio: r.ctx.state, playbackDb: 10 * Math.log10(sum / samples.length) };
    });
  }

  /** Stops one tab's capture; `announce` tells the background (and through it the call tab). */
  stop(tabId: number, announce = true): void {
    const r = this.running.get(tabId);
    if (!r) return;
    this.running.delete(tabId);
    r.node.port.postMessage('stop');
    r.node.port.onmessage = null;
    for (const t of r.stream.getTracks()) t.stop();
    void r.ctx.close().catch(() => undefined);
    if (announce) this.post({ type: 'off:state', tabId, sessionId: r.sessionId, state: 'stopped', error: null, active: this.active });
  }
}

/** Wires the offscreen document: answers only the background's capture requests. */
export function setupOffscreenCapture(): void {
  const post = (message: OffscreenToBackground) => {
    void send(message);
  };
  // Resolved against this document rather than runtime.getURL: Chrome may hand out a per-session
  // (dynamic) host for web-accessible files, which this document's own origin cannot load from.
  const captures = new TabCaptures(post, new URL('/tap-worklet.js', window.location.href).href);
  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    // Every extension page hears runtime messages: answer only what is addressed to this
    // document, or a reply meant for the background would be taken over.
    const type = typeof raw === 'object' && raw !== null && 'type' in raw ? raw.type : null;
    if (type !== 'bg:capture.start' && type !== 'bg:capture.stop' && type !== 'bg:capture.status') return false;
    if (sender.id !== browser.runtime.id || sender.tab) return false;
    const parsed = parseMessage(BackgroundToOffscreenSchema, raw);
    if (!parsed.ok) {
      sendResponse(fail(parsed.error));
      return false;
    }
    const m = parsed.message;
    if (m.type === 'bg:capture.status') {
      sendResponse(ok({ active: captures.active, captures: captures.status() }));
      return false;
    }
    const reply: Promise<Reply<CaptureCount>> =
      m.type === 'bg:capture.start'
        ? captures.start(m.tabId, m.sessionId, m.streamId).then(
            () => ok({ active: captures.active }),
            (error: unknown) => fail(describeCaptureError(error)),
          )
        : Promise.resolve().then(() => {
            captures.stop(m.tabId);
            return ok({ active: captures.active });
          });
    void reply.then(sendResponse);
    return true;
  });
}

/** getUserMedia's errors in words a person understands. */
export function describeCaptureError(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const message = error instanceof Error || error instanceof DOMException ? error.message : String(error);
  if (name === 'NotAllowedError') return `Chrome did not allow capturing this tab's audio (${message}).`.slice(0, 300);
  return `Could not capture this tab's audio: ${message}`.slice(0, 300);
}
