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
import { chromium } from '@playwright/test';
import { chromiumArgs } from './chromium-args.mjs';
import { startDemoServer } from './demo-call/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const headless = process.env.RAPPORT_HEADLESS === '1';
const fakeMic = headless || process.env.RAPPORT_FAKE_MIC === '1';
const extensionDir = path.join(root, '.output/chrome-mv3-test');
const extensionId = readFileSync(path.join(root, 'scripts/keys/test-extension-id.txt'), 'utf8').trim();

if (!existsSync(executablePath)) {
  console.error(`No browser at ${executablePath}. Install Chromium (apt-get install chromium) or set CHROMIUM_PATH to Chrome/Chromium.`);
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
const context = await chromium.launchPersistentContext(profile, {
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
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(`${demo.callUrl}${fakeMic ? '?loop' : ''}`);

console.log(`
Rapport is running.
  Browser:    ${executablePath}${headless ? ' (headless)' : ''}
  Profile:    ${profile}
  Demo call:  ${demo.callUrl}
  Extension:  chrome-extension://${extensionId}/ (loaded from ${extensionDir})
  Microphone: ${fakeMic ? 'the bundled recording' : 'your real microphone'}

Press "Join call", then open Rapport's side panel (toolbar button → Open companion).
Ctrl-C to quit.`);

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
