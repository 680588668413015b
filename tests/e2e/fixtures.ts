import { chromium, test as base, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error -- plain JS modules shared with `npm start`
import { chromiumArgs } from '../../scripts/chromium-args.mjs';
// @ts-expect-error -- plain JS module shared with `npm start`
import { startDemoServer } from '../../scripts/demo-call/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXTENSION_DIR = process.env.RAPPORT_EXTENSION_DIR ?? path.join(root, '.output/chrome-mv3-test');
export const EXTENSION_ID = readFileSync(path.join(root, 'scripts/keys/test-extension-id.txt'), 'utf8').trim();
export const DEMO_AUDIO = path.join(root, 'scripts/demo-call/public/audio');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

type DemoServer = { port: number; callUrl: string; close: () => Promise<void> };

/**
 * Chromium's own background traffic (component updater, network time, account sign-in check,
 * optimization guide, push messaging),
 * which still runs with --disable-background-networking. It is the browser's, not the
 * extension's: requests from the extension's service worker, pages and content scripts are
 * checked separately through Playwright's request events, where these never appear.
 */
const BROWSER_OWN = [
  /^CONNECT update\.googleapis\.com:443$/,
  /^POST http:\/\/update\.googleapis\.com\/service\/update2\//,
  /^GET http:\/\/clients2\.google\.com\/time\//,
  /^CONNECT accounts\.google\.com:443$/,
  /^CONNECT optimizationguide-pa\.googleapis\.com:443$/,
  // Spell-check dictionaries, fetched by the browser the first time a text field gets focus.
  /^CONNECT redirector\.gvt1\.com:443$/,
  // Google Cloud Messaging's check-in (the browser's push-messaging client): Chromium 150 makes it
  // 9 s and 31 s after start with no extension loaded, on about:blank (measured 2026-12-06).
  /^CONNECT android\.clients\.google\.com:443$/,
];

/** Loopback, the extension itself and in-memory URLs are local; everything else left the machine. */
export function isLocalUrl(url: string): boolean {
  if (/^(chrome-extension|data|blob|about|chrome):/.test(url)) return true;
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  } catch {
    return false;
  }
}

/**
 * A logging proxy every non-loopback request of the browser goes through (Chromium never proxies
 * loopback), so nothing reaches the closed network and every attempt is seen.
 */
async function startEgressRecorder(): Promise<{ port: number; requests: string[]; server: Server }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(403).end();
  });
  server.on('connect', (req, socket) => {
    requests.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('proxy did not start');
  return { port: address.port, requests, server };
}

export type Fixtures = {
  /** WAV played as the fake microphone; `%noloop` unless a test says otherwise. */
  micWav: string;
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** Non-loopback requests the browser tried to make during the test. */
  egress: string[];
  /**
   * Hosts a test deliberately contacts to prove the privacy check works. Both layers (request
   * events and the proxy) must have seen each of them; nothing else may leave.
   */
  expectEgressTo: string[];
  /** Console errors of extension pages opened with openExtensionPage. */
  consoleErrors: string[];
  openExtensionPage: (file: string) => Promise<Page>;
};

export const test = base.extend<Fixtures, { demo: DemoServer }>({
  demo: [
    async ({}, use) => {
      const server = (await startDemoServer(0)) as DemoServer;
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  micWav: [path.join(DEMO_AUDIO, 'self.wav'), { option: true }],
  expectEgressTo: [[], { option: true }],
  egress: async ({}, use) => {
    await use([]);
  },
  consoleErrors: async ({}, use) => {
    await use([]);
  },
  context: async ({ micWav, egress, expectEgressTo }, use) => {
    if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) throw new Error('Build the test extension first: npm run build:test');
    const proxy = await startEgressRecorder();
    const context = await chromium.launchPersistentContext('', {
      executablePath: CHROMIUM,
      headless: true,
      permissions: ['microphone'],
      ignoreDefaultArgs: ['--mute-audio'],
      args: [
        `--proxy-server=http://127.0.0.1:${proxy.port}`,
        ...chromiumArgs({ extensionDir: EXTENSION_DIR, extensionId: EXTENSION_ID, micWav }),
      ],
    });
    // Every request of every page, content script and service worker of the context.
    context.on('request', (request) => {
      if (!isLocalUrl(request.url())) egress.push(`${request.method()} ${request.url()}`);
    });
    await use(context);
    await context.close();
    egress.push(...proxy.requests.filter((r) => !BROWSER_OWN.some((re) => re.test(r))));
    proxy.server.close();
    for (const host of expectEgressTo) {
      const seenByEvents = egress.some((r) => !r.startsWith('CONNECT ') && r.includes(`://${host}/`));
      const seenByProxy = egress.some((r) => r === `CONNECT ${host}:443`);
      if (!seenByEvents || !seenByProxy)
        throw new Error(`The privacy check missed a request to ${host} (events: ${seenByEvents}, proxy: ${seenByProxy})`);
    }
    egress.splice(0, egress.length, ...egress.filter((r) => !expectEgressTo.some((host) => r.includes(host))));
    // Privacy: not one request may leave this machine from any context (pages, service worker,
    // content scripts, offscreen documents) during any test.
    if (egress.length > 0) throw new Error(`Requests to non-local hosts during the test:\n${egress.join('\n')}`);
  },
  serviceWorker: async ({ context }, use) => {
    const worker =
      context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${EXTENSION_ID}/`)) ??
      (await context.waitForEvent('serviceworker'));
    await use(worker);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  openExtensionPage: async ({ context, extensionId, consoleErrors }, use) => {
    await use(async (file: string) => {
      const page = await context.newPage();
      page.on('console', (msg) => {
        if (msg.type() === 'error') consoleErrors.push(`${file}: ${msg.text()}`);
      });
      page.on('pageerror', (error) => consoleErrors.push(`${file}: ${error.message}`));
      await page.goto(`chrome-extension://${extensionId}/${file}`);
      return page;
    });
  },
});

export const expect = test.expect;
