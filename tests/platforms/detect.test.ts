import { describe, expect, it } from 'vitest';
import type { TapState } from '../../lib/messaging/protocol';
import { combineDetection } from '../../lib/platforms/detect';
import { genericCallState } from '../../lib/platforms/generic';
import type { CallDomState } from '../../lib/platforms/types';
import { UNKNOWN_STATE } from '../../lib/platforms/types';

const tap = (over: Partial<TapState> = {}): TapState => ({
  peerConnections: 1,
  remoteAudioTracks: 1,
  micTracks: 1,
  micEnabled: true,
  capturing: true,
  error: null,
  ...over,
});
const dom = (over: Partial<CallDomState> = {}): CallDomState => ({
  ...UNKNOWN_STATE,
  meetingLink: 'https://meet.google.com/abc-defg-hij',
  ...over,
});

describe('genericCallState', () => {
  it('is in a call with a connection, remote audio and a microphone track', () => {
    expect(genericCallState(tap())).toEqual({ inCall: true, micMuted: false });
  });

  it.each([
    ['no peer connection', { peerConnections: 0 }],
    ['no remote audio (a pre-join preview, or alone in the room)', { remoteAudioTracks: 0 }],
    ['no microphone track (a player, a listen-only page)', { micTracks: 0 }],
  ])('is not in a call with %s', (_what, over) => {
    expect(genericCallState(tap(over)).inCall).toBe(false);
  });

  it('is muted when the microphone track is disabled, and not when there is no track to mute', () => {
    expect(genericCallState(tap({ micEnabled: false })).micMuted).toBe(true);
    expect(genericCallState(tap({ micTracks: 0, micEnabled: false })).micMuted).toBe(false);
  });
});

describe('combineDetection', () => {
  it('follows the adapter where it answers, with no warning', () => {
    const d = combineDetection(dom({ inCall: true, ended: false, micMuted: true }), tap(), true);
    expect(d).toEqual({
      inCall: true,
      ended: false,
      micMuted: true,
      meetingLink: 'https://meet.google.com/abc-defg-hij',
      path: 'adapter',
      warning: null,
    });
  });

  it('DOM in call, tap sees no call: in call (the DOM wins; Zoom has no WebRTC, a late tap misses connections)', () => {
    const d = combineDetection(
      dom({ inCall: true, ended: false, micMuted: false }),
      tap({ peerConnections: 0, remoteAudioTracks: 0 }),
      true,
    );
    expect(d.inCall).toBe(true);
    expect(d.path).toBe('adapter');
    expect(d.warning).toBeNull();
  });

  it('DOM in call, tap not reported yet: in call', () => {
    expect(combineDetection(dom({ inCall: true, ended: false }), null, true).inCall).toBe(true);
  });

  it('DOM pre-join, tap sees a call: not in call (previews and lobbies hold connections too)', () => {
    const d = combineDetection(dom({ inCall: false, ended: false, micMuted: false }), tap(), true);
    expect(d.inCall).toBe(false);
    expect(d.ended).toBe(false);
  });

  it('an ended screen is not in a call, even while connections linger', () => {
    const d = combineDetection(dom({ inCall: true, ended: true }), tap(), true);
    expect(d).toMatchObject({ inCall: false, ended: true, path: 'adapter', warning: null });
  });

  it('takes mute from the tap where the adapter cannot see the microphone button', () => {
    expect(combineDetection(dom({ inCall: true, ended: false }), tap({ micEnabled: false }), true).micMuted).toBe(true);
    expect(combineDetection(dom({ inCall: true, ended: false }), tap(), true).micMuted).toBe(false);
    expect(combineDetection(dom({ inCall: true, ended: false }), null, true).micMuted).toBe(false);
  });

  it("the site's own mute button wins over the track state", () => {
    expect(combineDetection(dom({ inCall: true, ended: false, micMuted: false }), tap({ micEnabled: false }), true).micMuted).toBe(false);
    expect(combineDetection(dom({ inCall: true, ended: false, micMuted: true }), tap(), true).micMuted).toBe(true);
  });

  it('page changed beyond recognition on a known site: generic path and a warning', () => {
    const d = combineDetection(dom(), tap(), true);
    expect(d).toEqual({
      inCall: true,
      ended: false,
      micMuted: false,
      meetingLink: 'https://meet.google.com/abc-defg-hij',
      path: 'generic',
      warning: 'layout-lost',
    });
    expect(combineDetection(dom(), tap({ micEnabled: false }), true).micMuted).toBe(true);
    expect(combineDetection(dom(), tap({ remoteAudioTracks: 0 }), true).inCall).toBe(false);
  });

  it('page not recognised and no tap report yet: not in call, and says it cannot tell', () => {
    expect(combineDetection(dom(), null, true)).toMatchObject({ inCall: false, path: 'generic', warning: 'layout-lost-no-tap' });
  });

  it('a site without an adapter uses the generic path and warns of nothing', () => {
    const d = combineDetection({ ...UNKNOWN_STATE }, tap(), false);
    expect(d).toEqual({ inCall: true, ended: false, micMuted: false, meetingLink: null, path: 'generic', warning: null });
    expect(combineDetection({ ...UNKNOWN_STATE }, null, false)).toMatchObject({ inCall: false, warning: null });
  });

  it('the generic path never claims the call ended; the caller sees inCall fall', () => {
    expect(combineDetection(dom(), tap({ peerConnections: 0, remoteAudioTracks: 0, micTracks: 0 }), true)).toMatchObject({
      inCall: false,
      ended: false,
    });
  });

  it('an adapter that knows only that the call ended is the adapter path', () => {
    expect(combineDetection(dom({ ended: true }), null, true)).toMatchObject({
      inCall: false,
      ended: true,
      path: 'adapter',
      warning: null,
    });
  });
});
