// Messages of `npm start` (scripts/start.mjs), kept apart so they are tested (tests/scripts).

/**
 * Why a browser window cannot open here, or null when it can: on Linux a window needs an X11 or
 * Wayland display. Checked before anything is built, so a newcomer gets advice, not a stack trace.
 */
export function noDisplayProblem({ headless, platform, env }) {
  if (headless || platform !== 'linux') return null;
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return null;
  return [
    'npm start opens a browser window, but this machine has no display (neither DISPLAY nor WAYLAND_DISPLAY is set).',
    'Either run it without a window:',
    '  RAPPORT_HEADLESS=1 npm start',
    'or give it a virtual display (Debian: apt-get install xvfb):',
    '  xvfb-run npm start',
  ].join('\n');
}

/** Advice when the browser fails to start, with the browser's own first line and no stack trace. */
export function launchFailedMessage(error, { executablePath }) {
  const first = String(error?.message ?? error)
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('at ') && !/^=+/.test(l) && !/^browserType\./.test(l));
  return [
    `The browser (${executablePath}) did not start${first ? `: ${first}` : '.'}`,
    'Things to try:',
    '  RAPPORT_HEADLESS=1 npm start      no window (machines without a display)',
    '  xvfb-run npm start                a virtual display',
    '  CHROMIUM_PATH=/path/to/chrome     another Chrome or Chromium',
  ].join('\n');
}

/** What is running, printed once the browser is up. */
export function runningMessage({ headless, executablePath, profile, callUrl, extensionId, extensionDir, fakeMic, joined, tabId }) {
  const ext = `chrome-extension://${extensionId}`;
  const lines = [
    '',
    `Rapport is running${headless ? ' headless (no window)' : ''}.`,
    `  Browser:     ${executablePath}${headless ? ' (headless)' : ''}`,
    `  Profile:     ${profile}`,
    `  Demo call:   ${callUrl}`,
    `  Extension:   ${ext}/ (loaded from ${extensionDir})`,
    `  Popup:       ${ext}/popup.html`,
    `  Options:     ${ext}/options.html`,
    `  Side panel:  ${ext}/sidepanel.html${tabId == null ? '' : `?tabId=${tabId}`}`,
    `  Microphone:  ${fakeMic ? 'the bundled recording (scripts/demo-call/public/audio/self.wav)' : 'your real microphone'}`,
    '',
  ];
  if (headless) {
    lines.push(
      joined
        ? 'The demo call was joined automatically: the bundled voices play you and Alex, and Rapport measures the talk in a live session.'
        : 'The demo call did not confirm it joined; the page is open at the address above.',
      'This browser has no window, so the pages above open only inside it; to look at them, run npm start where there is a display, or under xvfb-run.',
    );
  } else {
    lines.push('Press "Join call", then open Rapport\'s side panel (toolbar button → Open companion).');
  }
  lines.push('Stop with Ctrl-C: it closes the browser and the demo server.');
  return lines.join('\n');
}
