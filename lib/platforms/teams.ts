import { all, findControl, first, labelOf, matchesAny, mutedFromLabel, normText, pageSays, pressedState, safely, saysAny } from './detect';
import type { CallDomState, PlatformAdapter } from './types';
import { SITE_URLS, teamsMeetingLink, teamsThreadLink } from './urls';
import { UNKNOWN_STATE } from './types';

// Microsoft Teams on the web: the classic client, the v2 client (teams.microsoft.com/v2/),
// Teams free (teams.live.com) and teams.cloud.microsoft. Facts from code that joins Teams every day
// (read, not copied): Vexa's Teams join module and browser extension
// (Vexa-ai/vexa core/meetings/modules/join/src/msteams/selectors.ts, clients/extension/src/meeting.ts
// and content.ts), noah-duncan/attendee (bots/teams_bot_adapter/teams_ui_methods.py) and
// screenappai/meeting-bot (src/bots/MicrosoftTeamsBot.ts):
// - in the call: #hangup-button, [data-tid="hangup-main-btn"], or a button labelled "Leave" among
//   the calling controls (a role="group" named "Calling controls", not a toolbar);
//   [data-tid="call-hangup"] is gone;
// - pre-join: [data-tid="prejoin-join-button"], [data-tid="prejoin-display-name-input"],
//   [data-tid="toggle-mute"]; the lobby: "Someone will let you in shortly" / "soon", "Waiting for
//   someone to let you in", "Your request to join has been sent", in plain elements;
// - denied: "Sorry, but you were denied…"; removed: "You've been removed from this meeting";
// - teams.cloud.microsoft and meetings created in the tab never show the meeting id in the
//   address: the thread id (19:meeting_…@thread.v2) is in the page; guest joins go through
//   /light-meetings/launch?…&coords=<base64 JSON whose conversationId is the thread id>; some
//   links carry a meeting id in the hash (#/meet/<digits>).
// The Bokmål texts are Rapport's own renderings, not verified on the live site.

/** In the page: the thread id written out or URL-encoded (…19%3ameeting_…%40thread.v2). */
const PAGE_THREAD_IDS = /19(?::|%3a)(meeting_[\w-]{10,200})(?:@|%40)thread\.v2/gi;

/**
 * The meeting's thread id as the page carries it (teams.cloud.microsoft and the v2 client keep it
 * out of the address), as a stable link; null when the page holds none.
 */
export function teamsThreadFromPage(doc: Document, now = Date.now()): string | null {
  // Serialising a whole Teams page costs; the thread id is stable for a while, so it is read at
  // most every few seconds per page.
  const cached = threadCache.get(doc);
  if (cached && now - cached.at < THREAD_RESCAN_MS) return cached.link;
  const link = scanThread(doc);
  threadCache.set(doc, { at: now, link });
  return link;
}

const THREAD_RESCAN_MS = 5000;
const threadCache = new WeakMap<Document, { at: number; link: string | null }>();

function scanThread(doc: Document): string | null {
  let html = '';
  try {
    html = doc.documentElement?.outerHTML ?? '';
  } catch {
    return null;
  }
  // The chat list beside a call can name other meetings' threads: only a page that names exactly
  // one meeting thread identifies the call. Several mean "don't know", never a guess.
  const ids = new Set<string>();
  for (const match of html.matchAll(PAGE_THREAD_IDS)) {
    ids.add(match[1]!);
    if (ids.size > 1) return null;
  }
  const [id] = ids;
  return id ? teamsThreadLink(id, 'v2') : null;
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
const PREJOIN_MESSAGES = [/\bchoose your video and audio options\b/, /\bvelg video- og lydalternativer\b/];
/** The lobby: read from anywhere on the page. */
const WAITING_MESSAGES = [
  /\bsomeone (?:in the meeting )?(?:should|will) let you in(?: soon| shortly)?\b/,
  /\bwaiting (?:for someone )?to (?:let you in|be admitted)\b/,
  /\byou're in the lobby\b/,
  /\bplease wait until someone admits you\b/,
  /\bwait for someone to admit you\b/,
  /\byour request to join has been sent\b/,
  /\bnoen i møtet (?:bør|vil) slippe deg inn\b/,
  /\bdu er i lobbyen\b/,
  /\bventer på å bli sluppet inn\b/,
];
/** A request turned down ends the attempt. */
const DENIED_MESSAGES = [/\bsorry, but you were denied\b/, /\byou were denied entry\b/, /\bbeklager, men du ble nektet\b/];
const JOIN_BUTTONS = [/^join now$/, /^bli med nå$/];

const LEAVE_SELECTORS = ['#hangup-button', '[data-tid="hangup-main-btn"]'];
/** Where the calling controls live: a group ("Calling controls") today, a toolbar in older clients. */
const CONTROL_GROUPS = '[role="group"], [role="toolbar"]';
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
  const state = readState(doc, url);
  // Only a page that shows a call, its lobby or its end names the call's thread; the chat app
  // around it names other meetings' threads too.
  if (state.meetingLink !== null || (state.inCall === null && state.ended === null)) return state;
  return { ...state, meetingLink: teamsThreadFromPage(doc) };
}

function readState(doc: Document, url: URL): CallDomState {
  const titleEl = first(doc, ['[data-tid="call-title"]', '[data-tid="prejoin-meeting-title"]', '#call-title']);
  const urlLink = teamsMeetingLink(url);
  const base = { micMuted: micMuted(doc), meetingLink: urlLink, title: titleEl?.textContent?.trim() || null };
  const leaveByLabel = all(doc, CONTROL_GROUPS).some((group) =>
    all(group, 'button, [role="button"]').some((el) => matchesAny(normText(labelOf(el)), LEAVE_BUTTONS)),
  );
  const leave = first(doc, LEAVE_SELECTORS) !== null || leaveByLabel;

  const endScreen = !leave && (saysAny(doc, SURVEY_MESSAGES) || findControl(doc, REJOIN) !== null);
  if (saysAny(doc, LEFT_MESSAGES) || pageSays(doc, DENIED_MESSAGES) || first(doc, REJOIN_SELECTORS) || endScreen) {
    return { ...base, inCall: false, ended: true, micMuted: null };
  }
  // Teams' lobby offers "Cancel", not the hang-up button, so the call's own controls outrank
  // lobby words here (a reminder of the next meeting can carry them during a call).
  if (!leave && pageSays(doc, WAITING_MESSAGES)) return { ...base, inCall: false, ended: false };
  // During a call Teams shows reminders with "Join now" for the next meeting, so texts and join
  // buttons count as pre-join only when the call's own hang-up button is absent.
  if (first(doc, PREJOIN_SELECTORS) || (!leave && (saysAny(doc, PREJOIN_MESSAGES) || findControl(doc, JOIN_BUTTONS)))) {
    return { ...base, inCall: false, ended: false };
  }
  if (leave) return { ...base, inCall: true, ended: false };
  return { ...UNKNOWN_STATE, ...base };
}

/** Microsoft Teams on the web. */
export const teamsAdapter: PlatformAdapter = {
  id: 'teams',
  name: 'Microsoft Teams',
  remoteAudio: 'webrtc',
  ...SITE_URLS.teams,
  read: (doc, url) => safely(() => read(doc, url), { ...UNKNOWN_STATE, meetingLink: teamsMeetingLink(url) }),
};
