import type { CDPSession, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { demoRelationshipSeed } from './pages/sidepanel-page';
import { readTable, seedDatabase } from './seed';

/**
 * Issue 20: a call-site page without a call carries only the small content scripts; the engine
 * chunk (tfjs, the model's runner, the live-session parts) arrives when a call starts. Checked in
 * the extension's own isolated world of the call page, through the DevTools protocol, where the
 * chunk leaves its module.
 */

/** Evaluates an expression in the extension's isolated world of the page's main frame. */
async function inExtensionWorld(
  page: Page,
  extensionId: string,
): Promise<{ cdp: CDPSession; evaluate: (expression: string) => Promise<unknown> }> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: { id: number; origin: string; auxData?: { type?: string; isDefault?: boolean } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  cdp.on('Runtime.executionContextsCleared', () => (contexts.length = 0));
  await cdp.send('Runtime.enable');
  const find = () => contexts.find((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${extensionId}`);
  await expect.poll(() => find() !== undefined, { timeout: 10_000 }).toBe(true);
  return {
    cdp,
    evaluate: async (expression) => {
      const { result } = await cdp.send('Runtime.evaluate', { expression, contextId: find()!.id, returnByValue: true });
      return result.value;
    },
  };
}

test('a call-site page without a call loads neither companion nor engine; a meeting page loads the companion; joining loads the engine and the session measures', async ({
  context,
  demo,
  extensionId,
  openExtensionPage,
  consoleErrors,
}) => {
  test.setTimeout(90_000);
  const options = await openExtensionPage('options.html');
  await seedDatabase(options, demoRelationshipSeed(demo.callUrl));
  const requested: string[] = [];
  context.on('request', (r) => requested.push(r.url()));

  // A page of the call site that is not a meeting: only the tap and the relay run.
  const page = await context.newPage();
  await page.goto(new URL('/left.html', demo.callUrl).href);
  const idle = await inExtensionWorld(page, extensionId);
  await page.waitForTimeout(3000);
  // Not even the watcher: only the relay the background left after the load.
  expect(await idle.evaluate('[typeof __rapportWatcher, globalThis.__rapportRelay === true]')).toEqual(['undefined', true]);
  expect(await idle.evaluate('[typeof __rapportCallCompanion, typeof __rapportCallEngine]')).toEqual(['undefined', 'undefined']);
  // A call started on this page (a chat's call, an address Rapport has no rule for): the tap sees
  // the microphone, the relay asks for the watcher, and the watcher loads the companion.
  await page.evaluate(async () => {
    await navigator.mediaDevices.getUserMedia({ audio: true });
  });
  await expect
    .poll(() => idle.evaluate('[typeof __rapportWatcher, typeof __rapportCallCompanion]'), { timeout: 10_000 })
    .toEqual(['boolean', 'object']);
  await idle.cdp.detach();
  await page.close();

  // A page that is not a meeting's and takes the microphone while it loads (its load held back by a
  // slow image): the tap saw it before the relay came, and its mark brings the watcher.
  let heldImage: () => void = () => undefined;
  await context.route('**/chat-call.html', (r) =>
    r.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><title>Chat</title><script>navigator.mediaDevices.getUserMedia({ audio: true }).then(() => (window.micAt = performance.now()))</script><img src="/held.png">',
    }),
  );
  await context.route('**/held.png', (r) => new Promise<void>((resolve) => (heldImage = resolve)).then(() => r.fulfill({ status: 404 })));
  const chat = await context.newPage();
  const loaded = chat.goto(new URL('/chat-call.html', demo.callUrl).href);
  await expect.poll(() => chat.evaluate('typeof window.micAt').catch(() => 'undefined'), { timeout: 10_000 }).toBe('number');
  heldImage();
  await loaded;
  const chatWorld = await inExtensionWorld(chat, extensionId);
  await expect
    .poll(() => chatWorld.evaluate('[globalThis.__rapportRelay === true, typeof __rapportWatcher, typeof __rapportCallCompanion]'), {
      timeout: 10_000,
    })
    .toEqual([true, 'boolean', 'object']);
  await chatWorld.cdp.detach();
  await chat.close();
  await context.unrouteAll();

  // The meeting's pre-join screen: the companion (it tells the side panel what the page shows), no engine.
  const call = await context.newPage();
  await call.goto(demo.callUrl);
  await expect(call.getByRole('button', { name: 'Join call' })).toBeVisible();
  const world = await inExtensionWorld(call, extensionId);
  await expect.poll(() => world.evaluate('typeof __rapportCallCompanion'), { timeout: 10_000 }).toBe('object');
  await call.waitForTimeout(3000);
  expect(await world.evaluate('typeof __rapportCallEngine')).toBe('undefined');
  expect(await readTable(options, 'sessions')).toEqual([]);
  // Nor was the speech model read.
  expect(requested.filter((u) => /call-engine\.js|model\/weights\.bin/.test(u))).toEqual([]);

  await call.getByRole('button', { name: 'Join call' }).click();
  await expect(call.getByRole('status')).toHaveText('In the call with Alex.', { timeout: 20_000 });
  await expect.poll(() => world.evaluate('typeof __rapportCallEngine'), { timeout: 15_000 }).toBe('object');
  await expect.poll(async () => (await readTable<{ status: string }>(options, 'sessions'))[0]?.status, { timeout: 15_000 }).toBe('live');
  // Talk is measured with the engine from the chunk.
  await expect
    .poll(
      async () =>
        (await readTable<{ talk: { selfTalkMs: number; otherTalkMs: number } | null }>(options, 'sessions'))[0]?.talk?.otherTalkMs ?? 0,
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
  await world.cdp.detach();
  expect(consoleErrors).toEqual([]);
});
