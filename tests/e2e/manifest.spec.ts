import { test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CALL_SITE_MATCHES, DEMO_MATCHES } from '../../lib/platforms/hosts';

/**
 * The built manifests against the list of what Rapport may ask for. A new permission, host or
 * exposed file makes this fail: adding one is a deliberate change to this list, with a reason.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (dir: string) => JSON.parse(readFileSync(path.join(root, '.output', dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
const sorted = (xs: unknown) => [...((xs as string[] | undefined) ?? [])].sort();

// tabCapture + offscreen: hearing the other party on Zoom's web client, which carries no audio
// over WebRTC (the call tab's own audio, captured in an offscreen document after a user gesture).
// scripting: the watcher is injected into a call site's page once it has loaded (issue 20); it
// reaches no page the host permissions do not already allow, and Chrome shows no warning for it.
const CHROME_PERMISSIONS = ['offscreen', 'scripting', 'sidePanel', 'tabCapture'];
const CALL_SITES = sorted([...CALL_SITE_MATCHES]);

test.describe('built manifests ask for the fewest permissions that work', () => {
  test('Chrome release build: call sites only, no key, no remote code', () => {
    test.skip(!existsSync(path.join(root, '.output/chrome-mv3/manifest.json')), 'run `npm run build` first');
    const m = read('chrome-mv3');
    expect(sorted(m.permissions)).toEqual(CHROME_PERMISSIONS);
    expect(sorted(m.host_permissions)).toEqual(CALL_SITES);
    // Other sites only when the user enables one, from the side panel.
    expect(m.optional_host_permissions).toEqual(['https://*/*']);
    // Reminders: alarms and notifications only when the user switches them on.
    expect(m.optional_permissions).toEqual(['alarms', 'notifications']);
    expect(m.key).toBeUndefined();
    // Only the MAIN-world tap is declared (it sees the microphone and connections from
    // document_start); the watcher comes from the background after the page's load event.
    const scripts = m.content_scripts as { matches: string[]; js: string[]; world?: string; run_at?: string }[];
    expect(scripts.map((cs) => [cs.js, cs.world, cs.run_at])).toEqual([[['content-scripts/call-tap.js'], 'MAIN', 'document_start']]);
    for (const cs of scripts) expect(sorted(cs.matches)).toEqual(CALL_SITES);
    // The frame worklet, and the companion and engine chunks the call page imports when a call may
    // be on and when it starts (issue 20), those to the call sites only; both only under the per-session dynamic URL (no fixed
    // address to probe).
    expect(m.web_accessible_resources).toEqual([
      { resources: ['tap-worklet.js'], matches: ['https://*/*'], use_dynamic_url: true },
      { resources: ['call-companion.js', 'call-engine.js'], matches: [...CALL_SITE_MATCHES], use_dynamic_url: true },
    ]);
    // No CSP relaxation: nothing in the extension pages needs eval or WebAssembly.
    expect(m.content_security_policy).toBeUndefined();
    expect(JSON.stringify(m)).not.toMatch(/localhost|127\.0\.0\.1/);
  });

  test('Chrome test build adds only the demo call origins and a fixed key', () => {
    const m = read('chrome-mv3-test');
    expect(sorted(m.permissions)).toEqual(CHROME_PERMISSIONS);
    expect(sorted(m.host_permissions)).toEqual(sorted([...CALL_SITE_MATCHES, ...DEMO_MATCHES]));
    expect(typeof m.key).toBe('string');
  });

  test('Firefox build: a sidebar instead of the side panel, same hosts, no Chrome-only permissions', () => {
    test.skip(!existsSync(path.join(root, '.output/firefox-mv3/manifest.json')), 'run `npm run build:firefox` first');
    const m = read('firefox-mv3');
    expect(sorted(m.permissions)).toEqual(['scripting']);
    expect(sorted(m.host_permissions)).toEqual(CALL_SITES);
    expect(m.optional_permissions).toEqual(['alarms', 'notifications']);
    expect((m.sidebar_action as { default_panel?: string } | undefined)?.default_panel).toBe('sidepanel.html');
    expect(m.side_panel).toBeUndefined();
    const gecko = (m.browser_specific_settings as { gecko?: { id?: string; data_collection_permissions?: { required?: string[] } } }).gecko;
    expect(gecko?.id).toBeTruthy();
    expect(gecko?.data_collection_permissions?.required).toEqual(['none']);
  });
});
