/**
 * Host match patterns of the call sites Rapport attaches to out of the box.
 * The manifest's host permissions and the content scripts' `matches` both come from here,
 * so the two can never drift apart.
 */
export const CALL_SITE_MATCHES = [
  'https://meet.google.com/*',
  'https://*.zoom.us/*',
  'https://teams.microsoft.com/*',
  'https://teams.live.com/*',
  'https://teams.cloud.microsoft/*',
  'https://meet.jit.si/*',
  'https://*.whereby.com/*',
] as const;

/** Local origins of the demo call; only test and demo builds may match them. */
export const DEMO_MATCHES = ['http://localhost/*', 'http://127.0.0.1/*'] as const;

/** True in builds made for tests and for `npm start` (demo call on localhost, fixed id). */
export function isTestBuild(): boolean {
  return import.meta.env.RAPPORT_TEST_BUILD === '1' || import.meta.env.VITE_RAPPORT_TEST_BUILD === '1';
}
