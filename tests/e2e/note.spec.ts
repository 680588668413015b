import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Action, Goal, Note, NoteDraft, Session } from '../../lib/schema';
import { expect, test } from './fixtures';
import { endedSessionSeed, localDay, NotePage } from './pages/note-page';
import { readTable, seedDatabase } from './seed';

const PRESENT = 'Present the roadmap to the leadership team';
const DELEGATE = 'Delegate the weekly report';

/** Opens an extension page (so the database exists), seeds a finished call and opens its note. */
async function openNote(
  openExtensionPage: (file: string) => Promise<import('@playwright/test').Page>,
  extensionId: string,
  seed = endedSessionSeed(),
): Promise<NotePage> {
  const page = await openExtensionPage('note.html');
  return NotePage.openSeeded(page, extensionId, seed);
}

test.describe('post-call note prompt', () => {
  test('opens prefilled from the session, saves note, actions and goal progress in one go', async ({
    openExtensionPage,
    extensionId,
    consoleErrors,
  }) => {
    const seed = endedSessionSeed();
    const note = await openNote(openExtensionPage, extensionId, seed);
    const { page } = note;
    await expect(note.heading).toHaveText('Note: session with Alex');
    // Prefilled facts: agenda with done/not done and time each took, talk balance vs the
    // mentor's default target (20–40 %), longest monologue, response gap, cues.
    const facts = page.getByRole('region', { name: 'The session' });
    await expect(facts).toContainText('Demo call');
    await expect(facts).toContainText('42:00');
    await expect(facts).toContainText('Rehearse the roadmap talk');
    await expect(facts).toContainText('24 of 20 min');
    await expect(facts).toContainText('You talked 39 % of the time (target 20–40 %) — within your target');
    await expect(facts).toContainText('Longest monologue: you 1:35, Alex 2:40');
    await expect(facts).toContainText('agenda item over its time (1)');
    // Goals linked from the agenda, with their current state.
    await expect(note.goal(PRESENT).progress).toHaveValue('20');
    await expect(note.goal(PRESENT).status).toHaveValue('in-progress');
    await expect(note.goal(DELEGATE).progress).toHaveValue('0');
    // Next meeting from the cadence (first session held → weekly, counted from the day it
    // started, which is yesterday when the test runs just after midnight), way from the agreement.
    await expect(note.nextPlanned).toBeChecked();
    await expect(note.nextDate).toHaveValue(localDay(7, seed.session.startedAt));
    await expect(note.nextWay).toHaveValue('video');

    // Confidential text is never offered to the browser's (possibly online) spell checker.
    for (const field of [note.summary, note.wentWell, note.doDifferently, note.goal(PRESENT).comment]) {
      await expect(field).toHaveAttribute('spellcheck', 'false');
    }
    await note.summary.fill('Rehearsed the roadmap talk twice; the opening is much tighter.');
    await note.goal(PRESENT).progress.fill('45');
    await note.goal(PRESENT).comment.fill('Second rehearsal without notes');
    await note.goal(DELEGATE).status.selectOption('in-progress');
    await note.goal(DELEGATE).progress.fill('10');
    await note.wentWell.fill('Alex drove the agenda');
    await note.doDifferently.fill('Leave more silence after questions');
    await note.addAction(1, { text: 'Rehearse with a timer', owner: 'mentee', due: localDay(5) });
    await note.addAction(2, { text: 'Send the slide template', owner: 'mentor', due: localDay(2) });
    await note.nextTime.fill('15:30');
    await note.nextWay.selectOption('face-to-face');
    await note.rating(4).check();
    await note.save();
    await expect(note.savedHeading).toBeVisible();
    await expect(note.savedHeading).toBeFocused();

    const [saved] = await readTable<Note>(page, 'notes');
    expect(saved).toMatchObject({
      sessionId: 'session-ended',
      relationshipId: 'rel-alex',
      summary: 'Rehearsed the roadmap talk twice; the opening is much tighter.',
      wentWell: 'Alex drove the agenda',
      doDifferently: 'Leave more silence after questions',
      rapportRating: 4,
      reflection: null,
      private: false,
      nextMeeting: { way: 'face-to-face' },
    });
    const next = new Date(saved!.nextMeeting!.at);
    expect([next.getHours(), next.getMinutes()]).toEqual([15, 30]);
    const actions = await readTable<Action>(page, 'actions');
    expect(actions.map((a) => [a.text, a.owner, a.dueDate, a.noteId]).sort()).toEqual([
      ['Rehearse with a timer', 'mentee', localDay(5), saved!.id],
      ['Send the slide template', 'mentor', localDay(2), saved!.id],
    ]);
    const goals = Object.fromEntries((await readTable<Goal>(page, 'goals')).map((g) => [g.id, g]));
    expect(goals['goal-present']).toMatchObject({ progress: 45, status: 'in-progress' });
    expect(goals['goal-present']!.history).toEqual([
      expect.objectContaining({ progress: 45, comment: 'Second rehearsal without notes', noteId: saved!.id }),
    ]);
    expect(goals['goal-delegate']).toMatchObject({ progress: 10, status: 'in-progress' });
    expect((await readTable<Session>(page, 'sessions'))[0]!.status).toBe('noted');
    expect(await readTable(page, 'drafts')).toEqual([]);

    // Exports: the note as Markdown and the next meeting as an .ics file, made locally.
    const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as Markdown' }).click()]);
    const markdown = readFileSync((await md.path())!, 'utf8');
    expect(markdown).toContain('Rehearsed the roadmap talk twice');
    expect(markdown).toContain('Rehearse with a timer');
    const [ics] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Add the next meeting to a calendar (.ics)' }).click(),
    ]);
    const calendar = readFileSync((await ics.path())!, 'utf8');
    expect(calendar).toContain('BEGIN:VEVENT');
    expect(calendar).toContain('SUMMARY:Mentoring: Alex');
    expect(calendar).toContain(`DTSTART:${new Date(saved!.nextMeeting!.at).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`);

    // Opened again later, the prompt edits the same note: no second note, actions updated.
    await page.reload();
    await expect(note.saveButton).toHaveText('Save changes');
    await expect(note.summary).toHaveValue('Rehearsed the roadmap talk twice; the opening is much tighter.');
    await expect(note.action(2).text).toHaveValue(/Rehearse with a timer|Send the slide template/);
    await note.action(1).remove.click();
    await note.summary.fill('Rehearsed twice; opening tighter.');
    await note.save();
    await expect(note.savedHeading).toBeVisible();
    const notes = await readTable<Note>(page, 'notes');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ id: saved!.id, summary: 'Rehearsed twice; opening tighter.' });
    expect(await readTable(page, 'actions')).toHaveLength(1);
    expect(consoleErrors).toEqual([]);
  });

  test('a half-filled note survives closing the window and comes back intact', async ({ openExtensionPage, extensionId, context }) => {
    const note = await openNote(openExtensionPage, extensionId);
    await note.summary.fill('Half written: we talked about the roadmap');
    await note.goal(PRESENT).progress.fill('35');
    await note.addAction(1, { text: 'Book the rehearsal room', due: localDay(3) });
    await note.rating(5).check();
    await note.draftSaved();
    const url = note.page.url();
    await note.page.close();

    const [draft] = await readTable<NoteDraft>(await openExtensionPage('note.html'), 'drafts');
    expect(draft).toMatchObject({ sessionId: 'session-ended', values: { summary: 'Half written: we talked about the roadmap' } });

    const again = new NotePage(await context.newPage());
    await again.page.goto(url);
    await expect(again.page.getByRole('status').filter({ hasText: 'Your draft from' })).toBeVisible();
    await expect(again.summary).toHaveValue('Half written: we talked about the roadmap');
    await expect(again.goal(PRESENT).progress).toHaveValue('35');
    await expect(again.action(1).text).toHaveValue('Book the rehearsal room');
    await expect(again.action(1).due).toHaveValue(localDay(3));
    await expect(again.rating(5)).toBeChecked();
    expect(await readTable(again.page, 'notes')).toEqual([]);
  });

  test('leaving the page in the same instant as the last keystroke still keeps it', async ({ openExtensionPage, extensionId }) => {
    const note = await openNote(openExtensionPage, extensionId);
    await note.summary.fill('Typed earlier');
    await note.draftSaved();
    // One task: the last change, then the page goes away before any debounce timer could run;
    // only the pagehide flush can store it.
    await note.page.evaluate(() => {
      const area = document.querySelector('textarea')!;
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(area, 'Typed and gone at once');
      area.dispatchEvent(new Event('input', { bubbles: true }));
      location.href = '/note.html';
    });
    await note.page.waitForURL(/\/note\.html$/);
    await expect.poll(async () => (await readTable<NoteDraft>(note.page, 'drafts'))[0]?.values.summary).toBe('Typed and gone at once');
  });

  test('invalid input gets a clear message next to the field and nothing is written', async ({ openExtensionPage, extensionId }) => {
    const note = await openNote(openExtensionPage, extensionId);
    const { page } = note;
    const goalsBefore = await readTable<Goal>(page, 'goals');

    // Empty summary.
    await note.save();
    await expect(note.errorOf(note.summary)).toHaveText('Write a short summary: one sentence is enough.');
    await expect(note.summary).toHaveAttribute('aria-invalid', 'true');
    await expect(note.summary).toBeFocused();
    await expect(page.getByRole('alert')).toContainText('Nothing was saved');

    // A new action due yesterday, and progress out of range.
    await note.summary.fill('Fine');
    await note.addAction(1, { text: 'Too late already', due: localDay(-1) });
    await note.goal(PRESENT).progress.fill('150');
    await note.save();
    await expect(note.errorOf(note.action(1).due)).toHaveText('This date has already passed: pick today or a later day.');
    await expect(note.errorOf(note.goal(PRESENT).progress)).toHaveText('Progress is a whole number from 0 to 100.');
    await expect(note.errorOf(note.summary)).toHaveCount(0);

    // A 2,000,000-character summary is refused with its size named, not truncated.
    await note.action(1).due.fill(localDay(1));
    await note.goal(PRESENT).progress.fill('30');
    await note.summary.fill('x'.repeat(2_000_000));
    await note.save();
    await expect(note.errorOf(note.summary)).toHaveText(
      'The summary is too long: keep it under 5,000 characters (it has 2,000,000). Nothing was saved.',
    );
    // Nothing was cut off: the field still holds every character typed.
    expect(await note.summary.evaluate((el) => (el as HTMLTextAreaElement).value.length)).toBe(2_000_000);

    expect(await readTable(page, 'notes')).toEqual([]);
    expect(await readTable(page, 'actions')).toEqual([]);
    expect(await readTable<Goal>(page, 'goals')).toEqual(goalsBefore);
    expect((await readTable<Session>(page, 'sessions'))[0]!.status).toBe('ended');
  });

  test('an unlinked call asks for the relationship first, then the note', async ({ openExtensionPage, extensionId }) => {
    const note = await openNote(openExtensionPage, extensionId, endedSessionSeed({ linked: false }));
    const { page } = note;
    await page.getByRole('button', { name: 'Link and write the note' }).click();
    await expect(page.getByText('Pick a relationship first.')).toBeVisible();
    await page.getByLabel('Relationship').selectOption('rel-alex');
    await page.getByRole('button', { name: 'Link and write the note' }).click();
    await expect(note.heading).toHaveText('Note: session with Alex');
    await expect(note.goal(PRESENT).progress).toHaveValue('20');
    expect((await readTable<Session>(page, 'sessions'))[0]!.relationshipId).toBe('rel-alex');
  });

  test('skipping on purpose marks the session skipped and keeps no draft', async ({ openExtensionPage, extensionId }) => {
    const note = await openNote(openExtensionPage, extensionId);
    await note.summary.fill('Maybe not');
    await note.draftSaved();
    await note.page.getByRole('button', { name: 'Skip this note' }).click();
    await note.page.getByRole('button', { name: 'Keep writing' }).click();
    await expect(note.summary).toHaveValue('Maybe not');
    // In a tab (not the note window) the page stays open and says what happened.
    await note.page.evaluate(() => {
      window.close = () => undefined;
    });
    await note.skip();
    await expect(note.page.getByText('No note for this session: skipped on purpose.')).toBeVisible();
    expect((await readTable<Session>(note.page, 'sessions'))[0]!.status).toBe('skipped');
    expect(await readTable(note.page, 'drafts')).toEqual([]);
    expect(await readTable(note.page, 'notes')).toEqual([]);
  });

  test('has no serious or critical accessibility violations, light and dark', async ({ openExtensionPage, extensionId }) => {
    const note = await openNote(openExtensionPage, extensionId);
    const { page } = note;
    await page.getByRole('button', { name: 'Add an action' }).click();
    await page.getByText('Private reflection (optional, only for you)').click();
    await note.save(); // shows the error state too
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${scheme}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  });

  test('works by keyboard alone', async ({ openExtensionPage, extensionId }) => {
    const note = await openNote(openExtensionPage, extensionId);
    const { page } = note;
    // From the top of the page: Tab to the summary, type, Tab on to "Save note", Enter.
    await page.keyboard.press('Tab');
    await expect(note.summary).toBeFocused();
    await page.keyboard.type('Typed without a mouse');
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      if (await note.saveButton.evaluate((el) => el === document.activeElement)) break;
    }
    await expect(note.saveButton).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(note.savedHeading).toBeVisible();
    expect((await readTable<Note>(page, 'notes'))[0]!.summary).toBe('Typed without a mouse');
  });
});

test('screenshot of the prompt with realistic data (for review)', async ({ openExtensionPage, extensionId }) => {
  test.skip(!process.env.NOTE_SCREENSHOTS, 'set NOTE_SCREENSHOTS=1 to write /tmp/note-*.png');
  const note = await openNote(openExtensionPage, extensionId);
  const { page } = note;
  await note.summary.fill('Rehearsed the roadmap talk twice; the opening is much tighter.');
  await note.addAction(1, { text: 'Rehearse with a timer', due: localDay(5) });
  await page.setViewportSize({ width: 360, height: 900 });
  await page.screenshot({ path: '/tmp/note-narrow.png', fullPage: true });
  await page.setViewportSize({ width: 520, height: 760 });
  await note.summary.fill('');
  await note.save();
  await page.screenshot({ path: '/tmp/note-window-errors.png', fullPage: true });
  await page.setViewportSize({ width: 320, height: 640 });
  await page.screenshot({ path: '/tmp/note-320-errors-viewport.png' });
  await page.setViewportSize({ width: 520, height: 760 });
  await note.summary.fill('Rehearsed the roadmap talk twice.');
  await note.save();
  await expect(note.savedHeading).toBeVisible();
  await page.screenshot({ path: '/tmp/note-saved.png', fullPage: true });

  // Norwegian, dark, as the side panel would show it.
  await seedDatabase(page, { settings: [{ id: 'settings', language: 'nb' }] });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload(); // Dexie does not see raw IndexedDB writes live
  await expect(page.getByRole('button', { name: 'Lagre endringer' })).toBeVisible();
  await page.setViewportSize({ width: 360, height: 900 });
  await page.screenshot({ path: '/tmp/note-nb-dark.png', fullPage: true });
});
