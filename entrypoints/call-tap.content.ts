import { defineContentScript } from 'wxt/utils/define-content-script';
import { TAP_SAMPLE_RATE, installTap } from '../lib/capture/page-tap';
import { CALL_SITE_MATCHES, DEMO_MATCHES } from '../lib/platforms/hosts';

// MAIN world, before the site's scripts: see lib/capture/page-tap.ts.
export default defineContentScript({
  matches: [...CALL_SITE_MATCHES, ...(import.meta.env.RAPPORT_TEST_BUILD === '1' ? DEMO_MATCHES : [])],
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    // Firefox cannot connect a microphone or a remote track to a context of another rate: there the
    // tap's context runs at the device's rate and its worklet resamples (lib/capture/page-tap.ts).
    installTap(window, import.meta.env.FIREFOX ? {} : { sampleRate: TAP_SAMPLE_RATE });
  },
});
