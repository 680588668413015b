import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { demoRelationshipSeed, SidePanelPage, tabIdOf } from './pages/sidepanel-page';
import { readTable, seedDatabase } from './seed';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the side panel is accessible and its agenda works by keyboard alone', async ({
  context,
  demo,
  extensionId,
  serviceWorker,
  openExtensionPage,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  const options = await openExtensionPage('options.html');
  // With no call in the tab, the panel says what to do.
  const idle = await openExtensionPage('sidepanel.html');
  await expect(idle.getByTestId('no-call')).toBeVisible();
  expect(await seriousViolations(idle)).toEqual([]);

  await seedDatabase(options, demoRelationshipSeed(demo.callUrl));
  const call = await context.newPage();
  await call.goto(`${demo.callUrl}?autojoin&silent`);
  await expect(call.getByRole('status')).toHaveText('In the call with Alex.', { timeout: 20_000 });
  const panel = await SidePanelPage.open(context, extensionId, await tabIdOf(serviceWorker, demo.callUrl));
  await panel.expectLive();
  await expect(panel.page.getByTestId('health-self')).toContainText('listening', { timeout: 15_000 });
  for (const scheme of ['light', 'dark'] as const) {
    await panel.page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(panel.page), scheme).toEqual([]);
  }

  // Keyboard: move to the next agenda item, add an item, tick it done.
  const page = panel.page;
  const firstTitle = await page.locator('.agenda-item.current .item-title').textContent();
  await page.getByRole('button', { name: 'Next item' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.agenda-item.current .item-title')).not.toHaveText(firstTitle ?? '');
  await page.getByPlaceholder('New agenda item').focus();
  await page.keyboard.type('Check the presentation outline');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('7');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Check the presentation outline')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Check the presentation outline', exact: true }).focus();
  await page.keyboard.press('Space');
  await expect
    .poll(async () => {
      const [session] = await readTable<{ agenda: { title: string; timeboxMin: number; done: boolean }[] }>(options, 'sessions');
      return session?.agenda.find((i) => i.title === 'Check the presentation outline');
    })
    .toEqual(expect.objectContaining({ timeboxMin: 7, done: true }));
  expect(consoleErrors).toEqual([]);
});

test('a call page Rapport does not recognise: the panel says so, then the call is followed by its audio alone', async ({
  context,
  demo,
  extensionId,
  serviceWorker,
  openExtensionPage,
  consoleErrors,
}, testInfo) => {
  test.setTimeout(90_000);
  const options = await openExtensionPage('options.html');
  const call = await context.newPage();
  await call.goto(`${demo.callUrl}?broken&silent`);
  const panel = await SidePanelPage.open(context, extensionId, await tabIdOf(serviceWorker, demo.callUrl));
  await expect(panel.page.getByTestId('call-unrecognised')).toBeVisible({ timeout: 10_000 });
  await expect(panel.page.getByTestId('call-unrecognised')).toContainText('Demo call');
  await panel.page.screenshot({ path: testInfo.outputPath('sidepanel-unrecognised.png') });
  expect(await readTable(options, 'sessions')).toEqual([]);
  await call.getByRole('button', { name: 'Join call' }).click();
  // Media alone: Rapport says it is guessing, and starts after a short grace.
  await expect(panel.page.getByTestId('call-guessing')).toBeVisible({ timeout: 15_000 });
  await panel.page.screenshot({ path: testInfo.outputPath('sidepanel-guessing.png') });
  await panel.expectLive();
  const [session] = await readTable<{ status: string; platform: string }>(options, 'sessions');
  expect(session?.status).toBe('live');
  // Live, the panel keeps saying that it is guessing, and what to do.
  await expect(panel.page.getByText(/does not recognise this page's layout any more.*reload the call tab/)).toBeVisible({
    timeout: 10_000,
  });
  await panel.page.screenshot({ path: testInfo.outputPath('sidepanel-live-guessing.png'), fullPage: true });
  expect(consoleErrors).toEqual([]);
});
