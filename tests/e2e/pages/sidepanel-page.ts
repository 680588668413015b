import { expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { GoalSchema, RelationshipSchema, type Goal, type Relationship } from '../../../lib/schema';

/** A relationship whose meeting link is the demo call's, with two open goals. */
export function demoRelationshipSeed(callUrl: string): { relationships: Relationship[]; goals: Goal[] } {
  const now = Date.now();
  const relationship = RelationshipSchema.parse({
    id: 'rel-demo',
    counterpartName: 'Alex',
    myRole: 'mentor',
    type: 'cross-functional',
    mentorOrigin: 'internal',
    startDate: '2026-01-05',
    agreement: { confidentiality: 'What we discuss stays between us', waysOfMeeting: ['video'], usualLengthMin: 30 },
    meetingLinks: [callUrl],
    createdAt: now,
    updatedAt: now,
  });
  const goals = [
    GoalSchema.parse({
      id: 'goal-1',
      relationshipId: relationship.id,
      title: 'Present with confidence',
      status: 'in-progress',
      progress: 40,
      createdAt: now,
      updatedAt: now,
    }),
    GoalSchema.parse({
      id: 'goal-2',
      relationshipId: relationship.id,
      title: 'Delegate the weekly report',
      createdAt: now,
      updatedAt: now,
    }),
  ];
  return { relationships: [relationship], goals };
}

/** The id of the tab showing `url`, from the service worker. */
export async function tabIdOf(worker: Worker, url: string): Promise<number> {
  const id = await worker.evaluate(async (prefix) => {
    const chrome = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome;
    return (await chrome.tabs.query({})).find((t) => t.url?.startsWith(prefix))?.id ?? null;
  }, url);
  if (id === null) throw new Error(`no tab shows ${url}`);
  return id;
}

/** The side panel page, opened as a tab bound to the call tab (the real panel is not a Playwright page). */
export class SidePanelPage {
  constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionId: string, tabId: number): Promise<SidePanelPage> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
    return new SidePanelPage(page);
  }

  /** The user's share of the whole call as the panel shows it, in percent. */
  async shownShare(): Promise<number> {
    const text = (await this.page.getByTestId('share-call').textContent()) ?? '';
    const match = /(\d+)\s*%/.exec(text);
    if (!match) throw new Error(`no share shown: "${text}"`);
    return Number(match[1]);
  }

  async expectLive(): Promise<void> {
    await expect(this.page.getByTestId('elapsed')).toBeVisible({ timeout: 20_000 });
  }
}
