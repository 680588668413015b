import { describe, expect, it } from 'vitest';
import type { TapState } from '../../lib/messaging';
import type { Detection } from '../../lib/platforms/detect';
import {
  AdmissionGate,
  MEDIA_ONLY_GRACE_MS,
  NO_TAP_GRACE_MS,
  NO_WEBRTC_AUDIO_GRACE_MS,
  receivingOtherParty,
} from '../../lib/session/admission';

const det = (d: Partial<Detection>): Detection => ({
  inCall: false,
  ended: false,
  micMuted: false,
  meetingLink: 'https://meet.google.com/abc-defg-hij',
  path: 'adapter',
  warning: null,
  ...d,
});
const tap = (t: Partial<TapState>): TapState => ({
  peerConnections: 1,
  remoteAudioTracks: 1,
  micTracks: 1,
  micEnabled: true,
  capturing: false,
  error: null,
  receivingRemoteAudio: 1,
  ...t,
});
const base = { remoteAudio: 'webrtc' as const, knownMeetingPage: true };

describe('AdmissionGate: the page and the media must agree', () => {
  it('never starts in a lobby or pre-join screen, even with audio flowing', () => {
    const gate = new AdmissionGate();
    for (let now = 0; now <= 60_000; now += 1000) {
      expect(gate.update({ ...base, detection: det({ inCall: false }), tap: tap({}), now })).toEqual({ start: false, status: 'waiting' });
    }
  });

  it('waits for the other party\u2019s audio when the page shows the call', () => {
    const gate = new AdmissionGate();
    const silent = tap({ receivingRemoteAudio: 0 });
    expect(gate.update({ ...base, detection: det({ inCall: true }), tap: silent, now: 0 })).toEqual({
      start: false,
      status: 'joined-no-media',
    });
    expect(gate.update({ ...base, detection: det({ inCall: true }), tap: silent, now: 60_000 }).start).toBe(false);
    expect(gate.update({ ...base, detection: det({ inCall: true }), tap: tap({}), now: 61_000 }).start).toBe(true);
  });

  it('believes the page alone on a tab-capture site, and after a while when no tap ever reported', () => {
    expect(
      new AdmissionGate().update({ ...base, remoteAudio: 'tab-capture', detection: det({ inCall: true }), tap: null, now: 0 }).start,
    ).toBe(true);
    const gate = new AdmissionGate();
    expect(gate.update({ ...base, detection: det({ inCall: true }), tap: null, now: 0 }).start).toBe(false);
    expect(gate.update({ ...base, detection: det({ inCall: true }), tap: null, now: NO_TAP_GRACE_MS }).start).toBe(true);
  });

  it('believes the page when its connection carries no remote audio track at all (audio outside WebRTC), not when its tracks are silent', () => {
    const gate = new AdmissionGate();
    const outside = tap({ remoteAudioTracks: 0, receivingRemoteAudio: 0 });
    expect(gate.update({ ...base, detection: det({ inCall: true }), tap: outside, now: 0 }).start).toBe(false);
    expect(gate.update({ ...base, detection: det({ inCall: true }), tap: outside, now: NO_WEBRTC_AUDIO_GRACE_MS }).start).toBe(true);
    // Alone in a Meet call: remote tracks exist but nothing arrives on them. No session.
    const alone = new AdmissionGate();
    const silentTracks = tap({ remoteAudioTracks: 3, receivingRemoteAudio: 0 });
    for (let now = 0; now <= 60_000; now += 5000) {
      expect(alone.update({ ...base, detection: det({ inCall: true }), tap: silentTracks, now }).start).toBe(false);
    }
  });

  it('says "not recognised" on an unrecognised meeting page, and starts from the media alone after a grace', () => {
    const gate = new AdmissionGate();
    const generic = det({ path: 'generic', inCall: false });
    expect(gate.update({ ...base, detection: generic, tap: null, now: 0 })).toEqual({ start: false, status: 'unrecognised' });
    const media = det({ path: 'generic', inCall: true });
    expect(gate.update({ ...base, detection: media, tap: tap({}), now: 1000 })).toEqual({ start: false, status: 'guessing' });
    expect(gate.update({ ...base, detection: media, tap: tap({}), now: 1000 + MEDIA_ONLY_GRACE_MS - 1 }).start).toBe(false);
    expect(gate.update({ ...base, detection: media, tap: tap({}), now: 1000 + MEDIA_ONLY_GRACE_MS })).toEqual({
      start: true,
      status: 'guessing',
    });
  });

  it('restarts the media-only grace when the media drops, and is quiet on pages that are not meetings', () => {
    const gate = new AdmissionGate();
    const media = det({ path: 'generic', inCall: true });
    gate.update({ ...base, detection: media, tap: tap({}), now: 0 });
    gate.update({ ...base, detection: det({ path: 'generic' }), tap: tap({ receivingRemoteAudio: 0 }), now: 3000 });
    expect(gate.update({ ...base, detection: media, tap: tap({}), now: 6000 }).start).toBe(false);
    expect(
      new AdmissionGate().update({ ...base, knownMeetingPage: false, detection: det({ path: 'generic' }), tap: null, now: 0 }).status,
    ).toBe('no-call');
  });

  it('an ended page is no call', () => {
    expect(new AdmissionGate().update({ ...base, detection: det({ ended: true }), tap: tap({}), now: 0 })).toEqual({
      start: false,
      status: 'no-call',
    });
  });

  it('reads "receiving" from the tap, falling back on connected connections with live remote tracks for an older tap', () => {
    expect(receivingOtherParty(null)).toBe(false);
    expect(receivingOtherParty(tap({ receivingRemoteAudio: 0 }))).toBe(false);
    const { receivingRemoteAudio: _, ...older } = tap({});
    expect(receivingOtherParty(older)).toBe(true);
    expect(receivingOtherParty({ ...older, peerConnections: 0 })).toBe(false);
  });
});
