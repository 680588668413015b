import type { TapState } from '../messaging/protocol';

/** The part of the page tap's report that the generic path reads. */
export type GenericSignals = Pick<TapState, 'peerConnections' | 'remoteAudioTracks' | 'micTracks' | 'micEnabled'>;

/** What the WebRTC signals alone say about the call. */
export interface GenericCallState {
  /** A connection carries remote audio and the page sends a microphone track. */
  inCall: boolean;
  /** The page sends a microphone track, and it is disabled. */
  micMuted: boolean;
}

/**
 * The fallback for pages no adapter understands (a redesigned call site, or a site the user
 * enabled by hand). It needs all three signals: a peer connection alone is also opened by
 * pre-join previews and chat features, remote audio alone is a player, and a microphone track
 * alone is a recorder. The tap counts only connections that are connected and tracks that are
 * live, so a closed call counts nothing.
 */
export function genericCallState(tap: GenericSignals): GenericCallState {
  const hasMic = tap.micTracks > 0;
  return {
    inCall: tap.peerConnections > 0 && tap.remoteAudioTracks > 0 && hasMic,
    // Without a microphone track there is nothing to mute; the engine hears no self audio anyway.
    micMuted: hasMic && !tap.micEnabled,
  };
}
