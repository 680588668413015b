import type { Detection } from '../session/companion';
import type { TapState } from '../messaging';
import type { CallDomState } from './types';

/** Interim combination of DOM and tap signals (replaced by detect.ts). */
export function simpleDetect(dom: CallDomState, tap: TapState | null): Detection {
  const generic = tap !== null && tap.peerConnections > 0 && tap.remoteAudioTracks > 0 && tap.micTracks > 0;
  const inCall = dom.inCall ?? generic;
  return {
    inCall,
    ended: dom.ended ?? false,
    micMuted: dom.micMuted ?? (tap ? !tap.micEnabled : false),
    meetingLink: dom.meetingLink ?? window.location.origin + window.location.pathname,
    path: dom.inCall === null ? 'generic' : 'adapter',
    warning: null,
  };
}
