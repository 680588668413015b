import type { Platform } from '../schema';

/** What a call page's DOM says about the call; null where the adapter cannot tell. */
export interface CallDomState {
  /** The user is in the call (joined, not in the lobby or the "you left" screen). */
  inCall: boolean | null;
  /** The user left, hung up or the call ended on this page. */
  ended: boolean | null;
  /** The microphone is muted in the call's own controls. */
  micMuted: boolean | null;
  /** The meeting's stable link (normalised), or null when the page does not show one. */
  meetingLink: string | null;
  /** Short title of the meeting, if the page shows one. */
  title: string | null;
}

/**
 * One call site. Pure functions over the page's Document and URL, so each is tested against
 * saved HTML fixtures. When the page changes beyond recognition an adapter answers null, and the
 * content script falls back to the generic WebRTC signals (and shows a health warning).
 */
export interface PlatformAdapter {
  id: Exclude<Platform, 'manual' | 'generic'>;
  /** Human name of the site. */
  name: string;
  /** True when this adapter is for the page at `url`. */
  matches(url: URL): boolean;
  /** True when the URL looks like a meeting (not the site's home or settings). */
  isMeetingUrl(url: URL): boolean;
  /** Reads the call's state from the DOM. Never throws. */
  read(doc: Document, url: URL): CallDomState;
  /**
   * Whether the site carries the remote party's audio over RTCPeerConnection (a page tap hears
   * it) or not (Zoom's web client: tab capture is needed).
   */
  remoteAudio: 'webrtc' | 'tab-capture';
}

export const UNKNOWN_STATE: CallDomState = { inCall: null, ended: null, micMuted: null, meetingLink: null, title: null };
