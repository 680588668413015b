import { defineContentScript } from 'wxt/utils/define-content-script';
import { demoAdapter } from '../lib/platforms/demo';
import { CALL_SITE_MATCHES, DEMO_MATCHES } from '../lib/platforms/hosts';
import { simpleDetect } from '../lib/platforms/simple-detect';
import { initCallCompanion } from '../lib/session/companion';

export default defineContentScript({
  matches: [...CALL_SITE_MATCHES, ...(import.meta.env.RAPPORT_TEST_BUILD === '1' ? DEMO_MATCHES : [])],
  runAt: 'document_idle',
  main(ctx) {
    const url = new URL(window.location.href);
    initCallCompanion(ctx, demoAdapter.matches(url) ? demoAdapter : null, simpleDetect);
  },
});
