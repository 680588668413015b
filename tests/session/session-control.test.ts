import { describe, expect, it, vi } from 'vitest';
import type { CallStarted as CallStartedReply } from '../../lib/messaging/protocol';
import type { ContentToBackground } from '../../lib/messaging/protocol';
import type { LiveMeter, MeterOptions } from '../../lib/session/live-engine';
import { SessionControl, type SessionControlDeps } from '../../lib/session/session-control';

const call = { platform: 'demo' as const, meetingLink: 'http://localhost/call/room', title: 'Demo' };

function fakeMeter(): LiveMeter & { finished: boolean } {
  const m = {
    finished: false,
    intake: { paused: false, tapFrames: vi.fn(), tabFrames: vi.fn(), tabState: vi.fn() },
    setSelfMuted: vi.fn(),
    setSelfProcessing: vi.fn(),
    finish: vi.fn(async () => {
      m.finished = true;
    }),
    info: vi.fn(),
  };
  return m as unknown as LiveMeter & { finished: boolean };
}

function setup(reply: CallStartedReply | null, overrides: Partial<SessionControlDeps> = {}) {
  const sent: ContentToBackground[] = [];
  const tap: unknown[] = [];
  const meters: MeterOptions[] = [];
  let invalid = false;
  const meter = fakeMeter();
  const deps: SessionControlDeps = {
    send: (async (m: ContentToBackground) => {
      sent.push(m);
      return reply ? { ok: true, data: reply } : { ok: false, error: 'no' };
    }) as SessionControlDeps['send'],
    prepare: vi.fn(async () => undefined),
    createMeter: vi.fn(async (o: MeterOptions) => {
      meters.push(o);
      return meter;
    }),
    postToTap: (m) => tap.push(m),
    workletUrl: () => 'chrome-extension://x/tap-worklet.js',
    isInvalid: () => invalid,
    now: () => 50_000,
    ...overrides,
  };
  return { control: new SessionControl(deps), deps, sent, tap, meters, meter, invalidate: () => (invalid = true) };
}

const started = (over: Partial<CallStartedReply> = {}): CallStartedReply => ({
  sessionId: 's1',
  resumed: false,
  startedAt: 50_000,
  baseline: null,
  paused: false,
  ...over,
});

describe('SessionControl (session start and stop, issue 19)', () => {
  it('opens the session, makes its meter while the engine loads, then starts the tap', async () => {
    const s = setup(started());
    await s.control.start(call);
    expect(s.deps.prepare).toHaveBeenCalledTimes(1);
    expect(s.sent).toEqual([{ type: 'cs:call.started', ...call }]);
    expect(s.meters).toEqual([{ paused: false, baseline: null, offsetMs: 0 }]);
    expect(s.tap).toEqual([{ type: 'cs:tap.start', workletUrl: 'chrome-extension://x/tap-worklet.js' }]);
    expect(s.control.live?.sessionId).toBe('s1');
  });

  it('holds the session the background opened while its meter loads, and nothing once stopped or refused', async () => {
    let release: (m: LiveMeter) => void = () => undefined;
    const meter = fakeMeter();
    const s = setup(started(), { createMeter: () => new Promise((r) => (release = r)) });
    const starting = s.control.start(call);
    await new Promise((r) => setTimeout(r, 0));
    expect(s.control.live).toBeNull();
    expect(s.control.heldSessionId).toBe('s1');
    release(meter);
    await starting;
    expect(s.control.heldSessionId).toBe('s1');
    await s.control.stop();
    expect(s.control.heldSessionId).toBeNull();

    const refused = setup(null);
    await refused.control.start(call);
    expect(refused.control.heldSessionId).toBeNull();
    const gone = setup(started());
    gone.invalidate();
    await gone.control.start(call);
    expect(gone.control.heldSessionId).toBeNull();
  });

  it('a resumed session (page reloaded mid-call) carries its saved stats, offset and pause into the meter', async () => {
    const baseline = { selfTalkMs: 1000 } as unknown as CallStartedReply['baseline'];
    const s = setup(started({ resumed: true, startedAt: 20_000, baseline, paused: true }));
    await s.control.start(call);
    expect(s.meters).toEqual([{ paused: true, baseline, offsetMs: 30_000 }]);
  });

  it('starts once even when asked again while starting', async () => {
    const s = setup(started());
    await Promise.all([s.control.start(call), s.control.start(call)]);
    expect(s.sent).toHaveLength(1);
    await s.control.start(call);
    expect(s.sent).toHaveLength(1);
  });

  it('no session from the background, or an invalidated script: no meter, no tap', async () => {
    const refused = setup(null);
    await refused.control.start(call);
    expect(refused.control.live).toBeNull();
    expect(refused.tap).toEqual([]);
    expect(refused.deps.createMeter).not.toHaveBeenCalled();

    const gone = setup(started());
    gone.invalidate();
    await gone.control.start(call);
    expect(gone.control.live).toBeNull();
    expect(gone.tap).toEqual([]);
  });

  it('an engine that cannot load leaves no half-started session, and the next start tries again', async () => {
    let fail = true;
    const meter = fakeMeter();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const s = setup(started(), {
      prepare: async () => {
        if (fail) throw new Error('chunk blocked');
      },
      createMeter: async () => {
        if (fail) throw new Error('chunk blocked');
        return meter;
      },
    });
    await s.control.start(call);
    expect(s.control.live).toBeNull();
    expect(s.tap).toEqual([]);
    expect(warn).toHaveBeenCalled();
    fail = false;
    await s.control.start(call);
    expect(s.control.live?.meter).toBe(meter);
    warn.mockRestore();
  });

  it('stop stops the tap and resolves once the engine has settled', async () => {
    const s = setup(started());
    await s.control.start(call);
    const ended = await s.control.stop();
    expect(ended?.sessionId).toBe('s1');
    expect(s.meter.finished).toBe(true);
    expect(s.tap.at(-1)).toEqual({ type: 'cs:tap.stop' });
    expect(s.control.live).toBeNull();
    expect(await s.control.stop()).toBeNull();
  });
});
