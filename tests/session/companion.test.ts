import { describe, expect, it, vi } from 'vitest';
import type { ContentToBackground, TapState } from '../../lib/messaging/protocol';
import type { Detection } from '../../lib/platforms/detect';
import type { PlatformAdapter } from '../../lib/platforms/types';
import { initCallCompanion, type CompanionContext, type CompanionDeps, type Detect } from '../../lib/session/companion';
import type { CallEngineModule, LiveMeter } from '../../lib/session/live-engine';

/**
 * The companion's wiring (issue 19): what it loads, sends and listens to, with the browser, the
 * page and the engine chunk faked. The parts have their own tests (frame-intake, session-control,
 * engine-chunk); this pins how they are put together.
 */

const receiving: TapState = {
  peerConnections: 1,
  remoteAudioTracks: 1,
  micTracks: 1,
  micEnabled: true,
  capturing: false,
  error: null,
  receivingRemoteAudio: 1,
};
const det = (d: Partial<Detection>): Detection => ({
  inCall: false,
  ended: false,
  micMuted: false,
  meetingLink: 'http://localhost/call/room',
  path: 'adapter',
  warning: null,
  ...d,
});
const adapter: PlatformAdapter = {
  id: 'demo',
  name: 'Demo',
  matches: () => true,
  isMeetingUrl: () => true,
  read: () => ({ inCall: null, ended: null, micMuted: null, meetingLink: null, title: null }),
  remoteAudio: 'webrtc',
};

function setup() {
  const posted: unknown[] = [];
  /** Ports the companion sent the page with its messages. */
  const ports: MessagePort[] = [];
  const win = {
    location: { href: 'http://localhost/call/room', origin: 'http://localhost' },
    document: { title: 'Demo call' },
    postMessage: (m: unknown, _origin: string, transfer: MessagePort[] = []) => {
      posted.push(m);
      ports.push(...transfer);
    },
  } as unknown as Window;
  let messageHandler: ((e: MessageEvent) => void) | null = null;
  let tick: (() => void) | null = null;
  const invalidated: (() => void)[] = [];
  let invalid = false;
  const ctx: CompanionContext = {
    get isInvalid() {
      return invalid;
    },
    setInterval: (h) => {
      tick = h;
      return 1;
    },
    addEventListener: (_t, _type, h) => {
      messageHandler = h;
    },
    onInvalidated: (cb) => {
      invalidated.push(cb);
      return () => undefined;
    },
  };
  const sent: ContentToBackground[] = [];
  const listeners = new Set<Parameters<CompanionDeps['onMessage']['addListener']>[0]>();
  const meter = {
    intake: { paused: false, tapFrames: vi.fn(), tabFrames: vi.fn(), tabState: vi.fn() },
    setSelfMuted: vi.fn(),
    setSelfProcessing: vi.fn(),
    finish: vi.fn(async () => undefined),
    info: vi.fn(() => ({ marker: 'live-info' })),
  } as unknown as LiveMeter & { intake: { tapFrames: ReturnType<typeof vi.fn> } };
  const engine: CallEngineModule = { prepare: vi.fn(async () => undefined), createMeter: vi.fn(async () => meter) };
  const deps: CompanionDeps = {
    window: win,
    transport: vi.fn(async (message) => {
      const m = message as ContentToBackground;
      sent.push(m);
      if (m.type === 'cs:call.started')
        return { ok: true, data: { sessionId: 's1', resumed: false, startedAt: Date.now(), baseline: null, paused: false } };
      return { ok: true, data: null };
    }),
    onMessage: { addListener: (l) => listeners.add(l), removeListener: (l) => listeners.delete(l) },
    getURL: (p) => `chrome-extension://id${p}`,
    loadEngineModule: vi.fn(async () => engine),
  };
  let detection = det({});
  const detect: Detect = () => detection;
  initCallCompanion(ctx, adapter, detect, deps);
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return {
    deps,
    sent,
    posted,
    ports,
    meter,
    engine,
    listeners,
    setDetection: (d: Partial<Detection>) => (detection = det(d)),
    fromPage: (data: unknown) => messageHandler!({ source: win, data } as unknown as MessageEvent),
    fromBackground: (raw: unknown) => {
      const responses: unknown[] = [];
      for (const l of listeners) l(raw, {}, (r) => responses.push(r));
      return responses;
    },
    tick: async () => {
      tick!();
      for (let i = 0; i < 5; i++) await settle();
    },
    invalidate: async () => {
      invalid = true;
      for (const cb of invalidated) cb();
      await settle();
    },
  };
}

describe('call companion wiring (issues 19 and 20)', () => {
  it('on a call-site page without a call, loads no engine and starts nothing', async () => {
    const c = setup();
    for (let i = 0; i < 5; i++) await c.tick();
    c.setDetection({ inCall: false }); // a lobby: waiting, not a call
    await c.tick();
    expect(c.deps.loadEngineModule).not.toHaveBeenCalled();
    expect(c.sent.map((m) => m.type)).toEqual(['cs:call.status']);
    // It only asked the tap for its state (the tap posts it only when it changes).
    expect(c.posted).toEqual([{ source: 'rapport-cs', type: 'cs:tap.state' }]);
  });

  it('the page shows the call: the engine starts loading before the other party is heard', async () => {
    const c = setup();
    c.setDetection({ inCall: true });
    await c.tick();
    expect(c.engine.prepare).toHaveBeenCalled();
    expect(c.sent.some((m) => m.type === 'cs:call.started')).toBe(false);
  });

  it('in the call with the other party heard: starts the session, the tap, and reports the meter’s figures every tick', async () => {
    const c = setup();
    c.setDetection({ inCall: true });
    c.fromPage({ source: 'rapport-tap', type: 'tap:state', state: receiving });
    await c.tick();
    expect(c.sent.filter((m) => m.type === 'cs:call.started')).toHaveLength(1);
    expect(c.posted.slice(1)).toEqual([{ source: 'rapport-cs', type: 'cs:tap.start', workletUrl: 'chrome-extension://id/tap-worklet.js' }]);
    await c.tick();
    expect(c.sent.at(-1)).toEqual({ type: 'cs:talk.update', sessionId: 's1', live: { marker: 'live-info' } });
    expect(c.meter.setSelfMuted).toHaveBeenCalledWith(false);
    // The tap did not say the microphone goes through voice processing: the engine judges it as raw audio …
    const none = { echoCancelled: false, noiseSuppressed: false };
    expect(c.meter.setSelfProcessing).toHaveBeenLastCalledWith(none);
    // … until the track's settings say it does (and a forged value that does not parse changes nothing).
    c.fromPage({ source: 'rapport-tap', type: 'tap:state', state: { ...receiving, micEchoCancelled: 'yes', micNoiseSuppressed: true } });
    await c.tick();
    expect(c.meter.setSelfProcessing).toHaveBeenLastCalledWith(none);
    c.fromPage({ source: 'rapport-tap', type: 'tap:state', state: { ...receiving, micEchoCancelled: true } });
    await c.tick();
    expect(c.meter.setSelfProcessing).toHaveBeenLastCalledWith({ echoCancelled: true, noiseSuppressed: false });
    c.fromPage({ source: 'rapport-tap', type: 'tap:state', state: { ...receiving, micEchoCancelled: true, micNoiseSuppressed: true } });
    await c.tick();
    expect(c.meter.setSelfProcessing).toHaveBeenLastCalledWith({ echoCancelled: true, noiseSuppressed: true });
    // The microphone's track ends (the user leaves; the engine still settles the last seconds):
    // its settings are gone, not its processing — the engine is not told the audio was raw.
    const told = vi.mocked(c.meter.setSelfProcessing).mock.calls.length;
    c.fromPage({
      source: 'rapport-tap',
      type: 'tap:state',
      state: { ...receiving, micTracks: 0, micEchoCancelled: null, micNoiseSuppressed: null },
    });
    await c.tick();
    expect(c.meter.setSelfProcessing).toHaveBeenCalledTimes(told);
    c.fromPage({ source: 'rapport-tap', type: 'tap:state', state: { ...receiving, micEchoCancelled: true, micNoiseSuppressed: true } });

    // Frames from the page go to the meter; a forged message that does not parse does not.
    const frame = new Float32Array(232);
    c.fromPage({ source: 'rapport-tap', type: 'tap:frames', startIndex: 0, count: 1, self: frame, other: frame });
    c.fromPage({ source: 'rapport-tap', type: 'tap:frames', startIndex: 0, count: 2, self: frame, other: frame });
    expect(c.meter.intake.tapFrames).toHaveBeenCalledTimes(1);
    expect(c.meter.intake.tapFrames).toHaveBeenLastCalledWith(0, 1, frame, frame, undefined, undefined);
    // The levels a tap sends with its rows go with them.
    const levels = { levels: new Float64Array(2), bands: new Float32Array(32) };
    c.fromPage({ source: 'rapport-tap', type: 'tap:frames', startIndex: 1, count: 1, self: frame, other: frame, ...levels });
    expect(c.meter.intake.tapFrames).toHaveBeenLastCalledWith(1, 1, frame, frame, levels, undefined);
    // … and so do the later framings' (lib/talktime/engine/framings.ts), when they match the count.
    const framing = { self: frame, other: frame, levels: new Float64Array(2), bands: new Float32Array(32) };
    const more = [framing, framing, framing];
    c.fromPage({ source: 'rapport-tap', type: 'tap:frames', startIndex: 2, count: 1, self: frame, other: frame, ...levels, more });
    expect(c.meter.intake.tapFrames).toHaveBeenLastCalledWith(2, 1, frame, frame, levels, more);
    // A later framing of another length, one without the first's levels, or more framings than a
    // tap makes (a page asking the meter for more work) is refused with its batch.
    const short = [framing, { ...framing, other: new Float32Array(3) }];
    c.fromPage({ source: 'rapport-tap', type: 'tap:frames', startIndex: 3, count: 1, self: frame, other: frame, ...levels, more: short });
    c.fromPage({ source: 'rapport-tap', type: 'tap:frames', startIndex: 3, count: 1, self: frame, other: frame, more });
    const many = [...more, framing];
    c.fromPage({ source: 'rapport-tap', type: 'tap:frames', startIndex: 3, count: 1, self: frame, other: frame, ...levels, more: many });
    expect(c.meter.intake.tapFrames).toHaveBeenCalledTimes(3);
  });

  it('gives the tap a channel of its own with each start: frames on it reach the meter, and none after the stop', async () => {
    const c = setup();
    c.setDetection({ inCall: true });
    c.fromPage({ source: 'rapport-tap', type: 'tap:state', state: receiving });
    await c.tick();
    expect(c.posted.at(-1)).toMatchObject({ type: 'cs:tap.start' });
    expect(c.ports).toHaveLength(1);
    const worklet = c.ports[0]!;
    const arrived = () => c.meter.intake.tapFrames.mock.calls.length;
    const frame = new Float32Array(232).fill(-40);
    worklet.postMessage({ startIndex: 0, count: 1, self: frame, other: frame });
    // Whatever the page might post on it is checked as a window message is: this one does not parse.
    worklet.postMessage({ startIndex: 1, count: 2, self: frame, other: frame });
    worklet.postMessage('not a batch');
    await vi.waitFor(() => expect(arrived()).toBe(1));
    expect(c.meter.intake.tapFrames.mock.calls[0]!.slice(0, 2)).toEqual([0, 1]);
    expect(Array.from(c.meter.intake.tapFrames.mock.calls[0]![2] as Float32Array)).toEqual(Array.from(frame));
    // The stop closes this script's end of the channel: the worklet's end hears it.
    const closed = new Promise((resolve) => worklet.addEventListener('close', resolve));
    c.fromBackground({ type: 'bg:session.stop', sessionId: 's1' });
    await closed;
    await vi.waitFor(() => expect(c.posted.at(-1)).toMatchObject({ type: 'cs:tap.stop' }));
    worklet.postMessage({ startIndex: 1, count: 1, self: frame, other: frame });
    await new Promise((r) => setTimeout(r, 50));
    expect(arrived()).toBe(1);
    worklet.close();
  });

  it('answers the background’s ping, obeys pause and stop only for its own session', async () => {
    const c = setup();
    c.setDetection({ inCall: true });
    c.fromPage({ source: 'rapport-tap', type: 'tap:state', state: receiving });
    await c.tick();
    expect(c.fromBackground({ type: 'bg:session.ping', sessionId: 's1' })).toEqual([{ ok: true, data: { holds: true } }]);
    expect(c.fromBackground({ type: 'bg:session.ping', sessionId: 'other' })).toEqual([{ ok: true, data: { holds: false } }]);
    c.fromBackground({ type: 'bg:session.pause', sessionId: 'other', paused: true });
    expect(c.meter.intake.paused).toBe(false);
    c.fromBackground({ type: 'bg:session.pause', sessionId: 's1', paused: true });
    expect(c.meter.intake.paused).toBe(true);
    c.fromBackground({ type: 'bg:session.stop', sessionId: 'other' });
    expect(c.posted.at(-1)).toMatchObject({ type: 'cs:tap.start' });
    c.fromBackground({ type: 'bg:session.stop', sessionId: 's1' });
    await new Promise((r) => setTimeout(r, 0));
    expect(c.posted.at(-1)).toEqual({ source: 'rapport-cs', type: 'cs:tap.stop' });
    expect(c.meter.finish).toHaveBeenCalled();
  });

  it('while the meter still loads, the page holds the session the background opened (a site that changes its address on joining)', async () => {
    // Zoom's client drops the meeting id from the address right after joining; on a busy machine
    // the model is still loading then, and a page that said it held nothing lost its session.
    const c = setup();
    let release: (m: LiveMeter) => void = () => undefined;
    vi.mocked(c.engine.createMeter).mockImplementationOnce(() => new Promise((r) => (release = r)));
    c.setDetection({ inCall: true });
    c.fromPage({ source: 'rapport-tap', type: 'tap:state', state: receiving });
    await c.tick();
    expect(c.sent.map((m) => m.type)).toContain('cs:call.started');
    expect(c.posted.some((m) => (m as { type?: string }).type === 'cs:tap.start')).toBe(false);
    expect(c.fromBackground({ type: 'bg:session.ping', sessionId: 's1' })).toEqual([{ ok: true, data: { holds: true } }]);
    expect(c.fromBackground({ type: 'bg:session.ping', sessionId: 'other' })).toEqual([{ ok: true, data: { holds: false } }]);
    release(c.meter);
    await c.tick();
    expect(c.posted.some((m) => (m as { type?: string }).type === 'cs:tap.start')).toBe(true);
    expect(c.fromBackground({ type: 'bg:session.ping', sessionId: 's1' })).toEqual([{ ok: true, data: { holds: true } }]);
    // Stopped: it holds nothing (until the gate starts one again).
    c.fromBackground({ type: 'bg:session.stop', sessionId: 's1' });
    await new Promise((r) => setTimeout(r, 0));
    expect(c.fromBackground({ type: 'bg:session.ping', sessionId: 's1' })).toEqual([{ ok: true, data: { holds: false } }]);
  });

  it('the page says the call ended: the settled figures are sent, then the end', async () => {
    const c = setup();
    c.setDetection({ inCall: true });
    c.fromPage({ source: 'rapport-tap', type: 'tap:state', state: receiving });
    await c.tick();
    c.setDetection({ inCall: false, ended: true });
    await c.tick();
    expect(c.sent.slice(-2).map((m) => m.type)).toEqual(['cs:talk.update', 'cs:call.ended']);
    expect(c.meter.finish).toHaveBeenCalled();
  });

  it('when the script is invalidated (extension reloaded), its runtime listener is removed and the tap stopped', async () => {
    const c = setup();
    c.setDetection({ inCall: true });
    c.fromPage({ source: 'rapport-tap', type: 'tap:state', state: receiving });
    await c.tick();
    expect(c.listeners.size).toBe(1);
    await c.invalidate();
    expect(c.listeners.size).toBe(0);
    expect(c.posted.at(-1)).toEqual({ source: 'rapport-cs', type: 'cs:tap.stop' });
  });
});
