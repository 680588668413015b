#!/usr/bin/env node
// `npm run test:firefox`: the Firefox build in a real Firefox (Debian's firefox-esr), headless.
// Playwright's Firefox cannot load extensions, so this drives Firefox over Marionette, its own
// automation protocol: the add-on is installed unpacked into a fresh profile (an extension proxy
// file; ESR accepts unsigned add-ons), its pages are opened by moz-extension:// address, and the
// script checks what a new user sees: the popup's first steps, a relationship created on the
// options page (a zod-validated Dexie write into Firefox's IndexedDB), a session logged there
// with its note, the popup's week counting them, the sidebar, and no errors from the add-on in
// the browser console. Nothing leaves the machine: the profile points every proxy at a closed
// port.
//   FIREFOX_PATH=/path/to/firefox      another Firefox 128 or later (default firefox-esr)
//   FIREFOX_SMOKE_SCREENSHOTS=DIR      also write a PNG of every page checked
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const extensionDir = path.join(root, '.output/firefox-mv3');
const ADDON_ID = 'rapport@rapport.invalid';
// A fixed internal UUID, so the script knows the pages' addresses.
const UUID = '2b9d4f5e-6c1a-4c8e-9f3d-7a5b1e0c4d21';
const BASE = `moz-extension://${UUID}`;
const firefox = process.env.FIREFOX_PATH ?? ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => existsSync(p));
const shots = process.env.FIREFOX_SMOKE_SCREENSHOTS;

if (!existsSync(path.join(extensionDir, 'manifest.json'))) fail(`No Firefox build at ${extensionDir}: run npm run build:firefox`);
if (!firefox || !existsSync(firefox)) fail('No Firefox: apt-get install firefox-esr, or set FIREFOX_PATH to Firefox 128 or later');

function fail(message) {
  console.error(`firefox smoke: ${message}`);
  process.exit(1);
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** A Marionette connection: length-prefixed JSON packets, [0, id, command, params] → [1, id, error, result]. */
class Marionette {
  #socket;
  #buffer = Buffer.alloc(0);
  #waiting = [];
  #id = 0;

  static async connect(port, timeoutMs) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      try {
        const socket = await new Promise((resolve, reject) => {
          const s = net.connect(port, '127.0.0.1', () => resolve(s));
          s.once('error', reject);
        });
        const m = new Marionette(socket);
        await m.#next(); // the server's hello
        return m;
      } catch (error) {
        if (Date.now() > until) throw error;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  constructor(socket) {
    this.#socket = socket;
    socket.on('data', (chunk) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      for (;;) {
        const colon = this.#buffer.indexOf(':');
        if (colon < 0) return;
        const length = Number(this.#buffer.subarray(0, colon).toString());
        if (this.#buffer.length < colon + 1 + length) return;
        const packet = JSON.parse(this.#buffer.subarray(colon + 1, colon + 1 + length).toString('utf8'));
        this.#buffer = this.#buffer.subarray(colon + 1 + length);
        this.#waiting.shift()?.(packet);
      }
    });
  }

  #next() {
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  async send(command, params = {}) {
    const body = Buffer.from(JSON.stringify([0, ++this.#id, command, params]));
    this.#socket.write(Buffer.concat([Buffer.from(`${body.length}:`), body]));
    const [, , error, result] = await this.#next();
    if (error) throw new Error(`${command}: ${error.message ?? JSON.stringify(error)}`);
    return result;
  }

  close() {
    this.#socket.destroy();
  }
}

const profile = mkdtempSync(path.join(tmpdir(), 'rapport-firefox-'));
mkdirSync(path.join(profile, 'extensions'));
// An extension proxy file: the add-on loads unpacked from the build folder.
writeFileSync(path.join(profile, 'extensions', ADDON_ID), extensionDir);
const port = await freePort();
const prefs = {
  'xpinstall.signatures.required': false,
  'extensions.autoDisableScopes': 0,
  'extensions.enabledScopes': 15,
  'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
  'marionette.port': port,
  // Nothing may leave the machine: every proxy points at a closed port, and Firefox's own services are off.
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.allow_hijacking_localhost': false,
  'app.update.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'browser.startup.homepage_override.mstone': 'ignore',
};
writeFileSync(
  path.join(profile, 'user.js'),
  Object.entries(prefs)
    .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
    .join('\n'),
);

const browser = spawn(firefox, ['--headless', '--marionette', '-remote-allow-system-access', '-no-remote', '-profile', profile], {
  stdio: ['ignore', 'ignore', 'pipe'],
});
let stderr = '';
browser.stderr.on('data', (d) => (stderr += d));

let marionette;
let failed = false;
try {
  marionette = await Marionette.connect(port, 60_000);
  const m = marionette;
  await m.send('WebDriver:NewSession', { capabilities: {} });
  const script = (source, args = []) => m.send('WebDriver:ExecuteScript', { script: source, args }).then((r) => r.value);

  /** Opens one of the add-on's pages in the current tab (Marionette may not navigate web content to moz-extension:). */
  async function open(page) {
    await m.send('Marionette:SetContext', { value: 'chrome' });
    await script(
      `const win = Services.wm.getMostRecentWindow('navigator:browser');
       win.gBrowser.selectedBrowser.loadURI(Services.io.newURI(arguments[0]), {
         triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
       });`,
      [`${BASE}/${page}`],
    );
    await m.send('Marionette:SetContext', { value: 'content' });
    await waitFor(`${page} to load`, () =>
      script('return location.href === arguments[0] && document.readyState === "complete"', [`${BASE}/${page}`]),
    );
  }

  async function waitFor(what, check, timeoutMs = 15_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      try {
        if (await check()) return;
      } catch {
        // The page may be between documents.
      }
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  const text = () => script('return document.body.innerText');
  const seeText = (needle) => waitFor(`"${needle}"`, async () => (await text()).includes(needle));
  async function noAlert(page) {
    const alert = await script('return [...document.querySelectorAll("[role=alert]")].map((e) => e.textContent).join(" | ")');
    if (alert) throw new Error(`${page} shows an error: ${alert}`);
  }
  async function shot(name) {
    if (!shots) return;
    mkdirSync(shots, { recursive: true });
    const { value } = await m.send('WebDriver:TakeScreenshot', { full: true });
    writeFileSync(path.join(shots, `firefox-${name}.png`), Buffer.from(value, 'base64'));
  }
  const byLabel = (label) =>
    script('return [...document.querySelectorAll("label")].find((l) => l.textContent.trim() === arguments[0])?.control ?? null', [label]);
  const button = (name) =>
    script('return [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === arguments[0]) ?? null', [name]);
  const elementId = (ref) => {
    if (!ref) throw new Error('element not found');
    return Object.values(ref)[0];
  };

  await open('popup.html');
  await seeText('Welcome to Rapport');
  await noAlert('popup');
  await shot('popup-new-user');
  console.log('firefox smoke: popup shows a new user the first step');

  await open('options.html');
  await seeText('Mentoring relationships');
  await m.send('WebDriver:ElementClick', { id: elementId(await button('New relationship')) });
  await waitFor('the relationship form', async () => (await byLabel('Name of the other person')) !== null);
  await m.send('WebDriver:ElementSendKeys', { id: elementId(await byLabel('Name of the other person')), text: 'Ingrid Berg' });
  await m.send('WebDriver:ElementClick', { id: elementId(await button('Create relationship')) });
  await waitFor('the new relationship', () =>
    script('return [...document.querySelectorAll("h2")].some((h) => h.textContent.includes("Ingrid Berg"))'),
  );
  await noAlert('options');
  await shot('options-relationship');
  console.log('firefox smoke: options page creates a relationship (Dexie + zod in Firefox’s IndexedDB)');

  // A session held off-line today, and its note written right there (react-hook-form, zod, and
  // the note's multi-table write).
  await m.send('WebDriver:ElementClick', { id: elementId(await button('Log a session held off-line')) });
  await waitFor('the session form', async () => (await button('Log session')) !== null);
  // Midnight today is never in the future; a time input takes its value from script more surely than from keys.
  await script(
    `const input = [...document.querySelectorAll('label')].find((l) => l.textContent.trim() === 'Time')?.control;
     Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, '00:00');
     input.dispatchEvent(new Event('input', { bubbles: true }));`,
  );
  await m.send('WebDriver:ElementClick', { id: elementId(await button('Log session')) });
  await seeText('Session logged.');
  await m.send('WebDriver:ElementClick', { id: elementId(await button('Write note')) });
  await waitFor('the note form', async () => (await byLabel('Summary')) !== null);
  await m.send('WebDriver:ElementSendKeys', { id: elementId(await byLabel('Summary')), text: 'Talked through the first goal.' });
  await m.send('WebDriver:ElementClick', { id: elementId(await button('Save note')) });
  await waitFor(
    'the saved note',
    async () => (await byLabel('Summary')) === null && (await text()).includes('Talked through the first goal.'),
  );
  await noAlert('options');
  await shot('options-note');
  console.log('firefox smoke: a session logged off-line gets its note');

  await open('popup.html');
  await seeText('Ingrid Berg');
  await waitFor('one session held this week', () =>
    script('return document.querySelector("[data-testid=total-sessions]")?.textContent === "1"'),
  );
  if ((await text()).includes('Notes still to write')) throw new Error('the popup still asks for the note just written');
  await noAlert('popup');
  await shot('popup-week');
  console.log('firefox smoke: the popup’s week counts the session and lists the relationship');

  await open('sidepanel.html');
  await waitFor('the sidebar', async () => (await text()).trim().length > 0);
  await noAlert('sidebar');
  await shot('sidebar');
  console.log('firefox smoke: the sidebar renders');

  // Uncaught errors of the add-on's pages and background, from the browser console.
  await m.send('Marionette:SetContext', { value: 'chrome' });
  const errors = await script(
    `return Services.console.getMessageArray()
       .filter((msg) => msg instanceof Ci.nsIScriptError && !(msg.flags & Ci.nsIScriptError.warningFlag))
       .filter((msg) => (msg.sourceName || '').startsWith(arguments[0]))
       .map((msg) => msg.errorMessage + ' (' + msg.sourceName + ':' + msg.lineNumber + ')');`,
    [BASE],
  );
  if (errors.length > 0) throw new Error(`the add-on reported errors:\n  ${errors.join('\n  ')}`);
  console.log('firefox smoke: no errors from the add-on in the browser console');
} catch (error) {
  failed = true;
  console.error(`firefox smoke: FAILED: ${error instanceof Error ? error.message : String(error)}`);
  if (stderr.trim()) console.error(`Firefox said:\n${stderr.trim().split('\n').slice(-20).join('\n')}`);
} finally {
  await marionette?.send('Marionette:Quit', { flags: ['eForceQuit'] }).catch(() => undefined);
  marionette?.close();
  browser.kill('SIGKILL');
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
