import { all, boolAttr, findControl, first, labelOf, mutedFromLabel, pageSays, safely, saysAny } from './detect';
import type { CallDomState, PlatformAdapter } from './types';
import { SITE_URLS, meetMeetingLink } from './urls';
import { UNKNOWN_STATE } from './types';

// Google Meet. Its class names are obfuscated and change often; the attributes below (data-is-muted,
// data-participant-id, data-self-name, data-meeting-title) are what public Meet extensions and
// meeting bots rely on. Sources (read, not copied): Vexa's Meet join module
// (Vexa-ai/vexa core/meetings/modules/join/src/googlemeet/selectors.ts and admission.ts) and
// screenappai/meeting-bot (src/bots/GoogleMeetBot.ts). What they show, and this adapter uses:
// - the lobby shows the call's controls too: "Leave call", the toolbar, the microphone and camera
//   toggles, and a data-participant-id tile for the user's own "Backgrounds and effects" preview;
//   so none of these proves being in the call;
// - the waiting texts ("Asking to be let in…", "Please wait until a meeting host brings you into the
//   call", "You'll join the call when someone lets you in", "Waiting for the host to let you in")
//   sit in plain elements, not headings or status roles, so they are read from the whole page;
// - "Return to home screen" is offered on the waiting screen, so it does not mean the call ended;
// - a denied request ("… denied your request to join", "You can't join this call") ends the attempt.
// The Bokmål texts are Rapport's own renderings of the same messages, not verified on the live site.

const LEFT_MESSAGES = [
  /\byou(?: have|'ve)? left the (?:meeting|call)\b/,
  /^(?:the )?(?:call|meeting) (?:has )?ended\b/,
  /\byou(?: have|'ve)? been removed from the (?:meeting|call)\b/,
  /\bdu (?:forlot|har forlatt) (?:møtet|samtalen)\b/,
  /^(?:samtalen|møtet) er (?:avsluttet|over)\b/,
  /\bdu (?:ble|har blitt) fjernet fra (?:møtet|samtalen)\b/,
];
/** A request to join that was turned down ends the attempt; read from anywhere on the page. */
const DENIED_MESSAGES = [
  /\bdenied your request\b/,
  /\byour request to join was denied\b/,
  /\byou can'?t join this call\b/,
  /\bavslo forespørselen din\b/,
  /\bdu kan ikke bli med i denne samtalen\b/,
];
const REJOIN = [/^rejoin$/, /^bli med (?:på nytt|igjen)$/];

/** Waiting to be let in: read from anywhere on the page. */
const WAITING_MESSAGES = [
  /\basking to be let in\b/,
  /\byou'll join the (?:call|meeting) when someone lets you in\b/,
  /\bplease wait until a meeting host brings you into the call\b/,
  /\bwaiting for the host to let you in\b/,
  /\byou're in the waiting room\b/,
  /\bber om å (?:få )?bli (?:sluppet )?inn\b/,
  /\bdu blir med i (?:samtalen|møtet) når noen slipper deg inn\b/,
  /\bvent til en møtevert (?:slipper|tar) deg inn i samtalen\b/,
  /\bventer på at verten skal slippe deg inn\b/,
];
/** The pre-join screen's question. */
const PREJOIN_MESSAGES = [/\bready to join\??$/, /\bklar til å bli med\??$/];
const JOIN_BUTTONS = [/^join now$/, /^ask to join$/, /^bli med nå$/, /^(?:be|spør) om å (?:få )?bli med$/];

const LEAVE_BUTTONS = [/^leave call$/, /^forlat samtalen$/, /^legg på$/];
/** The user's own effects preview carries a data-participant-id in the lobby as well. */
const EFFECTS_TILE = /visual_effects|backgrounds and effects|bakgrunner og effekter/i;

const MIC_MUTED = [/\bturn on microphone\b/, /\bslå på mikrofonen\b/];
const MIC_ON = [/\bturn off microphone\b/, /\bslå av mikrofonen\b/];
// The microphone shortcut is the same in every language, so it picks the mic out of the
// data-is-muted toggles (the camera's is ctrl + e) without reading any words.
const MIC_SHORTCUT = /\((?:ctrl|⌘|cmd)\s*\+\s*d\)/i;

function micMuted(doc: Document): boolean | null {
  const toggles = all(doc, '[data-is-muted]');
  const mic = toggles.find((el) => {
    const raw = `${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('data-tooltip') ?? ''}`;
    return MIC_SHORTCUT.test(raw) || /microphone|mikrofon/i.test(raw);
  });
  const byAttr = boolAttr(mic ?? null, 'data-is-muted');
  if (byAttr !== null) return byAttr;
  for (const el of all(doc, 'button, [role="button"]')) {
    const muted = mutedFromLabel(labelOf(el), MIC_MUTED, MIC_ON);
    if (muted !== null) return muted;
  }
  return null;
}

/** Participant tiles of people (the user once in the call, or anyone else), not the effects preview. */
function realTiles(doc: Document): number {
  return all(doc, '[data-participant-id]').filter((el) => {
    const label = el.getAttribute('aria-label') ?? el.textContent ?? '';
    return label.trim().length > 0 && !EFFECTS_TILE.test(label);
  }).length;
}

function read(doc: Document, url: URL): CallDomState {
  const meetingLink = meetMeetingLink(url);
  const title = first(doc, ['[data-meeting-title]'])?.getAttribute('data-meeting-title')?.trim() || null;
  const base = { micMuted: micMuted(doc), meetingLink, title };

  const leave = first(doc, ['button[jsname="CQylAd"]', 'button[aria-label="Leave call"]']) ?? findControl(doc, LEAVE_BUTTONS);
  const tiles = realTiles(doc) > 0 || first(doc, ['[data-self-name]']) !== null;

  if (saysAny(doc, LEFT_MESSAGES) || pageSays(doc, DENIED_MESSAGES) || (!leave && !tiles && findControl(doc, REJOIN))) {
    return { ...base, inCall: false, ended: true, micMuted: null };
  }
  // Waiting wins over every in-call mark: the lobby shows the call's controls and a tile too.
  if (pageSays(doc, WAITING_MESSAGES) || saysAny(doc, PREJOIN_MESSAGES)) return { ...base, inCall: false, ended: false };
  // A "Join now" button alone does not undo the call's own tiles: Meet offers joins (breakout
  // rooms, a companion device) during calls too.
  if (!tiles && findControl(doc, JOIN_BUTTONS)) return { ...base, inCall: false, ended: false };
  if (tiles) return { ...base, inCall: true, ended: false };
  // The call's controls without any participant tile: the page is not what Rapport knows.
  return { ...UNKNOWN_STATE, ...base };
}

/** Google Meet (meet.google.com/abc-defg-hij). */
export const meetAdapter: PlatformAdapter = {
  id: 'meet',
  name: 'Google Meet',
  remoteAudio: 'webrtc',
  ...SITE_URLS.meet,
  read: (doc, url) => safely(() => read(doc, url), { ...UNKNOWN_STATE, meetingLink: meetMeetingLink(url) }),
};
