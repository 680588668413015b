import { defineContentScript } from 'wxt/utils/define-content-script';
import { combineDetection } from '../lib/platforms/detect';
import { CALL_SITE_MATCHES, DEMO_MATCHES } from '../lib/platforms/hosts';
import { adapterFor } from '../lib/platforms/registry';
import { initCallCompanion } from '../lib/session/companion';

export default defineContentScript({
  matches: [...CALL_SITE_MATCHES, ...(import.meta.env.RAPPORT_TEST_BUILD === '1' ? DEMO_MATCHES : [])],
  runAt: 'document_idle',
  main(ctx) {
    initCallCompanion(ctx, adapterFor(new URL(window.location.href)), combineDetection);
  },
});
