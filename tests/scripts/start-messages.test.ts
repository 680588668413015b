import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JS module run by `npm start`
import { launchFailedMessage, noDisplayProblem, runningMessage } from '../../scripts/start-messages.mjs';

describe('npm start speaks to a newcomer', () => {
  it('says what to do on a Linux machine without a display, before building anything', () => {
    const problem = noDisplayProblem({ headless: false, platform: 'linux', env: {} }) as string;
    expect(problem).toContain('RAPPORT_HEADLESS=1 npm start');
    expect(problem).toContain('xvfb-run npm start');
    expect(noDisplayProblem({ headless: false, platform: 'linux', env: { DISPLAY: ':0' } })).toBeNull();
    expect(noDisplayProblem({ headless: false, platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' } })).toBeNull();
    expect(noDisplayProblem({ headless: true, platform: 'linux', env: {} })).toBeNull();
    expect(noDisplayProblem({ headless: false, platform: 'darwin', env: {} })).toBeNull();
  });

  it('turns a browser launch failure into advice without a stack trace', () => {
    const error = new Error(
      'browserType.launchPersistentContext: Target page, context or browser has been closed\nBrowser logs:\n\nMissing X server or $DISPLAY\n    at file:///x/start.mjs:40:1',
    );
    const message = launchFailedMessage(error, { executablePath: '/usr/bin/chromium' }) as string;
    expect(message).toContain('/usr/bin/chromium');
    expect(message).toContain('RAPPORT_HEADLESS=1 npm start');
    expect(message).not.toMatch(/\n\s+at /);
  });

  it('headless, says where everything is, that the call was joined with the bundled voices, and how to stop', () => {
    const message = runningMessage({
      headless: true,
      executablePath: '/usr/bin/chromium',
      profile: '/p',
      callUrl: 'http://localhost:4823/call/demo-mentoring-room',
      extensionId: 'abc',
      extensionDir: '/e',
      fakeMic: true,
      joined: true,
      tabId: 7,
    }) as string;
    expect(message).toContain('http://localhost:4823/call/demo-mentoring-room');
    expect(message).toContain('chrome-extension://abc/popup.html');
    expect(message).toContain('chrome-extension://abc/options.html');
    expect(message).toContain('chrome-extension://abc/sidepanel.html?tabId=7');
    expect(message).toContain('joined automatically');
    expect(message).toContain('bundled voices');
    expect(message).toContain('Ctrl-C');
    const windowed = runningMessage({
      headless: false,
      executablePath: 'c',
      profile: 'p',
      callUrl: 'u',
      extensionId: 'i',
      extensionDir: 'e',
      fakeMic: false,
      joined: false,
      tabId: null,
    }) as string;
    expect(windowed).toContain('Press "Join call"');
  });
});
