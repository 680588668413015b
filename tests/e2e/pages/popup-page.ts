import type { Locator, Page } from '@playwright/test';

/** The weekly summary popup, opened as a tab (popup.html), seen the way a user reads it. */
export class PopupPage {
  constructor(readonly page: Page) {}

  /** Waits until the summary (or the first steps) is on screen. */
  async ready(): Promise<void> {
    await this.page.waitForFunction(() => performance.getEntriesByName('rapport:summary-rendered').length > 0);
  }

  get heading(): Locator {
    return this.page.getByTestId('week-heading');
  }
  get weekRange(): Locator {
    return this.page.getByTestId('week-range');
  }
  get totalSessions(): Locator {
    return this.page.getByTestId('total-sessions');
  }
  get totalTime(): Locator {
    return this.page.getByTestId('total-time');
  }
  get firstSteps(): Locator {
    return this.page.getByTestId('first-steps');
  }
  get dueActions(): Locator {
    return this.page.getByTestId('actions-due').getByTestId('action');
  }
  get overdueActions(): Locator {
    return this.page.getByTestId('actions-overdue').getByTestId('action');
  }
  get goalsMoved(): Locator {
    return this.page.getByTestId('goals-moved').locator('li');
  }
  get notesToWrite(): Locator {
    return this.page.getByTestId('notes-to-write');
  }

  relationship(name: string): Locator {
    return this.page.getByTestId('relationship').filter({ has: this.page.getByRole('heading', { name }) });
  }

  action(text: string): Locator {
    return this.page.getByRole('checkbox', { name: text });
  }

  /** Presses Tab from the top of the page until `target` has the focus; fails if it never does. */
  async tabTo(target: Locator, maxTabs = 60): Promise<void> {
    await this.page.locator('body').focus();
    for (let i = 0; i < maxTabs; i++) {
      await this.page.keyboard.press('Tab');
      if (await target.evaluate((el) => el === document.activeElement)) return;
    }
    throw new Error(`Not reachable with Tab within ${maxTabs} presses`);
  }

  async previousWeek(): Promise<void> {
    await this.page.getByRole('button', { name: /previous week|forrige uke/i }).click();
  }
  async nextWeek(): Promise<void> {
    await this.page.getByRole('button', { name: /next week|neste uke/i }).click();
  }
}
