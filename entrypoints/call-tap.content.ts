import { defineContentScript } from 'wxt/utils/define-content-script';
import { installTap } from '../lib/capture/page-tap';
import { CALL_SITE_MATCHES, DEMO_MATCHES } from '../lib/platforms/hosts';

// MAIN world, before the site's scripts: see lib/capture/page-tap.ts.
export default defineContentScript({
  matches: [...CALL_SITE_MATCHES, ...(import.meta.env.RAPPORT_TEST_BUILD === '1' ? DEMO_MATCHES : [])],
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    installTap(window);
  },
});
