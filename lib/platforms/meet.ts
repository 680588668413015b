import { all, boolAttr, findControl, first, labelOf, mutedFromLabel, safely, saysAny } from './detect';
import { normalizeMeetingLink } from './link';
import type { CallDomState, PlatformAdapter } from './types';
import { UNKNOWN_STATE } from './types';

// Google Meet. Its class names are obfuscated and change often; the attributes below (data-is-muted,
// data-participant-id, data-meeting-title, jsname on the hang-up button) have been stable for years
// and are what public Meet extensions rely on. Texts are the fallback, in English and Bokmål.

const CODE_PATH = /^\/([a-z]{3}-[a-z]{4}-[a-z]{3})\/?$/i;

/** The meeting's stable link from its code (meet.google.com/abc-defg-hij), or null. */
export function meetMeetingLink(url: URL): string | null {
  const code = CODE_PATH.exec(url.pathname)?.[1];
  return code ? normalizeMeetingLink(`https://meet.google.com/${code.toLowerCase()}`) : null;
}

const LEFT_MESSAGES = [
  /\byou(?: have|'ve)? left the (?:meeting|call)\b/,
  /\b(?:the )?(?:call|meeting) (?:has )?ended\b/,
  /\byou(?: have|'ve)? been removed from the (?:meeting|call)\b/,
  /\bdu (?:forlot|har forlatt) (?:møtet|samtalen)\b/,
  /\b(?:samtalen|møtet) er (?:avsluttet|over)\b/,
  /\bdu (?:ble|har blitt) fjernet fra (?:møtet|samtalen)\b/,
];
const REJOIN = [/^rejoin$/, /^return to home screen$/, /^bli med (?:på nytt|igjen)$/, /^gå tilbake til startskjermen$/];

const PREJOIN_MESSAGES = [
  /\bready to join\??$/,
  /\basking to be let in\b/,
  /\byou'll join the (?:call|meeting) when someone lets you in\b/,
  /\bklar til å bli med\??$/,
  /\bber om å (?:få )?bli (?:sluppet )?inn\b/,
  /\bdu blir med i (?:samtalen|møtet) når noen slipper deg inn\b/,
];
const JOIN_BUTTONS = [/^join now$/, /^ask to join$/, /^bli med nå$/, /^(?:be|spør) om å (?:få )?bli med$/];

const LEAVE_BUTTONS = [/^leave call$/, /^forlat samtalen$/, /^legg på$/];

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

function read(doc: Document, url: URL): CallDomState {
  const meetingLink = meetMeetingLink(url);
  const title = first(doc, ['[data-meeting-title]'])?.getAttribute('data-meeting-title')?.trim() || null;
  const base = { micMuted: micMuted(doc), meetingLink, title };

  const leave = first(doc, ['button[jsname="CQylAd"]']) ?? findControl(doc, LEAVE_BUTTONS);
  const inCallMarks = leave !== null || first(doc, ['[data-participant-id]', '[data-self-name]']) !== null;

  if (saysAny(doc, LEFT_MESSAGES) || (!inCallMarks && findControl(doc, REJOIN))) {
    return { ...base, inCall: false, ended: true, micMuted: null };
  }
  // A "Join now" button alone does not undo the call's own controls: Meet offers joins (breakout
  // rooms, a companion device) during calls too.
  if (saysAny(doc, PREJOIN_MESSAGES) || (!inCallMarks && findControl(doc, JOIN_BUTTONS))) {
    return { ...base, inCall: false, ended: false };
  }
  if (inCallMarks) return { ...base, inCall: true, ended: false };
  return { ...UNKNOWN_STATE, ...base };
}

/** Google Meet (meet.google.com/abc-defg-hij). */
export const meetAdapter: PlatformAdapter = {
  id: 'meet',
  name: 'Google Meet',
  remoteAudio: 'webrtc',
  matches: (url) => url.hostname === 'meet.google.com',
  isMeetingUrl: (url) => CODE_PATH.test(url.pathname),
  read: (doc, url) => safely(() => read(doc, url), { ...UNKNOWN_STATE, meetingLink: meetMeetingLink(url) }),
};
