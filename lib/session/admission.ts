import type { CallStatus, TapState } from '../messaging/protocol';
import type { Detection } from '../platforms/detect';

/**
 * On a page no adapter understands, the call's audio alone must say "in a call" this long before
 * a session starts: a preview or a ringing tone that connects for a moment is not a call.
 */
export const MEDIA_ONLY_GRACE_MS = 5000;
/**
 * The page says "in call" but the tap has never reported (the extension was loaded after the call
 * page opened, so the tap is not in it): after this long the page alone is believed.
 */
export const NO_TAP_GRACE_MS = 10_000;
/**
 * The page says "in call" and its connection is up, but it receives no audio track at all (not
 * even a silent one): the site carries the other party outside WebRTC, as Zoom's web client does,
 * and only tab capture can hear them. After this long the page alone is believed (and the side
 * panel offers tab capture). A site that carries audio over WebRTC has its remote tracks as soon
 * as the connection is up, even while nobody speaks.
 */
export const NO_WEBRTC_AUDIO_GRACE_MS = 5000;

/** True when the other party's audio reaches the page: a connected peer connection delivers a live, unmuted remote track. */
export function receivingOtherParty(tap: TapState | null): boolean {
  if (!tap) return false;
  // An older tap without the field: connected connections and live remote tracks stand in.
  const receiving = tap.receivingRemoteAudio ?? (tap.peerConnections > 0 ? tap.remoteAudioTracks : 0);
  return receiving > 0;
}

export interface GateInput {
  detection: Detection;
  tap: TapState | null;
  /** How the other party's audio can be witnessed here: over WebRTC (the tap), or only by tab capture (Zoom). */
  remoteAudio: 'webrtc' | 'tab-capture';
  /** The page is a meeting of a site Rapport has an adapter for (so "not recognised" is worth saying). */
  knownMeetingPage: boolean;
  now: number;
}

export interface GateDecision {
  /** Start (or resume) the session now. */
  start: boolean;
  /** What the side panel says while no session runs. */
  status: CallStatus;
}

/**
 * Decides when a session starts: two witnesses, the page and the media.
 * - The page shows a pre-join screen, lobby or "asking to be let in": never, whatever the media
 *   does (previews and lobbies may hold connections).
 * - The page shows the call: once the other party's audio reaches the page (a connected peer
 *   connection receiving remote audio). On a tab-capture site (Zoom's web client carries no
 *   WebRTC audio), or where the connection is up but carries no remote audio track at all, the
 *   page alone, since tab capture can only start once a session exists.
 * - The page is not recognised: the media alone, once it has said "in a call" for a short grace.
 * The gate keeps only the times the witnesses started agreeing; it is pure otherwise.
 */
export class AdmissionGate {
  private mediaOnlySince: number | null = null;
  private joinedSince: number | null = null;
  private noRemoteTracksSince: number | null = null;

  update({ detection: d, tap, remoteAudio, knownMeetingPage, now }: GateInput): GateDecision {
    if (d.path === 'adapter') {
      this.mediaOnlySince = null;
      if (!d.inCall) {
        this.joinedSince = null;
        this.noRemoteTracksSince = null;
        return { start: false, status: d.ended ? 'no-call' : 'waiting' };
      }
      this.joinedSince ??= now;
      const connectedWithoutTracks = tap !== null && tap.peerConnections > 0 && tap.remoteAudioTracks === 0;
      this.noRemoteTracksSince = connectedWithoutTracks ? (this.noRemoteTracksSince ?? now) : null;
      if (remoteAudio === 'tab-capture' || receivingOtherParty(tap)) return { start: true, status: 'joined-no-media' };
      if (tap === null && now - this.joinedSince >= NO_TAP_GRACE_MS) return { start: true, status: 'joined-no-media' };
      if (this.noRemoteTracksSince !== null && now - this.noRemoteTracksSince >= NO_WEBRTC_AUDIO_GRACE_MS) {
        return { start: true, status: 'joined-no-media' };
      }
      return { start: false, status: 'joined-no-media' };
    }
    this.joinedSince = null;
    // Generic path: detection.inCall is the WebRTC signals' verdict (connection, remote audio, microphone).
    if (d.inCall && receivingOtherParty(tap)) {
      this.mediaOnlySince ??= now;
      return { start: now - this.mediaOnlySince >= MEDIA_ONLY_GRACE_MS, status: knownMeetingPage ? 'guessing' : 'no-call' };
    }
    this.mediaOnlySince = null;
    return { start: false, status: knownMeetingPage ? 'unrecognised' : 'no-call' };
  }
}
