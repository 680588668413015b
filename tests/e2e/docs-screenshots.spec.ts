import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ActionSchema, SettingsSchema } from '../../lib/schema';
import { expect, test } from './fixtures';
import { localDay } from './pages/note-page';
import { demoRelationshipSeed, SidePanelPage, tabIdOf } from './pages/sidepanel-page';
import { seedDatabase } from './seed';

/**
 * The README's screenshots, taken from the real extension; each screen is also checked. They are
 * written to docs/ only with RAPPORT_DOCS_SCREENSHOTS=1, so that a test run leaves the working
 * tree as it was (the timer and dates differ from run to run).
 */
const DOCS = process.env.RAPPORT_DOCS_SCREENSHOTS
  ? fileURLToPath(new URL('../../docs', import.meta.url))
  : path.join(tmpdir(), 'rapport-docs-screenshots');

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

test('the side panel before and during the call, and the popup in both languages (docs/ screenshots)', async ({
  context,
  demo,
  extensionId,
  serviceWorker,
  openExtensionPage,
}) => {
  test.setTimeout(180_000);
  const options = await openExtensionPage('options.html');
  const seed = demoRelationshipSeed(demo.callUrl);
  const now = Date.now();
  await seedDatabase(options, {
    ...seed,
    actions: [
      ActionSchema.parse({
        id: 'act-1',
        relationshipId: seed.relationships[0]!.id,
        text: 'Draft the slides for the team update',
        owner: 'mentee',
        dueDate: localDay(1),
        createdAt: now - 7 * 86_400_000,
      }),
    ],
  });

  // Before joining: the coming session.
  const call = await context.newPage();
  await call.goto(demo.callUrl);
  const panel = await SidePanelPage.open(context, extensionId, await tabIdOf(serviceWorker, demo.callUrl));
  await panel.page.setViewportSize({ width: 380, height: 860 });
  const coming = panel.page.getByTestId('coming-session');
  await expect(coming.getByRole('heading', { name: 'Coming up: your session with Alex (mentee)' })).toBeVisible();
  await expect(coming).toContainText('What we discuss stays between us');
  await expect(coming).toContainText('Present with confidence');
  await expect(coming).toContainText('Delegate the weekly report');
  await expect(coming).toContainText('Draft the slides for the team update');
  await expect(coming.getByRole('heading', { name: /^Agenda drafted for this stage · \d+ of 30 min$/ })).toBeVisible();
  expect(await seriousViolations(panel.page)).toEqual([]);
  await panel.page.screenshot({ path: path.join(DOCS, 'sidepanel-before-call.png') });

  // During the call, once there is talk to judge.
  await call.getByRole('button', { name: 'Join call' }).click();
  await panel.expectLive();
  await expect(panel.page.getByTestId('talk-lead')).toBeVisible({ timeout: 60_000 });
  await expect(panel.page.getByTestId('talk-lead')).toHaveText(/^You’ve talked \d+ % — (within|above|below) your \d+–\d+ % target/);
  expect(await seriousViolations(panel.page)).toEqual([]);
  await panel.page.screenshot({ path: path.join(DOCS, 'sidepanel-during-call.png') });
  await call.getByRole('button', { name: 'Leave call' }).click();

  // The popup, in English and in Bokmål.
  const popup = await openExtensionPage('popup.html');
  await popup.setViewportSize({ width: 400, height: 700 });
  await expect(popup.getByTestId('week-heading')).toHaveText('This week');
  // The call just left is in the week once the background has stored its end (opened at once, the
  // popup could read the session while it was still live and show an empty week).
  await expect(async () => {
    await popup.reload();
    await expect(popup.getByTestId('total-sessions')).toContainText('1', { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await popup.screenshot({ path: path.join(DOCS, 'popup-en.png'), fullPage: true });
  await seedDatabase(popup, { settings: [SettingsSchema.parse({ id: 'settings', language: 'nb' })] });
  await popup.reload();
  await expect(popup.getByTestId('week-heading')).toHaveText('Denne uken');
  await popup.screenshot({ path: path.join(DOCS, 'popup-nb.png'), fullPage: true });
});
