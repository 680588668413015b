import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { addDays, addWeeks, format, startOfWeek } from 'date-fns';
import {
  ActionSchema,
  GoalSchema,
  NoteSchema,
  RelationshipSchema,
  SessionSchema,
  SettingsSchema,
  type Action,
  type Session,
} from '../../lib/schema';
import { emptyTalkStats } from '../../lib/schema/talk';
import { chromium } from '@playwright/test';
// @ts-expect-error -- plain JS module shared with `npm start`
import { chromiumArgs } from '../../scripts/chromium-args.mjs';
import { CHROMIUM, EXTENSION_DIR, EXTENSION_ID, expect, test } from './fixtures';
import { PopupPage } from './pages/popup-page';
import { readTable, seedDatabase, type SeedData } from './seed';

const MIN = 60_000;
const day = (d: Date) => format(d, 'yyyy-MM-dd');

/**
 * A realistic few weeks of a user who mentors two people and is mentored by one, relative to the
 * current week (Monday start), so counts are known whatever day and hour the suite runs (except
 * in the first three minutes of a week).
 */
function realisticWeek(): SeedData & { awaitingId: string } {
  const monday = startOfWeek(new Date(), { weekStartsOn: 1 });
  const at = (weekOffset: number, dayOffset: number, hour: number) => {
    const d = addDays(addWeeks(monday, weekOffset), dayOffset);
    d.setHours(hour, 0, 0, 0);
    return d.getTime();
  };
  // This week's sessions must already have started: the popup takes the next meeting agreed in
  // the note of the latest session held before now. Early in the week they move to the minutes
  // just before now, in the same order.
  const started = (dayOffset: number, hour: number, order: number) => Math.min(at(0, dayOffset, hour), Date.now() - (3 - order) * MIN);
  const rel = (id: string, name: string, myRole: 'mentor' | 'mentee', startDate: Date, extra: object = {}) =>
    RelationshipSchema.parse({
      id,
      counterpartName: name,
      myRole,
      type: 'cross-functional',
      mentorOrigin: 'internal',
      startDate: day(startDate),
      agreement: { confidentiality: 'Stays between us' },
      cadence: { earlyEveryDays: 7, earlyMeetings: 5, laterEveryDays: 14 },
      createdAt: 1,
      updatedAt: 1,
      ...extra,
    });
  const kari = rel('rel-kari', 'Kari Nordmann', 'mentor', addWeeks(monday, -8));
  const ola = rel('rel-ola', 'Ola Hansen', 'mentee', addWeeks(monday, -12), { targetShare: { min: 45, max: 70 } });
  const ingrid = rel('rel-ingrid', 'Ingrid Berg', 'mentor', addWeeks(monday, -2), {
    cadence: { earlyEveryDays: 7, earlyMeetings: 4, laterEveryDays: 30 },
  });
  let n = 0;
  const session = (
    relationshipId: string,
    startedAt: number,
    lengthMin: number,
    selfPct: number | null,
    status: Session['status'] = 'noted',
  ) =>
    SessionSchema.parse({
      id: `ses-${++n}`,
      relationshipId,
      platform: 'meet',
      stage: 'progress',
      plannedLengthMin: 45,
      startedAt,
      endedAt: startedAt + lengthMin * MIN,
      lastSavedAt: startedAt + lengthMin * MIN,
      talk:
        selfPct === null
          ? null
          : {
              ...emptyTalkStats(),
              durationMs: lengthMin * MIN,
              selfTalkMs: selfPct * lengthMin * 600,
              otherTalkMs: (100 - selfPct) * lengthMin * 600,
              selfShare: selfPct / 100,
            },
      status,
      createdAt: startedAt,
    });
  const kariShares = [31, 27, 33, 36, 35, 39, 42];
  const sessions = [
    ...kariShares.map((share, i) => session(kari.id, at(i - 7, 1, 10), 45, share)),
    session(kari.id, started(0, 10, 1), 50, 38),
    session(ola.id, at(-4, 2, 15), 60, 48),
    session(ola.id, at(-2, 2, 15), 60, 44),
    session(ola.id, started(1, 15, 2), 40, 52, 'ended'),
    session(ingrid.id, at(-2, 3, 9), 30, null),
  ];
  const kariThisWeek = sessions[7]!;
  const awaiting = sessions[10]!;
  const note = NoteSchema.parse({
    id: 'note-kari',
    sessionId: kariThisWeek.id,
    relationshipId: kari.id,
    summary: 'Prepared the retrospective together',
    nextMeeting: { at: at(1, 0, 10), way: 'video' },
    rapportRating: 4,
    createdAt: kariThisWeek.endedAt,
    updatedAt: kariThisWeek.endedAt,
  });
  const goals = [
    GoalSchema.parse({
      id: 'goal-retro',
      relationshipId: kari.id,
      title: 'Chair the team retrospective',
      status: 'in-progress',
      progress: 60,
      history: [
        { at: at(-3, 1, 11), progress: 40, status: 'in-progress', comment: '', noteId: null },
        { at: at(0, 0, 11), progress: 60, status: 'in-progress', comment: 'Agenda drafted, invites out', noteId: 'note-kari' },
      ],
      createdAt: 1,
      updatedAt: 1,
    }),
    GoalSchema.parse({
      id: 'goal-talk',
      relationshipId: ola.id,
      title: 'Present to the leadership group',
      status: 'achieved',
      progress: 100,
      history: [
        { at: at(-2, 2, 16), progress: 70, status: 'in-progress', comment: '', noteId: null },
        { at: at(0, 1, 16), progress: 100, status: 'achieved', comment: 'Went well', noteId: null },
      ],
      createdAt: 1,
      updatedAt: 1,
    }),
  ];
  const action = (id: string, relationshipId: string, text: string, due: Date, extra: Partial<Action> = {}) =>
    ActionSchema.parse({ id, relationshipId, text, owner: 'mentee', dueDate: day(due), createdAt: 1, ...extra });
  const actions = [
    action('act-agenda', kari.id, 'Send the retro agenda to the team', addDays(monday, 3)),
    action('act-reading', kari.id, 'Read "Radical Candor", ch. 3', addDays(monday, 5)),
    action('act-slides', ola.id, 'Share the slides with Ola', addDays(monday, 2), { owner: 'mentor', done: true, doneAt: at(0, 1, 18) }),
    action('act-old', ingrid.id, 'List three skills gaps', addDays(monday, -4)),
    action('act-next', kari.id, 'Not this week', addDays(monday, 9)),
  ];
  return { relationships: [kari, ola, ingrid], sessions, notes: [note], goals, actions, awaitingId: awaiting.id };
}

async function openSeeded(openExtensionPage: (file: string) => Promise<Page>, data: SeedData): Promise<PopupPage> {
  const page = await openExtensionPage('popup.html');
  await page.setViewportSize({ width: 400, height: 1000 });
  await seedDatabase(page, data);
  await page.reload();
  const popup = new PopupPage(page);
  await popup.ready();
  return popup;
}

async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test.describe('weekly summary popup', () => {
  test('the next opening paints the last view at once, marked as updating, then the fresh view replaces it (issue 20)', async ({
    openExtensionPage,
    consoleErrors,
  }) => {
    const { awaitingId: _a, ...data } = realisticWeek();
    const popup = await openSeeded(openExtensionPage, data);
    await expect(popup.totalSessions).toHaveText('2');
    const snapshot = () => popup.page.evaluate(() => localStorage.getItem('rapport:popup-snapshot') ?? '');
    await expect.poll(snapshot).toContain('Kari Nordmann');
    const saved = await snapshot();
    // A copy that can never stand in for the live elements.
    expect(saved).not.toMatch(/data-testid|\sid=/);
    await popup.page.reload();
    await popup.ready();
    await expect(popup.totalSessions).toHaveText('2');
    // Once the fresh view is on screen, nothing of the old one (nor its "updating" line) is left.
    await expect(popup.page.locator('#snapshot')).toBeEmpty();
    await expect(popup.page.locator('.snapshot-note')).toHaveCount(0);
    expect(consoleErrors).toEqual([]);
  });

  test('shows the week’s counts and lets an action be ticked done, persisted', async ({ openExtensionPage, consoleErrors }, testInfo) => {
    const { awaitingId: _a, ...data } = realisticWeek();
    const popup = await openSeeded(openExtensionPage, data);
    await expect(popup.heading).toHaveText('This week');
    await expect(popup.totalSessions).toHaveText('2');
    await expect(popup.totalTime).toHaveText('1 h 30 min');
    await expect(popup.relationship('Kari Nordmann').getByTestId('rel-sessions')).toHaveText('1 session · 50 min');
    await expect(popup.relationship('Kari Nordmann').getByTestId('balance')).toContainText('within target');
    await expect(popup.relationship('Kari Nordmann').getByTestId('next-meeting')).toContainText('(agreed)');
    await expect(popup.relationship('Ola Hansen').getByTestId('rel-sessions')).toHaveText('1 session · 40 min');
    await expect(popup.relationship('Ola Hansen')).toContainText('target 45–70 % (set for this relationship)');
    await expect(popup.relationship('Ingrid Berg').getByTestId('rel-sessions')).toHaveText('No sessions');
    await expect(popup.relationship('Ingrid Berg')).toContainText('Planned 1 · held 0 — behind plan');
    await expect(popup.dueActions).toHaveCount(3);
    await expect(popup.overdueActions).toHaveCount(1);
    await expect(popup.goalsMoved).toHaveCount(2);
    await expect(popup.notesToWrite).toContainText('Ola Hansen');
    await expect(popup.page.getByRole('img', { name: /talk share over the last 8 weeks/ })).toHaveCount(3);
    await popup.page.screenshot({ path: process.env.POPUP_SCREENSHOT ?? testInfo.outputPath('popup.png'), fullPage: true });

    // Keyboard only: Tab from the top of the page to the checkbox, then Space.
    const agenda = popup.action('Send the retro agenda to the team');
    await expect(agenda).not.toBeChecked();
    await popup.tabTo(agenda);
    await popup.page.keyboard.press('Space');
    await expect(agenda).toBeChecked();
    await expect
      .poll(async () => (await readTable<Action>(popup.page, 'actions')).find((a) => a.id === 'act-agenda'))
      .toMatchObject({ done: true, doneAt: expect.any(Number) });
    await popup.page.reload();
    await popup.ready();
    await expect(popup.action('Send the retro agenda to the team')).toBeChecked();

    // An overdue action ticked done leaves the overdue list.
    await popup.action('List three skills gaps').click();
    await expect(popup.overdueActions).toHaveCount(0);
    expect((await readTable<Action>(popup.page, 'actions')).find((a) => a.id === 'act-old')?.done).toBe(true);
    expect(consoleErrors).toEqual([]);
  });

  test('never scrolls sideways, also when the week is taller than the popup', async () => {
    // Playwright's headless Chromium hides scrollbars (--hide-scrollbars); a real popup has a
    // classic one that takes room, so this test runs a browser that shows them.
    const context = await chromium.launchPersistentContext('', {
      executablePath: CHROMIUM,
      headless: true,
      ignoreDefaultArgs: ['--mute-audio', '--hide-scrollbars'],
      args: chromiumArgs({ extensionDir: EXTENSION_DIR, extensionId: EXTENSION_ID }),
    });
    try {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
      const { awaitingId: _a, ...data } = realisticWeek();
      await seedDatabase(page, data);
      // As Chrome sizes it: as wide as the body asks for, at most 600 px tall.
      await page.setViewportSize({ width: 800, height: 600 });
      await page.reload();
      await new PopupPage(page).ready();
      const wanted = await page.evaluate(() => document.body.getBoundingClientRect().width);
      expect(wanted).toBe(400);
      await page.setViewportSize({ width: wanted, height: 600 });
      const sizes = await page.evaluate(() => {
        const root = document.documentElement;
        return {
          scrollWidth: root.scrollWidth,
          clientWidth: root.clientWidth,
          scrollHeight: root.scrollHeight,
          clientHeight: root.clientHeight,
        };
      });
      expect(sizes.scrollHeight).toBeGreaterThan(sizes.clientHeight); // taller than the popup: a vertical scrollbar…
      expect(sizes.clientWidth).toBeLessThan(wanted); // …that takes room…
      expect(sizes.scrollWidth).toBeLessThanOrEqual(sizes.clientWidth); // …and nothing to scroll sideways
      const right = await page.evaluate(() =>
        Math.max(...[...document.querySelectorAll('.popup *')].map((e) => e.getBoundingClientRect().right)),
      );
      expect(right).toBeLessThanOrEqual(sizes.clientWidth);
    } finally {
      await context.close();
    }
  });

  test('moves between weeks', async ({ openExtensionPage }) => {
    const { awaitingId: _a, ...data } = realisticWeek();
    const popup = await openSeeded(openExtensionPage, data);
    await popup.previousWeek();
    await expect(popup.heading).toHaveText('Last week');
    await expect(popup.totalSessions).toHaveText('1');
    await expect(popup.totalTime).toHaveText('45 min');
    await popup.previousWeek();
    await expect(popup.heading).toHaveText(/^Week \d+$/);
    await expect(popup.totalSessions).toHaveText('3');
    await popup.page.getByRole('button', { name: 'Back to this week' }).click();
    await expect(popup.heading).toHaveText('This week');
    await popup.nextWeek();
    await expect(popup.totalSessions).toHaveText('0');
    await expect(popup.dueActions).toHaveCount(1);
  });

  test('has no serious accessibility violations, in English and in Bokmål', async ({ openExtensionPage }, testInfo) => {
    const { awaitingId: _a, ...data } = realisticWeek();
    const popup = await openSeeded(openExtensionPage, data);
    await expectNoSeriousAxeViolations(popup.page);
    await seedDatabase(popup.page, { settings: [SettingsSchema.parse({ id: 'settings', language: 'nb' })] });
    // Raw IndexedDB writes do not reach Dexie's live queries: reload as a restart would.
    await popup.page.reload();
    await popup.ready();
    await expect(popup.heading).toHaveText('Denne uken');
    await expect(popup.page.getByRole('heading', { name: 'Handlinger' })).toBeVisible();
    await expect(popup.relationship('Ingrid Berg')).toContainText('Planlagt 1 · holdt 0 – bak planen');
    await expect(popup.page.locator('html')).toHaveAttribute('lang', 'nb');
    await popup.page.screenshot({ path: testInfo.outputPath('popup-nb.png'), fullPage: true });
    await expectNoSeriousAxeViolations(popup.page);
  });

  test('a new user gets a clear first step that opens the options page', async ({ openExtensionPage, context }, testInfo) => {
    const page = await openExtensionPage('popup.html');
    await page.setViewportSize({ width: 400, height: 700 });
    const popup = new PopupPage(page);
    await popup.ready();
    await expect(popup.firstSteps).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('popup-new-user.png'), fullPage: true });
    await expectNoSeriousAxeViolations(page);
    const optionsOpened = context.waitForEvent('page', (p) => p.url().includes('/options.html'));
    await page.getByRole('button', { name: 'Set up a relationship' }).click();
    await optionsOpened;
    await expect(page.getByRole('button', { name: 'Try the demo call' })).toBeVisible();
  });

  test('“Write note” opens the note prompt for that session', async ({ openExtensionPage, context }) => {
    const { awaitingId, ...data } = realisticWeek();
    const popup = await openSeeded(openExtensionPage, data);
    const noteOpened = context.waitForEvent('page', (p) => p.url().includes('/note.html'));
    await popup.notesToWrite.getByRole('button', { name: /Write the note for Ola Hansen/ }).click();
    expect(new URL((await noteOpened).url()).searchParams.get('session')).toBe(awaitingId);
  });

  test('“Open call companion” opens the side panel', async ({ openExtensionPage, serviceWorker }) => {
    const { awaitingId: _a, ...data } = realisticWeek();
    const popup = await openSeeded(openExtensionPage, data);
    await popup.page.getByTestId('open-companion').click();
    await expect
      .poll(() =>
        serviceWorker.evaluate(async () => {
          const runtime = (globalThis as unknown as { chrome: { runtime: { getContexts(f: object): Promise<unknown[]> } } }).chrome.runtime;
          return (await runtime.getContexts({ contextTypes: ['SIDE_PANEL'] })).length;
        }),
      )
      .toBe(1);
  });
});
