import { all, findControl, first, labelOf, mutedFromLabel, normText, pageSays, safely, saysAny } from './detect';
import type { CallDomState, PlatformAdapter } from './types';
import { SITE_URLS, zoomMeetingLink } from './urls';
import { UNKNOWN_STATE } from './types';

// Zoom's web client (app.zoom.us/wc/<number>/join, zoom.us/wc/join/<number>), the launch pages
// invitations open (<sub>.zoom.us/j/<number>) and webinars (/w/<number>). Facts from code that
// joins Zoom every day (read, not copied): Vexa's Zoom join module
// (Vexa-ai/vexa core/meetings/modules/join/src/zoom/selectors.ts, admission.ts, leave.ts) and
// screenappai/meeting-bot (src/bots/ZoomBot.ts):
// - today's leave button is <button aria-label="Leave" class="footer-button-base__button …
//   footer-button__button"> in the footer, and it never renders in the waiting room;
// - the waiting room renders inside .meeting-app and has no class of its own: only its texts
//   ("Please wait, the meeting host will let you in soon.", "Host has joined. We've let them know
//   you're here", "Waiting for the host to start this meeting") tell it apart;
// - the end of a meeting is a .zm-modal-body-title ("This meeting has been ended by host");
// - the pre-join page has #input-for-name (or #inputname) and button.preview-join-button;
// - meeting ids are in /j/, /w/, /wc/join/ and /wc/<id>/ paths; the client drops the id from the
//   address once joined, so the companion keeps the last id it saw.
// Older class names (.footer__leave-btn, footer-button__leave) are still read.

const LEFT_PATHS = [/^\/wc\/leave\b/, /^\/postattendee\b/];

const LEFT_MESSAGES = [
  /\bthis meeting has been ended by (?:the )?host\b/,
  /\bthe host has ended (?:this|the) meeting\b/,
  /\b(?:the )?meeting has ended\b/,
  /\byou(?: have|'ve)? been removed from (?:this|the) meeting\b/,
  /\byou(?: have|'ve)? left the meeting\b/,
  /\bverten har avsluttet møtet\b/,
  /\bmøtet er avsluttet\b/,
  /\bdu (?:forlot|har forlatt) møtet\b/,
];
const WAITING_MESSAGES = [
  /\bplease wait,? the meeting host will let you in soon\b/,
  /\bwaiting for the host to start (?:this|the) (?:meeting|webinar)\b/,
  /\bhost has joined\. we've let them know you're here\b/,
  /\bvent,? (?:møte)?verten slipper deg snart inn\b/,
  /\bventer på at verten skal starte møtet\b/,
];
const LAUNCH_CONTROLS = [/^launch meeting$/, /^join from your browser$/, /^start møtet$/, /^bli med fra nettleseren(?: din)?$/];

const LEAVE_SELECTORS = [
  'button.footer-button-base__button[aria-label="Leave"]',
  '#wc-footer button[aria-label="Leave"]',
  '[footer-section="right"] button[aria-label="Leave"]',
  '.footer__leave-btn',
  '.footer__leave-btn-container',
  'button.footer-button__leave',
];
const AUDIO_BUTTON = 'button.join-audio-container__btn';
const PREJOIN_SELECTORS = ['#input-for-name', '#inputname', 'button.preview-join-button', '#joinBtn', '#preview-audio-control-button'];

// Zoom labels its audio button with the action it performs.
const MIC_MUTED = [/^unmute(?: my)?(?: microphone)?$/, /\bslå på (?:lyden på )?mikrofonen\b/, /^opphev demping$/];
const MIC_ON = [/^mute(?: my)?(?: microphone)?$/, /\bslå av (?:lyden på )?mikrofonen\b/, /^demp$/];
// Before the user joins computer audio, nobody hears them: that is muted for talk time.
const NO_AUDIO = [/^join audio$/, /^bli med på lyd$/];

function micMuted(root: ParentNode): boolean | null {
  const button = first(root, [AUDIO_BUTTON, '#preview-audio-control-button']);
  if (!button) return null;
  const label = labelOf(button);
  if (NO_AUDIO.some((p) => p.test(label))) return true;
  return mutedFromLabel(label, MIC_MUTED, MIC_ON);
}

/**
 * The client may run inside a same-origin iframe (#webclient) of the app.zoom.us shell; read the
 * frame's document when the script can reach it, the shell's otherwise.
 */
function clientRoot(doc: Document): Document {
  try {
    const frame = doc.querySelector<HTMLIFrameElement>('iframe#webclient');
    return frame?.contentDocument?.body ? frame.contentDocument : doc;
  } catch {
    return doc;
  }
}

function read(doc: Document, url: URL): CallDomState {
  const meetingLink = zoomMeetingLink(url);
  if (LEFT_PATHS.some((p) => p.test(url.pathname))) {
    return { inCall: false, ended: true, micMuted: null, meetingLink, title: null };
  }
  const root = clientRoot(doc);
  const topic = first(root, ['[class*="meeting-topic"]', '[class*="meeting-title"]']);
  const base = { micMuted: micMuted(root), meetingLink, title: topic?.textContent?.trim() || null };
  const modalTexts = all(root, '.zm-modal-body-title, .zm-modal-body').map((el) => normText(el.textContent));

  if (saysAny(root, LEFT_MESSAGES) || modalTexts.some((t) => LEFT_MESSAGES.some((p) => p.test(t)))) {
    return { ...base, inCall: false, ended: true, micMuted: null };
  }
  // The waiting room's texts sit in plain elements inside the meeting app: read from anywhere.
  if (pageSays(root, WAITING_MESSAGES)) return { ...base, inCall: false, ended: false };
  // The meeting footer first: the single-page client may keep the preview's elements around.
  if (first(root, [...LEAVE_SELECTORS, AUDIO_BUTTON])) return { ...base, inCall: true, ended: false };
  if (first(root, PREJOIN_SELECTORS)) return { ...base, inCall: false, ended: false };
  if (first(root, ['a[href*="/wc/join/"]']) || findControl(root, LAUNCH_CONTROLS)) {
    return { ...base, inCall: false, ended: false, micMuted: null };
  }
  return { ...UNKNOWN_STATE, ...base };
}

/** Zoom's web client and launch pages (any *.zoom.us host). */
export const zoomAdapter: PlatformAdapter = {
  id: 'zoom',
  name: 'Zoom',
  // The web client sends audio through WebAssembly and WebSockets, not RTCPeerConnection.
  remoteAudio: 'tab-capture',
  ...SITE_URLS.zoom,
  read: (doc, url) => safely(() => read(doc, url), { ...UNKNOWN_STATE, meetingLink: zoomMeetingLink(url) }),
};
