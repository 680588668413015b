import type { Page } from '@playwright/test';
import { ActionSchema, emptyTalkStats, GoalSchema, NoteSchema, RelationshipSchema, SessionSchema } from '../../lib/schema';
import { ENGLISH_FRAGMENT_COUNT, englishOn } from './english-leak';
import { expect, test } from './fixtures';
import { localDay } from './pages/note-page';
import { tabIdOf, SidePanelPage } from './pages/sidepanel-page';
import { seedDatabase } from './seed';

const DAY = 86_400_000;

/** A Norwegian mentor's data: one relationship on the demo call, goals, a noted and an unwritten session, actions. */
function norwegianSeed(callUrl: string) {
  const now = Date.now();
  const relationship = RelationshipSchema.parse({
    id: 'rel-kari',
    counterpartName: 'Kari Nordmann',
    myRole: 'mentor',
    type: 'cross-functional',
    mentorOrigin: 'internal',
    startDate: localDay(-60),
    agreement: { confidentiality: 'Det vi sier, blir mellom oss.', waysOfMeeting: ['video'], usualLengthMin: 30 },
    meetingLinks: [callUrl],
    skillsGaps: ['Delegering'],
    nextAgenda: [{ id: 'a1', title: 'Gjennomgang av målene', timeboxMin: 10, goalIds: ['g1'] }],
    createdAt: now - 60 * DAY,
    updatedAt: now - 60 * DAY,
  });
  const goals = [
    GoalSchema.parse({
      id: 'g1',
      relationshipId: relationship.id,
      title: 'Delegere én oppgave i uken',
      skillGap: 'Delegering',
      status: 'in-progress',
      progress: 30,
      createdAt: now - 50 * DAY,
      updatedAt: now - 50 * DAY,
    }),
    GoalSchema.parse({
      id: 'g2',
      relationshipId: relationship.id,
      title: 'Holde et innlegg',
      createdAt: now - 49 * DAY,
      updatedAt: now - 49 * DAY,
    }),
  ];
  const session = (id: string, daysAgo: number, status: 'noted' | 'ended') =>
    SessionSchema.parse({
      id,
      relationshipId: relationship.id,
      platform: 'demo',
      meetingLink: callUrl,
      stage: 'progress',
      plannedLengthMin: 30,
      agenda: [{ id: `${id}-a`, title: 'Gjennomgang', timeboxMin: 10, goalIds: ['g1'], done: true, spentMs: 9 * 60_000 }],
      startedAt: now - daysAgo * DAY,
      endedAt: now - daysAgo * DAY + 30 * 60_000,
      lastSavedAt: now - daysAgo * DAY + 30 * 60_000,
      talk: { ...emptyTalkStats(), durationMs: 30 * 60_000, selfTalkMs: 9 * 60_000, otherTalkMs: 18 * 60_000, selfShare: 0.33 },
      status,
      createdAt: now - daysAgo * DAY,
    });
  const sessions = [session('s-old', 8, 'noted'), session('s-new', 0.1, 'ended')];
  const notes = [
    NoteSchema.parse({
      id: 'n-old',
      sessionId: 's-old',
      relationshipId: relationship.id,
      summary: 'Vi ble enige om første mål.',
      nextMeeting: { at: now + 2 * DAY, way: 'video' },
      createdAt: now - 8 * DAY,
      updatedAt: now - 8 * DAY,
    }),
  ];
  const actions = [
    ActionSchema.parse({
      id: 'act1',
      relationshipId: relationship.id,
      sessionId: 's-old',
      noteId: 'n-old',
      text: 'Skrive ned tre oppgaver å gi bort',
      owner: 'mentee',
      dueDate: localDay(-1),
      createdAt: now - 8 * DAY,
    }),
  ];
  return { relationships: [relationship], goals, sessions, notes, actions };
}

async function expectNoEnglish(page: Page, screen: string): Promise<void> {
  expect(await englishOn(page), `English on the Norwegian ${screen}`).toEqual([]);
}

test('every screen in Bokmål shows no English, error texts included', async ({
  context,
  demo,
  extensionId,
  serviceWorker,
  openExtensionPage,
}) => {
  test.setTimeout(240_000);
  expect(ENGLISH_FRAGMENT_COUNT).toBeGreaterThan(300);
  const options = await openExtensionPage('options.html');
  await options.setViewportSize({ width: 1200, height: 900 });
  await expect(options.getByRole('heading', { name: 'Mentoring relationships' })).toBeVisible();
  // The check itself finds English: the English page fails it.
  expect((await englishOn(options)).length).toBeGreaterThan(0);

  await seedDatabase(options, norwegianSeed(demo.callUrl));
  // Switching to Bokmål: the confirmation comes in Bokmål too.
  await options.getByRole('link', { name: 'Settings' }).click();
  await options.getByLabel('Language').selectOption('nb');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByText('Innstillingene er lagret.')).toBeVisible();
  await expectNoEnglish(options, 'settings page');

  await options.getByRole('navigation', { name: 'Deler' }).getByRole('link', { name: 'Relasjoner' }).click();
  await expectNoEnglish(options, 'relationship list');
  await options.getByRole('link', { name: 'Kari Nordmann' }).click();
  await expect(options.getByText('Delegere én oppgave i uken').first()).toBeVisible();
  // The page's sections render as their reads come in; the check waits for the last of them.
  await expect(options.getByText('Utviklingsplan').first()).toBeVisible();
  await expectNoEnglish(options, 'relationship page');

  // A broken import: every problem in Bokmål.
  await options
    .getByRole('navigation', { name: 'Deler' })
    .getByRole('link', { name: /Dine data/ })
    .click();
  const tooMany = Array.from({ length: 10_001 }, (_, i) => ({ id: `r${i}` }));
  await options.getByLabel(/Eksportfil/).setInputFiles({
    name: 'feil.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        format: 'rapport-export',
        version: 1,
        exportedAt: 1,
        relationships: tooMany,
        goals: [{ id: 'g', relationshipId: 'r0', title: 'x', progress: 'mye' }],
        sessions: [],
        notes: [],
        actions: [],
        settings: null,
      }),
    ),
  });
  await expect(options.getByRole('alert')).toContainText('Ingenting ble importert fra «feil.json».');
  await expectNoEnglish(options, 'import error');

  const popup = await openExtensionPage('popup.html');
  await expect(popup.locator('html')).toHaveAttribute('lang', 'nb');
  await expect(popup.getByText('Kari Nordmann').first()).toBeVisible();
  await expectNoEnglish(popup, 'popup');

  const note = await openExtensionPage('note.html?session=s-new');
  await expect(note.getByLabel('Sammendrag')).toBeVisible();
  await expectNoEnglish(note, 'note');

  const call = await context.newPage();
  await call.goto(demo.callUrl);
  const panel = await SidePanelPage.open(context, extensionId, await tabIdOf(serviceWorker, demo.callUrl));
  await expect(panel.page.getByTestId('ready')).toContainText('Demosamtale');
  await expectNoEnglish(panel.page, 'side panel before the call');
});
