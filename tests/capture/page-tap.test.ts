import { afterEach, describe, expect, it, vi } from 'vitest';
import { TAP_LATENCY_HINT, TAP_SAMPLE_RATE, installTap } from '../../lib/capture/page-tap';
import { TAP_MARKER, TAP_SAW_CALL } from '../../lib/capture/tap-marker';

/** A page's window with what the tap patches: getUserMedia and RTCPeerConnection. */
function fakePage(options: Parameters<typeof installTap>[1] = {}) {
  class FakeTrack extends EventTarget {
    kind = 'audio';
    readyState = 'live';
    enabled = true;
    muted = false;
    getSettings = () => ({});
  }
  class FakeMediaDevices {
    async getUserMedia(): Promise<unknown> {
      return { getAudioTracks: () => [new FakeTrack()] };
    }
  }
  class FakePc extends EventTarget {
    connectionState = 'new';
    iceConnectionState = 'new';
  }
  const win = Object.assign(new EventTarget(), {
    MediaDevices: FakeMediaDevices,
    RTCPeerConnection: FakePc,
    location: { origin: 'https://meet.google.com' },
    postMessage: () => undefined,
    setInterval: () => 0,
    clearInterval: () => undefined,
  });
  installTap(win as unknown as Parameters<typeof installTap>[0], options);
  const g = win as unknown as Record<string, unknown> & { RTCPeerConnection: new () => unknown };
  return { win: g, mediaDevices: new FakeMediaDevices() };
}

describe('the page tap marks a page that has had a call (issue 20: the background reads it for a relay that came late)', () => {
  it('no mark on a page without a call', () => {
    const { win } = fakePage();
    expect(win[TAP_MARKER]).toBe(true);
    expect(win[TAP_SAW_CALL]).toBeUndefined();
  });

  it('marked once the page has a microphone', async () => {
    const { win, mediaDevices } = fakePage();
    await mediaDevices.getUserMedia();
    expect(win[TAP_SAW_CALL]).toBe(true);
  });

  it('marked once the page makes a peer connection', () => {
    const { win } = fakePage();
    new win.RTCPeerConnection();
    expect(win[TAP_SAW_CALL]).toBe(true);
    new win.RTCPeerConnection(); // a second one: still marked, no error
    expect(win[TAP_SAW_CALL]).toBe(true);
  });
});

describe("the tap's audio graph asks for a long render buffer (CPU in the call tab)", () => {
  /** The options the tap's AudioContext was made with, on a start command. */
  async function contextOptions(options: Parameters<typeof installTap>[1]) {
    const { win } = fakePage(options);
    const made: unknown[] = [];
    win.AudioContext = class {
      state = 'running';
      audioWorklet = { addModule: () => Promise.reject(new Error('no worklets in this test')) };
      constructor(options?: unknown) {
        made.push(options);
      }
      close = () => Promise.resolve();
    };
    const posted: unknown[] = [];
    win.postMessage = (m: unknown) => void posted.push(m);
    (win as unknown as EventTarget).dispatchEvent(
      Object.assign(new Event('message'), {
        source: win,
        data: { source: 'rapport-cs', type: 'cs:tap.start', workletUrl: 'chrome-extension://abc/tap-worklet.js' },
        ports: [],
      }),
    );
    await new Promise((r) => setTimeout(r, 0));
    // The failed start is reported, not thrown.
    expect(posted.at(-1)).toMatchObject({ type: 'tap:state', state: { capturing: false, error: expect.stringContaining('no worklets') } });
    return made;
  }

  it("creates its AudioContext with the 'playback' latency hint: its output is silence, so latency costs nothing", async () => {
    expect(await contextOptions({})).toEqual([{ latencyHint: TAP_LATENCY_HINT }]);
    expect(TAP_LATENCY_HINT).toBe('playback');
  });

  it('asks for the frames’ own 22.05 kHz where told to (Chromium resamples the tracks into it; the Firefox build does not ask)', async () => {
    expect(await contextOptions({ sampleRate: TAP_SAMPLE_RATE })).toEqual([{ latencyHint: TAP_LATENCY_HINT, sampleRate: 22050 }]);
  });
});

describe("the worklet's frames go to the content script's own channel (not the page's window messages)", () => {
  afterEach(() => vi.unstubAllGlobals());

  /** A page whose audio graph records what the tap's worklet node is sent. */
  function pageWithGraph() {
    const { win } = fakePage();
    const toWorklet: { data: unknown; transfer: unknown[] }[] = [];
    const node = () => ({
      connect: (n: unknown) => n,
      gain: { value: 1 },
      port: { onmessage: null, postMessage: (data: unknown, transfer: unknown[] = []) => void toWorklet.push({ data, transfer }) },
    });
    win.AudioContext = class {
      state = 'running';
      destination = {};
      audioWorklet = { addModule: () => Promise.resolve() };
      createGain = node;
      close = () => Promise.resolve();
    };
    vi.stubGlobal('AudioWorkletNode', function AudioWorkletNode() {
      return node();
    });
    const posted: unknown[] = [];
    win.postMessage = (m: unknown) => void posted.push(m);
    const command = (type: string, ports: MessagePort[] = []) =>
      (win as unknown as EventTarget).dispatchEvent(
        Object.assign(new Event('message'), {
          source: win,
          data: { source: 'rapport-cs', type, workletUrl: 'chrome-extension://abc/tap-worklet.js' },
          ports,
        }),
      );
    return { toWorklet, posted, command };
  }

  it('hands the port a start carries to the worklet, and a later start’s port too (a content script started again)', async () => {
    const { toWorklet, posted, command } = pageWithGraph();
    const first = new MessageChannel();
    command('cs:tap.start', [first.port2]);
    await new Promise((r) => setTimeout(r, 0));
    expect(toWorklet).toEqual([{ data: { type: 'frames-port' }, transfer: [first.port2] }]);
    expect(posted.at(-1)).toMatchObject({ type: 'tap:state', state: { capturing: true, error: null } });
    const second = new MessageChannel();
    command('cs:tap.start', [second.port2]);
    expect(toWorklet.at(-1)).toEqual({ data: { type: 'frames-port' }, transfer: [second.port2] });
    // A start without a port (an older content script) changes nothing: the frames come as window messages.
    command('cs:tap.start');
    expect(toWorklet).toHaveLength(2);
    command('cs:tap.stop');
    expect(toWorklet.at(-1)).toEqual({ data: 'stop', transfer: [] });
    for (const c of [first, second]) c.port1.close();
  });
});
