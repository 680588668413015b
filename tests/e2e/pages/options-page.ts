import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export type RelationshipValues = {
  name: string;
  role?: 'mentor' | 'mentee';
  startDate?: string;
  confidentiality?: string;
  boundaries?: string;
  ways?: ('Video' | 'Phone' | 'Face to face' | 'E-mail')[];
  usualLength?: number;
  links?: string[];
  skillsGaps?: string[];
};

export type GoalValues = { title: string; why?: string; measure?: string; targetDate?: string; skillGap?: string };

/** The options page, driven the way a person would: by labels and roles. */
export class OptionsPage {
  constructor(readonly page: Page) {}

  async gotoList(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Relationships' }).click();
    await expect(this.page.getByRole('heading', { name: 'Mentoring relationships' })).toBeVisible();
  }

  async gotoData(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Your data' }).click();
    await expect(this.page.getByRole('heading', { name: 'Your data', level: 2 })).toBeVisible();
  }

  async gotoSettings(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Settings' }).click();
    await expect(this.page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
  }

  /** Fills the relationship form (already open) without submitting it. */
  async fillRelationship(v: RelationshipValues): Promise<void> {
    const p = this.page;
    await p.getByLabel('Name of the other person').fill(v.name);
    await p.getByLabel(v.role === 'mentee' ? 'I am the mentee' : 'I am the mentor').check();
    if (v.startDate) await p.getByLabel('Start date').fill(v.startDate);
    if (v.confidentiality !== undefined) await p.getByLabel('Confidentiality').fill(v.confidentiality);
    if (v.boundaries !== undefined) await p.getByLabel(/^Boundaries/).fill(v.boundaries);
    if (v.ways) {
      for (const way of ['Video', 'Phone', 'Face to face', 'E-mail'] as const) {
        const box = p.getByRole('checkbox', { name: way, exact: true });
        if (v.ways.includes(way)) await box.check();
        else await box.uncheck();
      }
    }
    if (v.usualLength !== undefined) await p.getByLabel('Usual length of a meeting (minutes)').fill(String(v.usualLength));
    if (v.links) await p.getByLabel('Meeting links').fill(v.links.join('\n'));
    if (v.skillsGaps) await p.getByLabel('Skills gaps').fill(v.skillsGaps.join('\n'));
  }

  async createRelationship(v: RelationshipValues): Promise<void> {
    await this.page.getByRole('button', { name: 'New relationship' }).click();
    await this.fillRelationship(v);
    await this.page.getByRole('button', { name: 'Create relationship' }).click();
    await expect(this.page.getByRole('heading', { name: v.name, level: 2 })).toBeVisible();
  }

  async addGoal(v: GoalValues): Promise<void> {
    const p = this.page;
    await p.getByRole('button', { name: 'Add a goal' }).click();
    const form = p.getByRole('form', { name: 'Add goal' });
    await form.getByLabel('Goal (what)').fill(v.title);
    if (v.why) await form.getByLabel('Why it matters').fill(v.why);
    if (v.measure) await form.getByLabel('How success is measured').fill(v.measure);
    if (v.targetDate) await form.getByLabel('Target date').fill(v.targetDate);
    if (v.skillGap !== undefined) await form.getByLabel('Skills gap it closes').selectOption({ label: v.skillGap });
    await form.getByRole('button', { name: 'Add goal' }).click();
    await expect(p.getByText(v.title, { exact: true })).toBeVisible();
  }

  async logSession(v: { date: string; time?: string; lengthMin?: number; way?: string }): Promise<void> {
    const p = this.page;
    await p.getByRole('button', { name: 'Log a session held off-line' }).click();
    await p.getByLabel('Date', { exact: true }).fill(v.date);
    if (v.time) await p.getByLabel('Time', { exact: true }).fill(v.time);
    if (v.lengthMin) await p.getByLabel('Length (minutes)').fill(String(v.lengthMin));
    if (v.way) await p.getByLabel('Way of meeting', { exact: true }).selectOption({ label: v.way });
    await p.getByRole('button', { name: 'Log session' }).click();
    await expect(p.getByText('Session logged.')).toBeVisible();
  }

  /** The suggested next meeting as shown on the relationship page. */
  nextMeeting() {
    return this.page.getByTestId('next-meeting');
  }

  /** Exports everything (private notes only when `withPrivate`) and returns the downloaded file's path. */
  async exportAll(withPrivate = false): Promise<string> {
    const box = this.page.getByRole('checkbox', { name: /Include my private notes/ });
    await box.setChecked(withPrivate);
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Download export' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(
      withPrivate ? /^rapport-export-\d{4}-\d{2}-\d{2}-with-private-notes\.json$/ : /^rapport-export-\d{4}-\d{2}-\d{2}\.json$/,
    );
    const path = await file.path();
    await expect(this.page.getByText(/^Exported relationships: \d+/)).toBeVisible();
    return path;
  }

  async deleteEverything(): Promise<void> {
    await this.page.getByLabel('I understand that this cannot be undone').check();
    await this.page.getByRole('button', { name: 'Delete everything' }).click();
    await expect(this.page.getByText('Everything was deleted.')).toBeVisible();
  }

  /** Chooses a file to import; the page checks it at once. */
  async chooseImport(file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.page.getByLabel('Export file (.json)').setInputFiles(file);
  }

  async importChosen(): Promise<void> {
    await this.page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(this.page.getByText(/^Imported relationships: \d+/)).toBeVisible();
  }

  /** Serious and critical accessibility violations on the page as it is now. */
  async seriousA11yViolations(): Promise<string[]> {
    const result = await new AxeBuilder({ page: this.page }).analyze();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }
}
