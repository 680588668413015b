/**
 * The MAIN-world tap. Runs in the call page at document_start, before the site's own scripts,
 * and watches the two things a call is made of: the microphone the page asks for
 * (getUserMedia) and the remote tracks its RTCPeerConnections receive. On a command from
 * Rapport's content script it feeds both into an AudioWorklet that turns them into spectral
 * frames; raw audio never leaves the page's audio graph. Everything it posts is untrusted to
 * the content script (the page could post the same), and nothing it receives can do more than
 * start or stop this analysis.
 */
import { TAP_MARKER, TAP_SAW_CALL } from './tap-marker';
import { createTapNode } from './tap-node';
import type { WorkletBatch } from './worklet';
import { HALF_RATE } from '../talktime/features/recipe';

type TapWindow = Window & typeof globalThis;

const SOURCE = 'rapport-tap';

/**
 * `sampleRate`: the rate the tap's AudioContext asks for (none: the output device's). Chromium
 * resamples a MediaStream into a context of any rate; Firefox refuses to connect one whose rate
 * differs from the context's ("Connecting AudioNodes from AudioContexts with different sample-rate
 * is currently not supported", Mozilla bug 1725336), so its build asks for none.
 */
export function installTap(win: TapWindow, options: { sampleRate?: number } = {}): void {
  if ((win as unknown as Record<string, unknown>)[TAP_MARKER]) return;
  Object.defineProperty(win, TAP_MARKER, { value: true });
  const tap = new PageTap(win, options.sampleRate);
  tap.watchMicrophone();
  tap.watchPeerConnections();
  win.addEventListener('message', (event) => {
    if (event.source !== win) return;
    const data = event.data as { source?: unknown; type?: unknown; workletUrl?: unknown } | null;
    if (!data || data.source !== 'rapport-cs') return;
    tap.onCommand(data, event.ports[0] ?? null);
  });
}

const isConnected = (pc: RTCPeerConnection) =>
  pc.connectionState === 'connected' || pc.iceConnectionState === 'connected' || pc.iceConnectionState === 'completed';

/** What the tap watches in the page, and the capture it runs on the content script's command. */
class PageTap {
  private readonly micTracks = new Set<MediaStreamTrack>();
  private readonly remoteTracks = new Set<MediaStreamTrack>();
  private readonly peers = new Set<RTCPeerConnection>();
  /** The connection each remote track arrived on: "receiving" needs that connection to be up. */
  private readonly trackPeer = new WeakMap<MediaStreamTrack, RTCPeerConnection>();
  private capture: Capture | null = null;
  private lastError: string | null = null;
  /** The state last posted, as JSON: only a change is posted. */
  private lastState = '';
  private polling: number | null = null;

  constructor(
    private readonly win: TapWindow,
    private readonly sampleRate: number | undefined,
  ) {}

  private micEnabled(): boolean {
    return [...this.micTracks].some((t) => t.readyState === 'live' && t.enabled && !t.muted);
  }

  /** Whether the live microphone goes through this part of the browser's voice processing, as its settings say (null: no live track, or no settings). */
  private micProcessing(part: 'echoCancellation' | 'noiseSuppression'): boolean | null {
    let seen: boolean | null = null;
    for (const t of this.micTracks) {
      if (t.readyState !== 'live') continue;
      const v = typeof t.getSettings === 'function' ? t.getSettings()[part] : undefined;
      if (v === true) return true;
      if (v === false) seen = false;
    }
    return seen;
  }

  // Mute buttons usually flip track.enabled, which fires no event: poll the cheap flag, but only
  // while there is a microphone or a connection to watch, so a page without a call pays nothing.
  private pollWhileActive(): void {
    const active = this.micTracks.size > 0 || this.peers.size > 0;
    if (active && this.polling === null) this.polling = this.win.setInterval(() => this.postState(), 500);
    else if (!active && this.polling !== null) {
      this.win.clearInterval(this.polling);
      this.polling = null;
    }
  }

  private postState(): void {
    this.pollWhileActive();
    const live = (t: MediaStreamTrack) => t.readyState === 'live';
    const state = {
      peerConnections: [...this.peers].filter(isConnected).length,
      remoteAudioTracks: [...this.remoteTracks].filter(live).length,
      micTracks: [...this.micTracks].filter(live).length,
      micEnabled: this.micEnabled(),
      micEchoCancelled: this.micProcessing('echoCancellation'),
      micNoiseSuppressed: this.micProcessing('noiseSuppression'),
      capturing: this.capture !== null,
      error: this.lastError,
      // A remote track is muted until its RTP arrives, so unmuted means the other party's audio flows.
      receivingRemoteAudio: [...this.remoteTracks].filter((t) => {
        const pc = this.trackPeer.get(t);
        return live(t) && !t.muted && pc !== undefined && this.peers.has(pc) && isConnected(pc);
      }).length,
    };
    const key = JSON.stringify(state);
    if (key === this.lastState) return;
    this.lastState = key;
    this.win.postMessage({ source: SOURCE, type: 'tap:state', state }, this.win.location.origin);
  }

  /** Marks the page as having had a call (TAP_SAW_CALL), once. */
  sawCall(): void {
    if ((this.win as unknown as Record<string, unknown>)[TAP_SAW_CALL] !== true)
      Object.defineProperty(this.win, TAP_SAW_CALL, { value: true, configurable: true });
  }

  private track(set: Set<MediaStreamTrack>, t: MediaStreamTrack): void {
    if (t.kind !== 'audio' || set.has(t)) return;
    set.add(t);
    this.sawCall();
    const postState = () => this.postState();
    t.addEventListener('ended', () => {
      set.delete(t);
      this.capture?.refresh();
      this.postState();
    });
    t.addEventListener('mute', postState);
    t.addEventListener('unmute', postState);
    this.capture?.refresh();
    this.postState();
  }

  /** The microphone as the call asks for it. */
  watchMicrophone(): void {
    const md = this.win.MediaDevices?.prototype;
    const originalGum = md?.getUserMedia;
    if (!md || !originalGum) return;
    const onTrack = (t: MediaStreamTrack) => this.track(this.micTracks, t);
    md.getUserMedia = async function (this: MediaDevices, constraints?: MediaStreamConstraints) {
      const stream = await originalGum.call(this, constraints);
      for (const t of stream.getAudioTracks()) onTrack(t);
      return stream;
    };
  }

  /** Remote tracks: subclass RTCPeerConnection so every connection the page makes is seen. */
  watchPeerConnections(): void {
    const NativePc = this.win.RTCPeerConnection;
    if (!NativePc) return;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the connection's own `this` is the page's object
    const tap = this;
    class TappedPeerConnection extends NativePc {
      constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
        super(...args);
        tap.peers.add(this);
        tap.sawCall();
        tap.pollWhileActive();
        this.addEventListener('track', (e) => {
          tap.trackPeer.set((e as RTCTrackEvent).track, this);
          tap.track(tap.remoteTracks, (e as RTCTrackEvent).track);
        });
        const onState = () => {
          if (this.connectionState === 'closed' || this.connectionState === 'failed') tap.peers.delete(this);
          tap.postState();
        };
        this.addEventListener('connectionstatechange', onState);
        this.addEventListener('iceconnectionstatechange', onState);
      }
    }
    Object.defineProperty(this.win, 'RTCPeerConnection', { value: TappedPeerConnection, writable: true, configurable: true });
  }

  /**
   * A command from Rapport's content script (or a page posing as it: it can only start or stop the
   * analysis, or have the frames sent to a port of its own, which carries nothing the page's own
   * audio does not). `port`: the start's channel to the content script, see Capture.framesTo.
   */
  onCommand(data: { type?: unknown; workletUrl?: unknown }, port: MessagePort | null = null): void {
    if (data.type === 'cs:tap.start' && typeof data.workletUrl === 'string' && /^(chrome|moz)-extension:\/\//.test(data.workletUrl)) {
      this.startCapture(data.workletUrl, port);
    }
    // The companion loaded (a call may be on): it hears the state now, whether or not it changed.
    if (data.type === 'cs:tap.state') {
      this.lastState = '';
      this.postState();
    }
    if (data.type === 'cs:tap.stop') {
      this.capture?.stop();
      this.capture = null;
      this.postState();
    }
  }

  private startCapture(workletUrl: string, port: MessagePort | null): void {
    // Already capturing: a content script that started again (reloaded with the extension) gets
    // the frames on its own channel from now on.
    if (this.capture) {
      if (port) this.capture.framesTo(port);
      return;
    }
    const win = this.win;
    this.capture = new Capture(win, workletUrl, this.micTracks, this.remoteTracks, this.sampleRate, (batch) => {
      win.postMessage({ source: SOURCE, type: 'tap:frames', ...batch }, win.location.origin);
    });
    if (port) this.capture.framesTo(port);
    this.capture.start().then(
      () => {
        this.lastError = null;
        this.postState();
      },
      (error: unknown) => {
        this.lastError = `Could not start audio analysis: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300);
        this.capture?.stop();
        this.capture = null;
        this.postState();
      },
    );
  }
}

/**
 * The tap's AudioContext renders nothing anyone hears (its output is silence), so it asks for the
 * long render buffer meant for playback rather than the default ≈ 10 ms: the audio threads wake
 * about half as often. Measured in the call page's renderer (bench:live's CPU by thread): the
 * worklet's thread 2.4 → 1.6 % of one core, its output device's ≈ 1.2 → 0.6; no more underruns
 * (exact-zero render quanta from a microphone or a remote track playing a tone: a handful in a
 * minute, as with the default). Longer buffers (0.2 s, 0.5 s) cost the capture thread more in some
 * runs and lost 0.6 % of the audio to underruns. Not used for tab capture: the user hears its output.
 */
export const TAP_LATENCY_HINT: AudioContextLatencyCategory = 'playback';

/**
 * The rate the tap's AudioContext asks for where the browser resamples MediaStreams into it
 * (Chromium): the frames' own working rate (lib/talktime/features: 22.05 kHz, 0–11 kHz, of which
 * the frames keep 0–5 kHz). The browser's native resampler brings the microphone and the remote
 * tracks down to it, so the worklet frames without resampling in JavaScript, and its thread
 * renders 172 quanta a second instead of 375. Measured in bench:live (BENCHMARKS, "The tap at
 * 22.05 kHz"): the worklet's thread 2.1–2.4 → 1.5–1.8 % of a core, five pairs each.
 */
export const TAP_SAMPLE_RATE = HALF_RATE;

/** The audio graph: microphone → input 0, remote tracks mixed → input 1 of the worklet. */
class Capture {
  private ctx: AudioContext | null = null;
  private node: AudioWorkletNode | null = null;
  private selfBus: GainNode | null = null;
  private otherBus: GainNode | null = null;
  private readonly sources = new Map<MediaStreamTrack, { source: MediaStreamAudioSourceNode; player: HTMLAudioElement | null }>();
  /** The content script's channel, until the worklet has it. */
  private pendingPort: MessagePort | null = null;

  constructor(
    private readonly win: TapWindow,
    private readonly workletUrl: string,
    private readonly mic: Set<MediaStreamTrack>,
    private readonly remote: Set<MediaStreamTrack>,
    private readonly sampleRate: number | undefined,
    private readonly onBatch: (batch: WorkletBatch) => void,
  ) {}

  async start(): Promise<void> {
    const ctx = new this.win.AudioContext({
      latencyHint: TAP_LATENCY_HINT,
      ...(this.sampleRate === undefined ? {} : { sampleRate: this.sampleRate }),
    });
    this.ctx = ctx;
    await ctx.audioWorklet.addModule(this.workletUrl);
    this.selfBus = ctx.createGain();
    this.otherBus = ctx.createGain();
    const node = createTapNode(ctx);
    this.node = node;
    this.selfBus.connect(node, 0, 0);
    this.otherBus.connect(node, 0, 1);
    // The worklet must be pulled by the graph to run; its output is silence, at zero gain.
    const sink = ctx.createGain();
    sink.gain.value = 0;
    node.connect(sink).connect(ctx.destination);
    node.port.onmessage = (e: MessageEvent<WorkletBatch>) => this.onBatch(e.data);
    this.handOver();
    if (ctx.state === 'suspended') await ctx.resume().catch(() => undefined);
    this.refresh();
  }

  /**
   * Has the worklet post its frames straight to the content script on `port` (a MessageChannel the
   * content script made and sent with its start command): they no longer pass through this page's
   * main world, nor as window messages that every script of the site listening for messages would
   * be handed and decode. Frames the worklet posts before it has the port still come the old way.
   */
  framesTo(port: MessagePort): void {
    this.pendingPort = port;
    this.handOver();
  }

  private handOver(): void {
    const port = this.pendingPort;
    if (!port || !this.node) return;
    this.pendingPort = null;
    try {
      this.node.port.postMessage({ type: 'frames-port' }, [port]);
    } catch {
      // The page took the port first (it can see the command): the frames keep coming the old way.
    }
  }

  /** Connects tracks that appeared and drops those that ended. */
  refresh(): void {
    const ctx = this.ctx;
    if (!ctx || !this.selfBus || !this.otherBus) return;
    const wanted = new Map<MediaStreamTrack, GainNode>();
    for (const t of this.mic) if (t.readyState === 'live') wanted.set(t, this.selfBus);
    for (const t of this.remote) if (t.readyState === 'live') wanted.set(t, this.otherBus);
    for (const [t, s] of this.sources) {
      if (!wanted.has(t)) {
        s.source.disconnect();
        s.player?.pause();
        this.sources.delete(t);
      }
    }
    for (const [t, bus] of wanted) {
      if (this.sources.has(t)) continue;
      const stream = new MediaStream([t]);
      const source = ctx.createMediaStreamSource(stream);
      source.connect(bus);
      let player: HTMLAudioElement | null = null;
      if (bus === this.otherBus) {
        // Chromium feeds WebAudio silence from a remote WebRTC track unless a media element
        // plays it; a muted element is enough and changes nothing the user hears.
        player = new this.win.Audio();
        player.muted = true;
        player.srcObject = stream;
        void player.play().catch(() => undefined);
      }
      this.sources.set(t, { source, player });
    }
  }

  stop(): void {
    this.node?.port.postMessage('stop');
    for (const s of this.sources.values()) {
      s.source.disconnect();
      s.player?.pause();
    }
    this.sources.clear();
    void this.ctx?.close().catch(() => undefined);
    this.ctx = null;
  }
}
