import { readFileSync } from 'node:fs';
import { defineConfig } from 'wxt';
import { CALL_SITE_MATCHES, DEMO_MATCHES } from './lib/platforms/hosts';

/**
 * Test and demo builds (RAPPORT_TEST_BUILD=1) add the demo call's local origins and a fixed
 * manifest key, so Playwright knows the extension id. Release builds have neither.
 */
const testBuild = process.env.RAPPORT_TEST_BUILD === '1';
const testKey = readFileSync(new URL('./scripts/keys/test-public-key.b64', import.meta.url), 'utf8').trim();

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  imports: false,
  webExt: { disabled: true },
  // Parallel work trees may build elsewhere (RAPPORT_OUT_DIR); tests read RAPPORT_EXTENSION_DIR.
  outDir: process.env.RAPPORT_OUT_DIR ?? '.output',
  outDirTemplate: testBuild ? '{{browser}}-mv{{manifestVersion}}-test' : undefined,
  vite: () => ({
    define: {
      'import.meta.env.RAPPORT_TEST_BUILD': JSON.stringify(testBuild ? '1' : '0'),
    },
    resolve: {
      // speech-commands' ESM build imports `promisify` from Node's util; browsers need a shim.
      alias: { util: new URL('./lib/shims/util.ts', import.meta.url).pathname },
    },
  }),
  hooks: {
    // The paint probe (a minimal React page, for bench:popup-first) exists in test builds only.
    'entrypoints:resolved': (_wxt, entrypoints) => {
      if (!testBuild) entrypoints.splice(0, entrypoints.length, ...entrypoints.filter((e) => e.name !== 'paint-probe'));
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // scripting: the background injects the watcher into a call site's page once it has loaded, so
    // nothing of Rapport's is set up in the page before its load event (issue 20); it reaches only
    // pages the host permissions already allow, and adds no warning at install.
    // tabCapture + offscreen: Zoom's web client carries no audio over WebRTC, so the other party is
    // heard from the tab's own audio in an offscreen document. Firefox has neither API.
    permissions: browser === 'firefox' ? ['scripting'] : ['scripting', 'sidePanel', 'tabCapture', 'offscreen'],
    host_permissions: [...CALL_SITE_MATCHES, ...(testBuild ? DEMO_MATCHES : [])],
    optional_host_permissions: ['https://*/*'],
    // The call page's AudioContext loads the frame worklet from the extension; nothing else is exposed.
    // It is exposed on any https page (sites the user enables by hand need it too) but only under a
    // per-session dynamic URL, so no page can probe for Rapport by a fixed address.
    // The companion and the talk-time engine (tfjs, the model's runner) are chunks the call page's
    // content script imports when the page may hold a call and when one starts, so pages without a
    // call never load them. Exposed only to the call sites (on a site the user enables by hand the
    // background injects them instead), and only under the dynamic URL.
    web_accessible_resources: [
      { resources: ['tap-worklet.js'], matches: ['https://*/*', ...(testBuild ? DEMO_MATCHES : [])], use_dynamic_url: true },
      {
        resources: ['call-companion.js', 'call-engine.js'],
        matches: [...CALL_SITE_MATCHES, ...(testBuild ? DEMO_MATCHES : [])],
        use_dynamic_url: true,
      },
    ],
    // Alarms and notifications only when the user switches reminders on (options page).
    optional_permissions: ['alarms', 'notifications'],
    // A shortcut counts as the user's action for tabCapture where a side panel click does not.
    ...(browser === 'firefox'
      ? {}
      : {
          commands: {
            'listen-to-tab': { suggested_key: { default: 'Alt+Shift+L' }, description: '__MSG_listenToTab__' },
          },
        }),
    icons: { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' },
    ...(testBuild && browser !== 'firefox' ? { key: testKey } : {}),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // MAIN-world content scripts (the WebRTC tap) need Firefox 128; Rapport collects nothing.
            gecko: { id: 'rapport@rapport.invalid', strict_min_version: '128.0', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
});
