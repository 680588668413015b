import { all, findControl, labelOf, matchesAny, mutedFromLabel, pressedState, safely, saysAny } from './detect';
import type { CallDomState, PlatformAdapter } from './types';
import { SITE_URLS, wherebyMeetingLink } from './urls';
import { UNKNOWN_STATE } from './types';

// Whereby (whereby.com/<room>, <company>.whereby.com/<room>). Its class names are CSS-module hashes
// that change with every release, so this adapter reads only roles, aria attributes and the
// controls' names. Whereby is made in Norway and ships a Bokmål interface, so both languages are
// read.

const LEFT_MESSAGES = [
  /\byou(?: have|'ve)? left the (?:room|meeting)\b/,
  /\bthe host (?:has )?ended the meeting\b/,
  /\byou(?: have|'ve)? been removed from the room\b/,
  /\bdu (?:har forlatt|forlot) (?:rommet|møtet)\b/,
  /\bverten (?:har )?avsluttet møtet\b/,
  /\bdu ble fjernet fra rommet\b/,
];
const REJOIN = [/^rejoin(?: room| meeting)?$/, /^(?:bli med|gå inn) (?:igjen|på nytt)$/];

const PREJOIN_MESSAGES = [
  /\bready to join\??$/,
  /\byou(?:'re| are) about to join\b/,
  /\bthe host has been notified\b/,
  /\bwaiting for (?:the )?host\b/,
  /\bthis room is locked\b/,
  /\bklar til å bli med\??$/,
  /\bverten har fått beskjed\b/,
  /\bventer på verten\b/,
  /\bdette rommet er låst\b/,
];
const JOIN_BUTTONS = [/^join(?: meeting| room| now)?$/, /^knock$/, /^bli med(?: nå)?$/, /^bank på$/];

const LEAVE_BUTTONS = [/^leave(?: room| meeting)?$/, /^forlat(?: rommet| møtet)?$/];

const MIC_MUTED = [/^unmute(?: microphone| mic)?$/, /^turn on (?:the )?(?:microphone|mic)$/, /^(?:slå|skru) på mikrofonen?$/];
const MIC_ON = [/^mute(?: microphone| mic)?$/, /^turn off (?:the )?(?:microphone|mic)$/, /^(?:slå|skru) av mikrofonen?$/];
// A toggle named for the thing ("Microphone") is pressed while the thing is on (the ARIA convention).
const MIC_NAME = /^(?:microphone|mic|mikrofon)$/;

function micMuted(doc: Document): boolean | null {
  const controls = all(doc, 'button, [role="button"], [role="switch"]');
  for (const el of controls) {
    const label = labelOf(el);
    const pressed = pressedState(el);
    if (MIC_NAME.test(label) && pressed !== null) return !pressed;
    const muted = mutedFromLabel(label, MIC_MUTED, MIC_ON);
    if (muted !== null) return muted;
  }
  return null;
}

function read(doc: Document, url: URL): CallDomState {
  const base = { micMuted: micMuted(doc), meetingLink: wherebyMeetingLink(url), title: null };
  const leave = all(doc, 'button, [role="button"]').some((el) => matchesAny(labelOf(el), LEAVE_BUTTONS));

  if (saysAny(doc, LEFT_MESSAGES) || (!leave && findControl(doc, REJOIN))) {
    return { ...base, inCall: false, ended: true, micMuted: null };
  }
  if (saysAny(doc, PREJOIN_MESSAGES) || (!leave && findControl(doc, JOIN_BUTTONS))) {
    return { ...base, inCall: false, ended: false };
  }
  if (leave) return { ...base, inCall: true, ended: false };
  return { ...UNKNOWN_STATE, ...base };
}

/** Whereby rooms. */
export const wherebyAdapter: PlatformAdapter = {
  id: 'whereby',
  name: 'Whereby',
  remoteAudio: 'webrtc',
  ...SITE_URLS.whereby,
  read: (doc, url) => safely(() => read(doc, url), { ...UNKNOWN_STATE, meetingLink: wherebyMeetingLink(url) }),
};
