import { normalizeMeetingLink } from './link';
import type { PlatformAdapter } from './types';
import { UNKNOWN_STATE } from './types';
import { SITE_URLS } from './urls';

/** Rapport's own demo call (scripts/demo-call), served on localhost in test and demo builds. */
export const demoAdapter: PlatformAdapter = {
  id: 'demo',
  name: 'Demo call',
  remoteAudio: 'webrtc',
  ...SITE_URLS.demo,
  read(doc, url) {
    const root = doc.querySelector<HTMLElement>('.call[data-call-state]');
    if (!root) return UNKNOWN_STATE;
    const state = root.dataset.callState;
    const mute = doc.querySelector('[data-testid="mute"]');
    return {
      inCall: state === 'in-call',
      ended: state === 'ended',
      micMuted: mute ? mute.getAttribute('aria-pressed') === 'true' : null,
      meetingLink: normalizeMeetingLink(url.href) || null,
      title: doc.querySelector('h1')?.textContent?.trim() ?? null,
    };
  },
};
