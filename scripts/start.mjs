#!/usr/bin/env node
// `npm start`: builds the extension (demo build: the call sites plus the local demo call), serves
// the demo call and opens Chromium with the extension loaded and the call open.
//   CHROMIUM_PATH=/path/to/chrome  use another Chromium or Chrome (default /usr/bin/chromium)
//   RAPPORT_HEADLESS=1             no window (machines without a display); implies a fake microphone
//   RAPPORT_FAKE_MIC=1             play the bundled recording as your microphone
//   RAPPORT_DEMO_PORT=4823         port of the demo call
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { chromiumArgs } from './chromium-args.mjs';
import { startDemoServer } from './demo-call/server.mjs';
import { launchFailedMessage, noDisplayProblem, runningMessage } from './start-messages.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Settings come from the environment (README); the command line takes none, and a stray flag is an error.
parseArgs({ options: {} });
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const headless = process.env.RAPPORT_HEADLESS === '1';
const fakeMic = headless || process.env.RAPPORT_FAKE_MIC === '1';
const extensionDir = path.join(root, '.output/chrome-mv3-test');
const extensionId = readFileSync(path.join(root, 'scripts/keys/test-extension-id.txt'), 'utf8').trim();

if (!existsSync(executablePath)) {
  console.error(`No browser at ${executablePath}. Install Chromium (apt-get install chromium) or set CHROMIUM_PATH to Chrome/Chromium.`);
  process.exit(1);
}

const noDisplay = noDisplayProblem({ headless, platform: process.platform, env: process.env });
if (noDisplay) {
  console.error(noDisplay);
  process.exit(1);
}

console.log('Building the extension…');
execFileSync('npx', ['wxt', 'build'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, RAPPORT_TEST_BUILD: '1' },
});

const demo = await startDemoServer();
const profile = path.join(root, '.cache/chromium-profile');
mkdirSync(profile, { recursive: true });
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless,
    viewport: null,
    ignoreDefaultArgs: ['--mute-audio', '--enable-automation'],
    permissions: fakeMic ? ['microphone'] : [],
    args: chromiumArgs({
      extensionDir,
      extensionId,
      micWav: fakeMic ? path.join(root, 'scripts/demo-call/public/audio/self.wav') : null,
      loopMic: true,
      sandbox: process.getuid?.() !== 0,
      gpu: !headless,
    }),
  });
} catch (error) {
  console.error(launchFailedMessage(error, { executablePath }));
  await demo.close();
  process.exit(1);
}
const page = context.pages()[0] ?? (await context.newPage());
// Headless, nobody can press "Join call": join at once, with the bundled voices on both ends.
const query = [fakeMic ? 'loop' : null, headless ? 'autojoin' : null].filter(Boolean).join('&');
await page.goto(`${demo.callUrl}${query ? `?${query}` : ''}`);
let joined = false;
let tabId = null;
if (headless) {
  joined = await page
    .getByRole('status')
    .filter({ hasText: /In the call/ })
    .waitFor({ timeout: 20_000 })
    .then(() => true)
    .catch(() => false);
  const worker = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
  tabId = worker
    ? await worker
        .evaluate(async (url) => (await globalThis.chrome.tabs.query({})).find((t) => t.url?.startsWith(url))?.id ?? null, demo.callUrl)
        .catch(() => null)
    : null;
}

console.log(
  runningMessage({ headless, executablePath, profile, callUrl: demo.callUrl, extensionId, extensionDir, fakeMic, joined, tabId }),
);

let closing = false;
async function shutdown() {
  if (closing) return;
  closing = true;
  console.log('\nClosing…');
  await context.close().catch(() => undefined);
  await demo.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
context.on('close', () => void shutdown());
