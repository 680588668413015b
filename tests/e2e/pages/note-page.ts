import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { GoalSchema, RelationshipSchema, SessionSchema, type Goal, type Relationship, type Session } from '../../../lib/schema';
import { seedDatabase } from '../seed';

const DAY = 86_400_000;

/** YYYY-MM-DD of the local day `offset` days from today (or from the instant `from`). */
export function localDay(offset = 0, from: number = Date.now()): string {
  const d = new Date(from + offset * DAY);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * A relationship with two goals and one ended, measured session that worked on both: what a
 * finished demo call leaves behind. Every record is parsed by its schema, so the seed is valid.
 */
export function endedSessionSeed(options: { sessionId?: string; linked?: boolean } = {}) {
  const now = Date.now();
  const startedAt = now - 50 * 60_000;
  const relationship: Relationship = RelationshipSchema.parse({
    id: 'rel-alex',
    counterpartName: 'Alex',
    myRole: 'mentor',
    type: 'cross-functional',
    mentorOrigin: 'internal',
    startDate: localDay(-60),
    agreement: { confidentiality: 'Stays between us', waysOfMeeting: ['video', 'face-to-face'], usualLengthMin: 45 },
    cadence: { earlyEveryDays: 7, earlyMeetings: 5, laterEveryDays: 30 },
    skillsGaps: ['Presenting to leadership'],
    createdAt: now - 60 * DAY,
    updatedAt: now - 60 * DAY,
  });
  const goals: Goal[] = [
    GoalSchema.parse({
      id: 'goal-present',
      relationshipId: relationship.id,
      title: 'Present the roadmap to the leadership team',
      measure: 'Delivered without notes by March',
      status: 'in-progress',
      progress: 20,
      createdAt: now - 50 * DAY,
      updatedAt: now - 50 * DAY,
    }),
    GoalSchema.parse({
      id: 'goal-delegate',
      relationshipId: relationship.id,
      title: 'Delegate the weekly report',
      status: 'not-started',
      progress: 0,
      createdAt: now - 49 * DAY,
      updatedAt: now - 49 * DAY,
    }),
  ];
  const session: Session = SessionSchema.parse({
    id: options.sessionId ?? 'session-ended',
    relationshipId: options.linked === false ? null : relationship.id,
    platform: 'demo',
    meetingLink: 'http://localhost/call/demo-mentoring-room',
    stage: 'progress',
    plannedLengthMin: 45,
    agenda: [
      { id: 'a1', title: 'Check in', timeboxMin: 5, done: true, spentMs: 6 * 60_000 },
      { id: 'a2', title: 'Rehearse the roadmap talk', timeboxMin: 20, goalIds: ['goal-present'], done: true, spentMs: 24 * 60_000 },
      { id: 'a3', title: 'What to hand over', timeboxMin: 10, goalIds: ['goal-delegate'], done: false, spentMs: 3 * 60_000 },
    ],
    startedAt,
    endedAt: startedAt + 42 * 60_000,
    lastSavedAt: startedAt + 42 * 60_000,
    talk: {
      durationMs: 42 * 60_000,
      selfTalkMs: 14 * 60_000,
      otherTalkMs: 22 * 60_000,
      overlapMs: 40_000,
      silenceMs: 6 * 60_000,
      selfShare: 14 / 36,
      metrics: {
        longestMonologueMs: { self: 95_000, other: 160_000 },
        turnSwitchesPerMin: 3.1,
        meanResponseGapMs: { self: 1_400, other: 900 },
        interruptions: { self: 2, other: 1 },
        timeline: [],
      },
    },
    cuesShown: [
      { kind: 'timebox', atMs: 25 * 60_000 },
      { kind: 'open-question', atMs: 31 * 60_000 },
    ],
    status: 'ended',
    createdAt: startedAt,
  });
  return { relationship, goals, session };
}

/** The post-call note prompt, as a person sees it: fields found by their labels. */
export class NotePage {
  constructor(readonly page: Page) {}

  /** Seeds the records, then opens `note.html?session=<id>` in the same tab. */
  static async openSeeded(page: Page, extensionId: string, seed: ReturnType<typeof endedSessionSeed>): Promise<NotePage> {
    await seedDatabase(page, { relationships: [seed.relationship], goals: seed.goals, sessions: [seed.session] });
    await page.goto(`chrome-extension://${extensionId}/note.html?session=${encodeURIComponent(seed.session.id)}`);
    const note = new NotePage(page);
    await expect(note.summary.or(page.getByLabel('Relationship'))).toBeVisible();
    return note;
  }

  /**
   * The note window the background opens when a call ends (`note.html?session=…`), whether it
   * is already open or still on its way.
   */
  static async fromNoteWindow(context: BrowserContext, timeout = 15_000): Promise<NotePage> {
    const isNote = (p: Page) => /\/note\.html\?session=/.test(p.url());
    const page = context.pages().find(isNote) ?? (await context.waitForEvent('page', { timeout }));
    await page.waitForURL(/\/note\.html\?session=/, { timeout });
    const note = new NotePage(page);
    await expect(note.summary.or(page.getByLabel('Relationship'))).toBeVisible({ timeout });
    return note;
  }

  /** The id of the session this prompt is for. */
  sessionId(): string {
    return new URL(this.page.url()).searchParams.get('session') ?? '';
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }
  get summary(): Locator {
    return this.page.getByLabel('Summary', { exact: true });
  }
  get wentWell(): Locator {
    return this.page.getByLabel('What went well (to carry over)');
  }
  get doDifferently(): Locator {
    return this.page.getByLabel('What to do differently');
  }
  goal(title: string): { group: Locator; status: Locator; progress: Locator; comment: Locator } {
    const group = this.page.getByRole('group', { name: title });
    return { group, status: group.getByLabel('Status'), progress: group.getByLabel('Progress (%)'), comment: group.getByLabel('Comment') };
  }
  action(n: number): { group: Locator; text: Locator; owner: Locator; due: Locator; remove: Locator } {
    const group = this.page.getByRole('group', { name: `Action ${n}`, exact: true });
    return {
      group,
      text: group.getByLabel('What'),
      owner: group.getByLabel('Who'),
      due: group.getByLabel('Due'),
      remove: group.getByRole('button', { name: `Remove action ${n}` }),
    };
  }
  async addAction(n: number, values: { text: string; owner?: 'mentor' | 'mentee'; due?: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Add an action' }).click();
    const row = this.action(n);
    await row.text.fill(values.text);
    if (values.owner) await row.owner.selectOption(values.owner);
    if (values.due) await row.due.fill(values.due);
  }
  get nextPlanned(): Locator {
    return this.page.getByLabel('Plan the next meeting');
  }
  get nextDate(): Locator {
    return this.page.getByRole('group', { name: 'Next meeting' }).getByLabel('Date');
  }
  get nextTime(): Locator {
    return this.page.getByRole('group', { name: 'Next meeting' }).getByLabel('Time');
  }
  get nextWay(): Locator {
    return this.page.getByLabel('Way of meeting');
  }
  rating(n: 1 | 2 | 3 | 4 | 5): Locator {
    return this.page.getByRole('group', { name: 'Rapport in this session' }).getByLabel(String(n), { exact: true });
  }
  get private(): Locator {
    return this.page.getByLabel(/^Private: never in Markdown/);
  }
  get saveButton(): Locator {
    return this.page.getByRole('button', { name: /^(Save note|Save changes)$/ });
  }
  async save(): Promise<void> {
    await this.saveButton.click();
  }
  async skip(): Promise<void> {
    await this.page.getByRole('button', { name: 'Skip this note' }).click();
    await this.page.getByRole('button', { name: 'Yes, skip it' }).click();
  }
  /** Waits until the draft of what was typed so far is stored. */
  async draftSaved(): Promise<void> {
    await expect(this.page.getByRole('status').filter({ hasText: 'Draft saved' })).toBeVisible();
  }
  /** The message shown next to a field when its value is refused. */
  errorOf(field: Locator): Locator {
    return field.locator('xpath=following-sibling::p[contains(@class,"field-error")][1]');
  }
  get savedHeading(): Locator {
    return this.page.getByRole('heading', { name: 'Note saved.' });
  }
}
