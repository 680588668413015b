import { all, first, labelOf, mutedFromLabel, pressedState, safely, saysAny } from './detect';
import { normalizeMeetingLink } from './link';
import type { CallDomState, PlatformAdapter } from './types';
import { UNKNOWN_STATE } from './types';

// Jitsi Meet on meet.jit.si. Jitsi is open source, so its markup is public: the pre-join screen
// carries data-testid="prejoin.screen" / "prejoin.joinMeeting", the conference #videoconference_page
// and #new-toolbox, and every toolbar toggle is a .toolbox-button with aria-pressed (pressed on the
// microphone button means muted) inside .audio-preview for the microphone.

// Paths on meet.jit.si that are not rooms: static pages (the close page among them) and assets.
const NOT_ROOMS = new Set(['static', 'libs', 'sounds', 'images', 'css', 'fonts', 'lang', 'connection_optimization']);
const ROOM_PATH = /^\/([^/.]+)\/?$/;

function roomOf(url: URL): string | null {
  const room = ROOM_PATH.exec(url.pathname)?.[1];
  return room && !NOT_ROOMS.has(room.toLowerCase()) ? room : null;
}

/** The room's stable link (meet.jit.si/<Room>), or null on pages that are not a room. */
export function jitsiMeetingLink(url: URL): string | null {
  const room = roomOf(url);
  return room ? normalizeMeetingLink(`https://${url.hostname}/${room}`) : null;
}

const LEFT_MESSAGES = [
  /\bthank you for using\b/,
  /\byou(?: have|'ve)? left the (?:meeting|conference)\b/,
  /\b(?:the )?meeting (?:has been|was) (?:terminated|ended)\b/,
  /\byou(?: have|'ve)? been (?:kicked out|removed)\b/,
  /\btakk for at du brukte\b/,
  /\bdu (?:har forlatt|forlot) møtet\b/,
  /\bmøtet (?:ble|er) avsluttet\b/,
];
// Jitsi's toolbar also offers "Leave feedback" during a call, so the feedback dialog means the call
// ended only when the conference itself is gone.
const FEEDBACK_MESSAGES = [/\bhow was your (?:call|meeting)\b/, /\bhvordan var (?:samtalen|møtet)\b/];
const PREJOIN_SELECTORS = [
  '[data-testid="prejoin.screen"]',
  '[data-testid="prejoin.joinMeeting"]',
  '[data-testid="lobby.screen"]',
  '.premeeting-screen',
  '#lobby-screen',
];
const CONFERENCE_SELECTORS = ['#videoconference_page', '#new-toolbox', '.hangup-button', '#videospace'];

const MIC_MUTED = [/^unmute(?: microphone)?$/, /^slå på mikrofonen$/, /^opphev demping$/];
const MIC_ON = [/^mute(?: microphone)?$/, /^slå av mikrofonen$/, /^demp(?: mikrofonen)?$/];

function micMuted(doc: Document): boolean | null {
  // Language-free first: Jitsi's audio toggle is pressed while muted.
  const toggle = first(doc, ['.audio-preview .toolbox-button[aria-pressed]', '.audio-preview [role="button"][aria-pressed]']);
  const pressed = toggle ? pressedState(toggle) : null;
  if (pressed !== null) return pressed;
  for (const el of all(doc, '.toolbox-button, .audio-preview [role="button"]')) {
    const muted = mutedFromLabel(labelOf(el), MIC_MUTED, MIC_ON);
    if (muted !== null) return muted;
  }
  return null;
}

function read(doc: Document, url: URL): CallDomState {
  const meetingLink = jitsiMeetingLink(url);
  // The close page (static/close*.html) is shown only to people who hung up.
  if (/^\/static\/close\d*\.html$/.test(url.pathname)) {
    return { inCall: false, ended: true, micMuted: null, meetingLink, title: null };
  }
  const subject = first(doc, ['.subject-text', '#subject', '.subject']);
  const base = { micMuted: micMuted(doc), meetingLink, title: subject?.textContent?.trim() || null };

  const conference = first(doc, CONFERENCE_SELECTORS) !== null;
  const feedbackAfterCall = !conference && (saysAny(doc, FEEDBACK_MESSAGES) || first(doc, ['.feedback-dialog']) !== null);
  if (saysAny(doc, LEFT_MESSAGES) || first(doc, ['.redirectPageMessage']) || feedbackAfterCall) {
    return { ...base, inCall: false, ended: true, micMuted: null };
  }
  if (first(doc, PREJOIN_SELECTORS)) return { ...base, inCall: false, ended: false };
  if (conference) return { ...base, inCall: true, ended: false };
  return { ...UNKNOWN_STATE, ...base };
}

/** Jitsi Meet (meet.jit.si/<Room>). */
export const jitsiAdapter: PlatformAdapter = {
  id: 'jitsi',
  name: 'Jitsi Meet',
  remoteAudio: 'webrtc',
  matches: (url) => url.hostname === 'meet.jit.si',
  isMeetingUrl: (url) => roomOf(url) !== null,
  read: (doc, url) => safely(() => read(doc, url), { ...UNKNOWN_STATE, meetingLink: jitsiMeetingLink(url) }),
};
