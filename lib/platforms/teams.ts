import { all, findControl, first, labelOf, matchesAny, mutedFromLabel, normText, pressedState, safely, saysAny } from './detect';
import type { CallDomState, PlatformAdapter } from './types';
import { UNKNOWN_STATE } from './types';

// Microsoft Teams on the web: the classic client, the v2 client (teams.microsoft.com/v2/),
// Teams free (teams.live.com) and the newer teams.cloud.microsoft host. Teams marks its controls
// with stable element ids (#hangup-button, #microphone-button) and data-tid attributes
// (prejoin-join-button, toggle-mute, hangup-main-btn) that public Teams bots and extensions use.

const HOSTS = new Set(['teams.microsoft.com', 'teams.live.com', 'teams.cloud.microsoft']);

// A scheduled meeting's thread id: 19:meeting_<id>@thread.v2 (channel meetings: @thread.tacv2).
const THREAD_ID = /19:([\w-]+)@thread\.(v2|tacv2|skype)/i;
// Meeting-id links: teams.live.com/meet/<digits>?p=… and teams.microsoft.com/meet/<digits>?p=….
const MEET_ID_PATH = /^\/meet\/(\d{9,16})\/?$/;

function decoded(url: URL): string {
  try {
    return decodeURIComponent(url.href);
  } catch {
    return url.href;
  }
}

/**
 * The meeting's stable link. Join links are long and carry a context blob that differs between
 * invitations; the thread id in them is what names the meeting, written the way Teams writes it in
 * invitations (…/meetup-join/19%3ameeting_…%40thread.v2/0). Null on pages whose URL names no
 * meeting (the v2 client's own /v2/ address during a call).
 */
export function teamsMeetingLink(url: URL): string | null {
  const thread = THREAD_ID.exec(decoded(url));
  if (thread) {
    const id = encodeURIComponent(`19:${thread[1]}@thread.${(thread[2] ?? 'v2').toLowerCase()}`).replace(/%[0-9A-F]{2}/g, (e) =>
      e.toLowerCase(),
    );
    return `https://teams.microsoft.com/l/meetup-join/${id}/0`;
  }
  const meetId = MEET_ID_PATH.exec(url.pathname)?.[1];
  return meetId ? `https://${url.hostname}/meet/${meetId}` : null;
}

const LEFT_MESSAGES = [
  /\byou(?: have|'ve)? left the (?:meeting|call)\b/,
  /\b(?:the )?(?:call|meeting) (?:has )?ended\b/,
  /\byou(?: have|'ve)? been removed from (?:this|the) meeting\b/,
  /\bdu (?:forlot|har forlatt) møtet\b/,
  /\b(?:samtalen|møtet) (?:er|ble) avsluttet\b/,
  /\bdu ble fjernet fra (?:dette |det )?møtet\b/,
];
// The quality survey also pops up after an earlier call, so it counts only without the call's own controls.
const SURVEY_MESSAGES = [/\bhow was the (?:call|meeting|audio) quality\b/, /\bhvordan var (?:samtale|lyd)kvaliteten\b/];
const REJOIN = [/^rejoin$/, /^bli med (?:på nytt|igjen)$/];
// Not [data-tid*="rejoin"]: that also matches the pre-join screen's "prejoin-join-button".
const REJOIN_SELECTORS = ['[data-tid^="rejoin"]', '[data-tid*="-rejoin"]'];

const PREJOIN_SELECTORS = [
  '[data-tid="prejoin-join-button"]',
  '[data-tid="prejoin-display-name-input"]',
  '[data-tid="lobby-screen"]',
  '[data-tid="prejoin-screen"]',
  '[data-tid="pre-join-screen"]',
];
const PREJOIN_MESSAGES = [
  /\bchoose your video and audio options\b/,
  /\bsomeone (?:in the meeting )?(?:should|will) let you in(?: soon| shortly)?\b/,
  /\bwaiting (?:for someone )?to (?:let you in|be admitted)\b/,
  /\bvelg video- og lydalternativer\b/,
  /\bnoen i møtet (?:bør|vil) slippe deg inn\b/,
];
const JOIN_BUTTONS = [/^join now$/, /^bli med nå$/];

const LEAVE_SELECTORS = ['#hangup-button', '[data-tid="hangup-main-btn"]', '[data-tid="call-hangup"]'];
const LEAVE_BUTTONS = [/^leave$/, /^hang up$/, /^forlat$/, /^legg på$/];

const MIC_SELECTORS = ['#microphone-button', '[data-tid="microphone-button"]', '[data-tid="toggle-mute"]'];
// Teams labels the button with the action ("Mute (Ctrl+Shift+M)" while the microphone is live).
const MIC_MUTED = [/^unmute\b/, /^opphev demping\b/, /^slå på mikrofonen?\b/, /^turn on (?:the )?mic(?:rophone)?\b/];
const MIC_ON = [/^mute\b/, /^demp\b/, /^slå av mikrofonen?\b/, /^turn off (?:the )?mic(?:rophone)?\b/];

function micMuted(doc: Document): boolean | null {
  const mic = first(doc, MIC_SELECTORS);
  if (!mic) return null;
  // data-state is language-free: "mic" while live, "mic-off" while muted.
  const state = mic.getAttribute('data-state');
  if (state === 'mic-off') return true;
  if (state === 'mic') return false;
  // The pre-join toggle is a switch that is checked while the microphone is on.
  const isSwitch = mic.getAttribute('role') === 'switch' || mic.tagName === 'INPUT';
  const switchInput = isSwitch ? mic : all(mic, 'input[role="switch"], input[type="checkbox"]')[0];
  if (switchInput) {
    const checked = pressedState(switchInput) ?? (switchInput.tagName === 'INPUT' ? (switchInput as HTMLInputElement).checked : null);
    if (checked !== null) return !checked;
  }
  return mutedFromLabel(labelOf(mic), MIC_MUTED, MIC_ON);
}

function read(doc: Document, url: URL): CallDomState {
  const titleEl = first(doc, ['[data-tid="call-title"]', '[data-tid="prejoin-meeting-title"]', '#call-title']);
  const base = { micMuted: micMuted(doc), meetingLink: teamsMeetingLink(url), title: titleEl?.textContent?.trim() || null };
  const leave = first(doc, LEAVE_SELECTORS);

  const endScreen = !leave && (saysAny(doc, SURVEY_MESSAGES) || findControl(doc, REJOIN) !== null);
  if (saysAny(doc, LEFT_MESSAGES) || first(doc, REJOIN_SELECTORS) || endScreen) {
    return { ...base, inCall: false, ended: true, micMuted: null };
  }
  // During a call Teams shows reminders with "Join now" for the next meeting, so texts and join
  // buttons count as pre-join only when the call's own hang-up button is absent.
  if (first(doc, PREJOIN_SELECTORS) || (!leave && (saysAny(doc, PREJOIN_MESSAGES) || findControl(doc, JOIN_BUTTONS)))) {
    return { ...base, inCall: false, ended: false };
  }
  const leaveByLabel = all(doc, '[role="toolbar"] button, [role="toolbar"] [role="button"]').some((el) =>
    matchesAny(normText(labelOf(el)), LEAVE_BUTTONS),
  );
  if (leave || leaveByLabel) return { ...base, inCall: true, ended: false };
  return { ...UNKNOWN_STATE, ...base };
}

/** Microsoft Teams on the web. */
export const teamsAdapter: PlatformAdapter = {
  id: 'teams',
  name: 'Microsoft Teams',
  remoteAudio: 'webrtc',
  matches: (url) => HOSTS.has(url.hostname),
  // The v2 client keeps its own address (/v2/) during a call, so there a call is recognised from
  // the page, not the URL: this only says whether the URL itself names a meeting.
  isMeetingUrl: (url) => teamsMeetingLink(url) !== null || /meetingjoin=true|pre-join-calling|modern-calling/i.test(url.href),
  read: (doc, url) => safely(() => read(doc, url), { ...UNKNOWN_STATE, meetingLink: teamsMeetingLink(url) }),
};
