import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ActionSchema, emptyTalkStats, GoalSchema, NoteSchema, RelationshipSchema, SessionSchema } from '../../lib/schema';
import { expect, test } from './fixtures';
import { OptionsPage } from './pages/options-page';
import { readTable, seedDatabase } from './seed';

const DAY = 86_400_000;

function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The date as the page writes it (the browser's own Intl, so no ICU differences). */
function longDateIn(page: Page, date: Date): Promise<string> {
  return page.evaluate(
    (ms) => new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(ms)),
    date.getTime(),
  );
}

async function openOptions(openExtensionPage: (file: string) => Promise<Page>): Promise<{ page: Page; options: OptionsPage }> {
  const page = await openExtensionPage('options.html');
  await page.setViewportSize({ width: 1200, height: 900 });
  await expect(page.getByRole('heading', { name: 'Mentoring relationships' })).toBeVisible();
  return { page, options: new OptionsPage(page) };
}

test.describe('options page', () => {
  test('create a relationship with goals and an agreement, see the next meeting, export, delete all, import, find everything back', async ({
    openExtensionPage,
    consoleErrors,
  }) => {
    test.setTimeout(300_000); // many steps and five axe runs on a shared two-core machine
    const { page, options } = await openOptions(openExtensionPage);
    await expect(page.getByText('No relationships yet.')).toBeVisible();
    expect(await options.seriousA11yViolations()).toEqual([]);

    const today = new Date();
    await options.createRelationship({
      name: 'Kari Nordmann',
      role: 'mentor',
      startDate: localDate(today),
      confidentiality: 'What we say stays between us.',
      boundaries: 'No calls after 17:00. Career topics only.',
      ways: ['Video', 'Phone'],
      usualLength: 60,
      links: ['https://meet.google.com/abc-defg-hij'],
      skillsGaps: ['Delegation', 'Presenting'],
    });
    // Before any session the first meeting is suggested for the start date (today).
    await expect(options.nextMeeting()).toContainText(await longDateIn(page, today));
    await expect(page.getByText('No meeting held yet')).toBeVisible();

    await options.addGoal({
      title: 'Delegate one task a week',
      why: 'Less overtime',
      measure: 'Tasks handed over per week',
      targetDate: '2027-06-30',
      skillGap: 'Delegation',
    });
    await options.addGoal({ title: 'Present at the all-hands', measure: 'Gives the talk', skillGap: 'Presenting' });

    // A session held by phone yesterday: the plan's weekly early phase puts the next one a week later.
    const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
    await options.logSession({ date: localDate(yesterday), time: '09:30', lengthMin: 40, way: 'Phone' });
    const next = new Date(yesterday.getFullYear(), yesterday.getMonth(), yesterday.getDate() + 7);
    await expect(options.nextMeeting()).toContainText(await longDateIn(page, next));
    expect(await options.seriousA11yViolations()).toEqual([]);

    const before = {
      relationships: await readTable(page, 'relationships'),
      goals: await readTable(page, 'goals'),
      sessions: await readTable(page, 'sessions'),
    };
    expect(before.relationships).toHaveLength(1);
    expect(before.relationships[0]).toMatchObject({
      counterpartName: 'Kari Nordmann',
      myRole: 'mentor',
      agreement: { confidentiality: 'What we say stays between us.', waysOfMeeting: ['video', 'phone'], usualLengthMin: 60 },
      meetingLinks: ['https://meet.google.com/abc-defg-hij'],
      skillsGaps: ['Delegation', 'Presenting'],
    });
    expect(before.goals).toHaveLength(2);
    expect(before.sessions).toMatchObject([{ platform: 'manual', wayOfMeeting: 'phone', status: 'ended' }]);

    await options.gotoData();
    expect(await options.seriousA11yViolations()).toEqual([]);
    const file = await options.exportAll();
    const exported = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown[]>;
    expect(exported).toMatchObject({ format: 'rapport-export', version: 1 });
    expect(exported.relationships).toEqual(before.relationships);
    expect(exported.goals).toEqual(expect.arrayContaining(before.goals));

    await options.deleteEverything();
    for (const table of ['relationships', 'goals', 'sessions', 'notes', 'actions']) expect(await readTable(page, table)).toEqual([]);
    await options.gotoList();
    await expect(page.getByText('No relationships yet.')).toBeVisible();

    await options.gotoData();
    await options.chooseImport(file);
    await expect(page.getByText(/is valid: relationships: 1, goals: 2, sessions: 1, notes: 0, actions: 0\./)).toBeVisible();
    await options.importChosen();
    // Importing the same file again changes nothing.
    await options.chooseImport(file);
    await options.importChosen();

    expect(await readTable(page, 'relationships')).toEqual(before.relationships);
    expect(await readTable(page, 'goals')).toEqual(expect.arrayContaining(before.goals));
    expect(await readTable(page, 'goals')).toHaveLength(2);
    expect(await readTable(page, 'sessions')).toEqual(before.sessions);

    await options.gotoList();
    await page.getByRole('link', { name: 'Kari Nordmann' }).click();
    await expect(page.getByText('Delegate one task a week')).toBeVisible();
    await expect(page.getByText('Present at the all-hands')).toBeVisible();
    await expect(page.getByText('What we say stays between us.')).toBeVisible();
    await expect(options.nextMeeting()).toContainText(await longDateIn(page, next));
    expect(consoleErrors).toEqual([]);
  });

  test('bad input gets a message next to the field, keeps what was typed, and writes nothing', async ({ openExtensionPage }) => {
    const { page, options } = await openOptions(openExtensionPage);
    await page.getByRole('button', { name: 'New relationship' }).click();
    await options.fillRelationship({ name: '   ', boundaries: 'Kept as typed', usualLength: 2, ways: [], skillsGaps: ['x'.repeat(201)] });
    await page.getByLabel('Term (months)').fill('0');
    await page.getByRole('button', { name: 'Create relationship' }).click();

    await expect(page.locator('#counterpartName-error')).toHaveText('Please fill this in.');
    await expect(page.getByLabel('Name of the other person')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#termMonths-error')).toHaveText('Enter a number from 1 to 120.');
    await expect(page.locator('#usualLengthMin-error')).toHaveText('Enter a number from 5 to 480.');
    await expect(page.locator('#waysOfMeeting-error')).toHaveText('Pick at least one.');
    await expect(page.locator('#skillsGaps-error')).toHaveText('One of the lines is too long: at most 200 characters each.');
    await expect(page.getByLabel(/^Boundaries/)).toHaveValue('Kept as typed');
    expect(await readTable(page, 'relationships')).toEqual([]);
    expect(await options.seriousA11yViolations()).toEqual([]);

    // Each message goes as soon as its field is fixed; then the relationship saves.
    const fixes: [string, () => Promise<void>][] = [
      ['#counterpartName-error', () => page.getByLabel('Name of the other person').fill('Ola')],
      ['#termMonths-error', () => page.getByLabel('Term (months)').fill('12')],
      ['#usualLengthMin-error', () => page.getByLabel('Usual length of a meeting (minutes)').fill('45')],
      ['#waysOfMeeting-error', () => page.getByRole('checkbox', { name: 'Video', exact: true }).check()],
      ['#skillsGaps-error', () => page.getByLabel('Skills gaps').fill('Feedback')],
    ];
    for (const [error, fix] of fixes) {
      await fix();
      await expect(page.locator(error)).toHaveCount(0);
    }
    await page.getByRole('button', { name: 'Create relationship' }).click();
    await expect(page.getByRole('heading', { name: 'Ola', level: 2 })).toBeVisible();
    expect(await readTable(page, 'relationships')).toHaveLength(1);
  });

  test('hostile or broken import files are refused with each bad field named, and nothing is written', async ({
    openExtensionPage,
  }, testInfo) => {
    const { page, options } = await openOptions(openExtensionPage);
    await options.gotoData();
    const json = (value: unknown, name = 'bad.json') => ({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(value)),
    });
    const base = {
      format: 'rapport-export',
      version: 1,
      exportedAt: 1,
      relationships: [],
      goals: [],
      sessions: [],
      notes: [],
      actions: [],
      settings: null,
    };

    const good = {
      id: 'r1',
      counterpartName: 'Kari',
      myRole: 'mentor',
      type: 'peer',
      mentorOrigin: 'internal',
      startDate: '2026-01-05',
      agreement: { confidentiality: '', boundaries: '', waysOfMeeting: ['video'], usualLengthMin: 45 },
      createdAt: 1,
      updatedAt: 1,
    };
    await options.chooseImport(json({ ...base, relationships: [{ id: 'r1', counterpartName: '', myRole: 'boss' }] }));
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Nothing was imported from “bad.json”.');
    await expect(alert).toContainText('Relationship 1: name must not be empty');
    await expect(alert).toContainText('Relationship 1: your role must be one of: mentor, mentee');
    expect(await options.seriousA11yViolations()).toEqual([]);

    await options.chooseImport({
      name: 'evil.json',
      mimeType: 'application/json',
      buffer: Buffer.from(`{"__proto__":{"polluted":true},"format":"rapport-export"}`),
    });
    await expect(alert).toContainText('“__proto__”');

    await options.chooseImport(json({ ...base, version: 7 }));
    await expect(alert).toContainText('another version of Rapport');

    await options.chooseImport({ name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(base).slice(0, 40)) });
    await expect(alert).toContainText('not valid JSON');

    await expect(page.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);
    for (const table of ['relationships', 'goals', 'sessions', 'notes', 'actions', 'settings'])
      expect(await readTable(page, table)).toEqual([]);
    // A file on disk stays chosen after a refusal: fix it and check it again, no new choice needed.
    const onDisk = path.join(testInfo.outputPath(), 'backup.json');
    await mkdir(path.dirname(onDisk), { recursive: true });
    await writeFile(
      onDisk,
      JSON.stringify({ ...base, relationships: [{ ...good, agreement: { ...good.agreement, usualLengthMin: 'sixty' } }] }),
    );
    await options.chooseImport(onDisk);
    await expect(alert).toContainText('Nothing was imported from “backup.json”.');
    await expect(alert).toContainText('Relationship 1 (Kari): usual length must be a number of minutes');
    await writeFile(onDisk, JSON.stringify({ ...base, relationships: [good] }));
    // Chromium will not read a file changed since it was chosen; the picker then opens by itself.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Check the file again' }).click();
    await (await chooser).setFiles(onDisk);
    await expect(page.getByText('“backup.json” is valid: relationships: 1')).toBeVisible();
    await expect(alert).toHaveCount(0);
    expect(await options.seriousA11yViolations()).toEqual([]);
    await options.importChosen();
    expect(await readTable(page, 'relationships')).toMatchObject([{ counterpartName: 'Kari' }]);
  });

  test('private notes and reflections stay out of the export unless a full backup is ticked, and the page says which', async ({
    openExtensionPage,
  }) => {
    const { page, options } = await openOptions(openExtensionPage);
    const now = Date.now();
    const rel = RelationshipSchema.parse({
      id: 'rel-p',
      counterpartName: 'Per',
      myRole: 'mentor',
      type: 'peer',
      mentorOrigin: 'internal',
      agreement: { confidentiality: '', boundaries: '', waysOfMeeting: ['phone'], usualLengthMin: 30 },
      startDate: localDate(new Date(now - 30 * DAY)),
      createdAt: now - 30 * DAY,
      updatedAt: now - 30 * DAY,
    });
    const session = (id: string, d: number) =>
      SessionSchema.parse({
        id,
        relationshipId: rel.id,
        platform: 'manual',
        wayOfMeeting: 'phone',
        stage: 'progress',
        plannedLengthMin: 30,
        startedAt: now - d * DAY,
        endedAt: now - d * DAY + 30 * 60_000,
        lastSavedAt: now - d * DAY + 30 * 60_000,
        status: 'noted',
        createdAt: now - d * DAY,
      });
    const note = (id: string, sessionId: string, extra: object) =>
      NoteSchema.parse({ id, sessionId, relationshipId: rel.id, createdAt: now, updatedAt: now, ...extra });
    await seedDatabase(page, {
      relationships: [rel],
      sessions: [session('s1', 10), session('s2', 3)],
      notes: [
        note('n1', 's1', { summary: 'SHARED-SUMMARY', reflection: { listening: 4, text: 'REFLECTION-TEXT' } }),
        note('n2', 's2', { summary: 'PRIVATE-SUMMARY', private: true }),
      ],
    });
    await options.gotoData();
    await expect(page.getByRole('checkbox', { name: /Include my private notes/ })).not.toBeChecked();

    const shared = await readFile(await options.exportAll(), 'utf8');
    expect(shared).toContain('SHARED-SUMMARY');
    expect(shared).not.toContain('PRIVATE-SUMMARY');
    expect(shared).not.toContain('REFLECTION-TEXT');
    expect(JSON.parse(shared)).toMatchObject({ privateNotesIncluded: false });
    await expect(page.getByText('Private notes (1) and private reflections were left out.', { exact: false })).toBeVisible();

    const backup = await readFile(await options.exportAll(true), 'utf8');
    expect(backup).toContain('PRIVATE-SUMMARY');
    expect(backup).toContain('REFLECTION-TEXT');
    expect(JSON.parse(backup)).toMatchObject({ privateNotesIncluded: true });
    await expect(page.getByText('holds your private notes and reflections', { exact: false })).toBeVisible();
    expect(await options.seriousA11yViolations()).toEqual([]);
  });

  test('keyboard only: create a relationship and reach its page', async ({ openExtensionPage }) => {
    const { page } = await openOptions(openExtensionPage);
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    for (let i = 0; i < 10 && (await focusedText()) !== 'New relationship'; i++) await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('New relationship');
    await page.keyboard.press('Enter');
    // Focus moved to the form view; the first field is one Tab away.
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Name of the other person')).toBeFocused();
    await page.keyboard.type('Kim Berg');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Kim Berg', level: 2 })).toBeVisible();
    const rows = await readTable<{ counterpartName: string }>(page, 'relationships');
    expect(rows.map((r) => r.counterpartName)).toEqual(['Kim Berg']);
  });

  test('a relationship with a real history shows its health in words, its plan and its sessions', async ({
    openExtensionPage,
    consoleErrors,
  }) => {
    const { page, options } = await openOptions(openExtensionPage);
    const now = Date.now();
    const start = new Date(now - 150 * DAY);
    const rel = RelationshipSchema.parse({
      id: 'rel-kari',
      counterpartName: 'Kari Nordmann',
      myRole: 'mentor',
      type: 'cross-functional',
      mentorOrigin: 'internal',
      startDate: localDate(start),
      agreement: {
        confidentiality: 'What we say stays between us.',
        boundaries: 'Weekdays only.',
        waysOfMeeting: ['video', 'phone'],
        usualLengthMin: 45,
      },
      meetingLinks: ['https://meet.google.com/abc-defg-hij'],
      skillsGaps: ['Delegation', 'Presenting'],
      reviewedAt: now - 120 * DAY,
      createdAt: start.getTime(),
      updatedAt: start.getTime(),
    });
    // Five weekly meetings, then monthly, the last one 45 days ago: the cadence has slipped.
    const offsets = [150, 143, 136, 129, 122, 92, 45];
    const shares = [0.25, 0.27, 0.3, 0.31, 0.36, 0.42, 0.5];
    const sessions = offsets.map((d, i) =>
      SessionSchema.parse({
        id: `s${i}`,
        relationshipId: rel.id,
        platform: i === 3 ? 'manual' : 'meet',
        wayOfMeeting: i === 3 ? 'phone' : 'video',
        stage: i === 0 ? 'first-meeting' : i < 3 ? 'goal-setting' : 'progress',
        plannedLengthMin: 45,
        startedAt: now - d * DAY,
        endedAt: now - d * DAY + 44 * 60_000,
        lastSavedAt: now - d * DAY + 44 * 60_000,
        talk: i === 3 ? null : { ...emptyTalkStats(), durationMs: 44 * 60_000, selfShare: shares[i] },
        status: 'noted',
        createdAt: now - d * DAY,
      }),
    );
    const goals = [
      GoalSchema.parse({
        id: 'g1',
        relationshipId: rel.id,
        title: 'Delegate one task a week',
        why: 'Less overtime, more growth for the team',
        measure: 'Tasks handed over per week',
        skillGap: 'Delegation',
        status: 'in-progress',
        progress: 40,
        targetDate: localDate(new Date(now + 120 * DAY)),
        history: [
          { at: now - 122 * DAY, progress: 20, status: 'in-progress', comment: 'First task handed over', noteId: null },
          { at: now - 92 * DAY, progress: 40, status: 'in-progress', comment: 'Two a week now', noteId: null },
        ],
        createdAt: now - 136 * DAY,
        updatedAt: now - 92 * DAY,
      }),
      GoalSchema.parse({
        id: 'g2',
        relationshipId: rel.id,
        title: 'Present at the all-hands',
        measure: 'Gives the 10-minute talk',
        skillGap: 'Presenting',
        status: 'not-started',
        createdAt: now - 136 * DAY,
        updatedAt: now - 136 * DAY,
      }),
    ];
    const notes = sessions.map((s, i) =>
      NoteSchema.parse({
        id: `n${i}`,
        sessionId: s.id,
        relationshipId: rel.id,
        summary: [
          'Got to know each other; agreed confidentiality.',
          'Skills gaps: delegation and presenting.',
          'Agreed two goals.',
          'Phone check-in.',
          'First delegation went well.',
          'Stuck on presenting.',
          'Short meeting, little progress.',
        ][i],
        rapportRating: [5, 5, 5, 5, 5, 4, 3][i],
        createdAt: s.endedAt,
        updatedAt: s.endedAt,
      }),
    );
    const actions = [
      ActionSchema.parse({
        id: 'a1',
        relationshipId: rel.id,
        sessionId: 's6',
        noteId: 'n6',
        text: 'Draft the all-hands outline',
        owner: 'mentee',
        dueDate: localDate(new Date(now - 30 * DAY)),
        createdAt: now - 45 * DAY,
      }),
      ActionSchema.parse({
        id: 'a2',
        relationshipId: rel.id,
        sessionId: 's6',
        noteId: 'n6',
        text: 'Send the article on delegation',
        owner: 'mentor',
        dueDate: localDate(new Date(now + 3 * DAY)),
        createdAt: now - 45 * DAY,
      }),
    ];
    const other = RelationshipSchema.parse({
      ...rel,
      id: 'rel-ola',
      counterpartName: 'Ola Hansen',
      myRole: 'mentee',
      type: 'upward',
      status: 'paused',
      meetingLinks: [],
      skillsGaps: [],
    });
    await seedDatabase(page, { relationships: [rel, other], sessions, goals, notes, actions });

    await page.reload();
    await expect(page.getByText('Needs attention')).toBeVisible();
    await page.screenshot({ path: '/tmp/options-list.png', fullPage: true });
    await page.getByRole('link', { name: 'Kari Nordmann' }).click();
    const health = page.getByRole('region', { name: 'How it is going' });
    await expect(health).toContainText('The cadence is slipping');
    await expect(health).toContainText('Progress has stalled on: Present at the all-hands');
    await expect(health).toContainText('Overdue actions: 1, of which 1 belong to the mentee');
    await expect(health).toContainText("The mentor's share of the talking has risen session after session, from 27 % to 50 %");
    await expect(health).toContainText('Rapport ratings are falling: from 5 to 3');
    await expect(page.getByText('Two a week now', { exact: false })).toBeHidden(); // history folded until opened
    await page.getByText('Progress history (2)').click();
    await expect(page.getByText(/Two a week now/)).toBeVisible();

    await page.getByRole('button', { name: 'Draft from stage, open actions and goals' }).click();
    await expect(page.getByRole('textbox', { name: 'Item 2' })).toHaveValue(/^Follow up: Draft the all-hands outline/);
    await page.getByRole('button', { name: 'Save agenda' }).click();
    await expect(page.getByText('Agenda saved')).toBeVisible();
    const [stored] = await readTable<{ id: string; nextAgenda: { title: string; goalIds: string[] }[] }>(page, 'relationships').then((r) =>
      r.filter((x) => x.id === rel.id),
    );
    expect(stored!.nextAgenda.map((i) => i.title)).toContain('Progress: Delegate one task a week');
    expect(stored!.nextAgenda.find((i) => i.title === 'Progress: Delegate one task a week')!.goalIds).toEqual(['g1']);

    expect(await options.seriousA11yViolations()).toEqual([]);
    await page.screenshot({ path: '/tmp/options-detail.png', fullPage: true });

    // Notes as Markdown, for sharing.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export notes as Markdown' }).click();
    const md = await readFile(await (await download).path(), 'utf8');
    expect(md).toContain('# Mentoring notes: Kari Nordmann');
    expect(md).toContain('Stuck on presenting.');

    // Open a saved note for editing, embedded.
    await page.getByRole('button', { name: 'Open note' }).first().click();
    await expect(page.locator('.note-embed')).toBeVisible();
    await page.screenshot({ path: '/tmp/options-note.png', fullPage: true });
    expect(consoleErrors).toEqual([]);
  });
});

test.describe('options page: the next agenda', () => {
  test('a long title is shown whole while editing, and an agenda longer than the meeting is a visible warning', async ({
    openExtensionPage,
  }) => {
    const { page, options } = await openOptions(openExtensionPage);
    const now = Date.now();
    const title = 'Walk through the quarterly roadmap presentation and agree who presents which part to the leadership team';
    await seedDatabase(page, {
      relationships: [
        RelationshipSchema.parse({
          id: 'rel-a',
          counterpartName: 'Kim Berg',
          myRole: 'mentor',
          type: 'peer',
          mentorOrigin: 'internal',
          startDate: localDate(new Date(now - 30 * DAY)),
          agreement: { confidentiality: '', boundaries: '', waysOfMeeting: ['video'], usualLengthMin: 30 },
          nextAgenda: [
            { id: 'i1', title, timeboxMin: 25, goalIds: [] },
            { id: 'i2', title: 'Actions and next meeting', timeboxMin: 15, goalIds: [] },
          ],
          createdAt: now - 30 * DAY,
          updatedAt: now - 30 * DAY,
        }),
      ],
    });
    await page.reload();
    await page.getByRole('link', { name: 'Kim Berg' }).click();
    const warning = page.getByTestId('agenda-too-long');
    await expect(warning).toHaveText('The agenda takes 40 min, 10 min longer than the 30-minute meeting: shorten or drop an item.');
    await expect(warning).toHaveClass(/banner warn/);

    await page.getByRole('region', { name: 'Next session’s agenda' }).getByRole('button', { name: 'Edit' }).click();
    const input = page.getByLabel('Item 1', { exact: true });
    await expect(input).toHaveValue(title);
    const box = await input.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth, sh: el.scrollHeight, ch: el.clientHeight }));
    expect(box.sw).toBeLessThanOrEqual(box.cw);
    expect(box.sh).toBeLessThanOrEqual(box.ch); // wrapped onto lines that all show
    // The warning follows what is typed.
    await expect(warning).toBeVisible();
    await page.getByLabel('Minutes').first().fill('15');
    await expect(warning).toHaveCount(0);
    expect(await options.seriousA11yViolations()).toEqual([]);
  });
});

test.describe('options page: settings and status', () => {
  test('settings: a talk target with min above max is refused next to the field; switching to Bokmål relabels the page', async ({
    openExtensionPage,
  }) => {
    test.setTimeout(180_000);
    const { page, options } = await openOptions(openExtensionPage);
    await options.gotoSettings();
    await page.getByLabel('As mentor, at least (%)').fill('60');
    await page.getByLabel('As mentor, at most (%)').fill('40');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('#settings-mentorMax-error')).toHaveText('The maximum must not be lower than the minimum.');
    expect(await readTable(page, 'settings')).toEqual([]);

    await page.getByLabel('As mentor, at least (%)').fill('25');
    await page.getByLabel('Language').selectOption('nb');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('heading', { name: 'Innstillinger', level: 2 })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
    const [settings] = await readTable<{ language: string; targetShare: { mentor: { min: number; max: number } } }>(page, 'settings');
    expect(settings).toMatchObject({ language: 'nb', targetShare: { mentor: { min: 25, max: 40 } } });
    expect(await options.seriousA11yViolations()).toEqual([]);

    await page.getByRole('navigation', { name: 'Deler' }).getByRole('link', { name: 'Relasjoner' }).click();
    await page.getByRole('button', { name: 'Ny relasjon' }).click();
    await page.getByRole('button', { name: 'Opprett relasjon' }).click();
    await expect(page.locator('#counterpartName-error')).toHaveText('Fyll ut dette.');
    await page.screenshot({ path: '/tmp/options-form-nb.png', fullPage: true });
  });

  test('a relationship can be paused and ended with a no-fault conclusion, keeping its history', async ({ openExtensionPage }) => {
    const { page, options } = await openOptions(openExtensionPage);
    await options.createRelationship({ name: 'Per Olsen' });
    await options.logSession({ date: localDate(new Date(Date.now() - 3 * DAY)) });
    // The off-line session's note is written right here, in the embedded note prompt.
    await page.getByRole('status').getByRole('button', { name: 'Write note' }).click();
    const embed = page.locator('.note-embed');
    await embed.getByLabel('Summary', { exact: true }).fill('Phone call about expectations.');
    await embed.getByRole('button', { name: 'Save note' }).click();
    await expect
      .poll(async () => (await readTable<{ summary: string }>(page, 'notes')).map((n) => n.summary))
      .toEqual(['Phone call about expectations.']);
    expect(await readTable(page, 'sessions')).toMatchObject([{ status: 'noted', platform: 'manual' }]);

    // Deleting a goal asks once more, naming what goes with it.
    await options.addGoal({ title: 'Speak up in meetings' });
    await page.getByRole('button', { name: 'Delete goal: Speak up in meetings' }).click();
    expect(await readTable(page, 'goals')).toHaveLength(1);
    await page.getByRole('button', { name: 'Yes, delete the goal and its progress history (0 entries)' }).click();
    await expect(page.getByText('Speak up in meetings', { exact: true })).toHaveCount(0);
    expect(await readTable(page, 'goals')).toEqual([]);
    await page.getByLabel('Change to').selectOption({ label: 'End with a no-fault conclusion' });
    await expect(page.getByText('A no-fault conclusion records no blame')).toBeVisible();
    await page.getByLabel('Note (optional, neutral)').fill('Different expectations; both agreed.');
    await page.getByRole('button', { name: 'Change status' }).click();
    await expect(page.getByText('Status changed to: Concluded (no fault).')).toBeVisible();
    await expect(page.getByText('No meetings are expected while the relationship is not active.')).toBeVisible();
    const [rel] = await readTable<{ status: string; statusNote: string }>(page, 'relationships');
    expect(rel).toMatchObject({ status: 'concluded-no-fault', statusNote: 'Different expectations; both agreed.' });
    expect(await readTable(page, 'sessions')).toHaveLength(1);
  });
});
