import { all, first, labelOf, mutedFromLabel, pageSays, pressedState, safely, saysAny } from './detect';
import type { CallDomState, PlatformAdapter } from './types';
import { SITE_URLS, jitsiMeetingLink } from './urls';
import { UNKNOWN_STATE } from './types';

// Jitsi Meet on meet.jit.si. Jitsi is open source, so its markup is public: the pre-join screen
// carries data-testid="prejoin.screen" / "prejoin.joinMeeting", the lobby "lobby.screen", and every
// toolbar toggle is a .toolbox-button with aria-pressed (pressed on the microphone button means
// muted) inside .audio-preview for the microphone. Facts this adapter rests on (read in
// jitsi/jitsi-meet, not copied): a members-only room waiting for a moderator already renders
// #videoconference_page, with no lobby affordance; only #new-toolbox (the conference toolbar) is
// exclusive to the joined conference. Room names are case-insensitive (the server lowercases
// them). Its Norwegian translation (lang/main-nb.json) leaves the waiting-for-host texts empty, so
// Norwegian users see them in English; "Takk for at du bruker …" and "… kastet deg ut av møtet"
// are its own.

const LEFT_MESSAGES = [
  /\bthank you for using\b/,
  /\byou(?: have|'ve)? left the (?:meeting|conference)\b/,
  /\b(?:the )?meeting (?:has been|was) (?:terminated|ended)\b/,
  /\byou(?: have|'ve)? been (?:kicked out|removed)\b/,
  /\btakk for at du bruk(?:er|te)\b/,
  /\bdu (?:har forlatt|forlot) møtet\b/,
  /\bmøtet (?:ble|er) avsluttet\b/,
  /\bkastet deg ut av møtet\b/,
];
/** Waiting for a moderator or to be let in: read from anywhere on the page. */
const WAITING_MESSAGES = [
  /\bwaiting for (?:a |the )?(?:moderator|host)\b/,
  /\bthe conference has not yet started\b/,
  /\basking to join (?:the )?meeting\b/,
  /\byou'll join the meeting as soon as someone accepts your request\b/,
  /\bventer på (?:en )?(?:moderator|vert(?:en)?)\b/,
  /\bber om å (?:få )?bli med i møtet\b/,
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
/** Only the joined conference has its toolbar; #videoconference_page is there while waiting for a moderator too. */
const JOINED_SELECTORS = ['#new-toolbox'];
const CONFERENCE_SELECTORS = ['#videoconference_page', '#new-toolbox', '#videospace'];

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
  if (first(doc, PREJOIN_SELECTORS) || pageSays(doc, WAITING_MESSAGES)) return { ...base, inCall: false, ended: false };
  if (first(doc, JOINED_SELECTORS)) return { ...base, inCall: true, ended: false };
  // The conference page without its toolbar: a room waiting for its moderator.
  if (conference) return { ...base, inCall: false, ended: false };
  return { ...UNKNOWN_STATE, ...base };
}

/** Jitsi Meet (meet.jit.si/<Room>). */
export const jitsiAdapter: PlatformAdapter = {
  id: 'jitsi',
  name: 'Jitsi Meet',
  remoteAudio: 'webrtc',
  ...SITE_URLS.jitsi,
  read: (doc, url) => safely(() => read(doc, url), { ...UNKNOWN_STATE, meetingLink: jitsiMeetingLink(url) }),
};
