// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { format } from 'date-fns';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RapportDb, setDbForTests } from '../../lib/db/database';
import { action, relationship } from '../summary/builders';

/**
 * The popup's weekly summary as the entry point runs it: the first view from the raw IndexedDB
 * read (no Dexie), then Dexie's live query taking over. Each test loads the modules afresh, as
 * each popup is a new page.
 */
async function openPopup() {
  vi.resetModules();
  const { preloadThisWeek } = await import('../../lib/hooks/use-summary');
  const { WeeklySummary } = await import('../../components/popup/WeeklySummary');
  preloadThisWeek();
  render(<WeeklySummary />);
}

let db: RapportDb;
beforeEach(async () => {
  // The popup reads the real database name.
  db = new RapportDb();
  await db.open();
  setDbForTests(db);
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  setDbForTests(null);
  // The popup's own connection (its modules were loaded afresh) closes for the delete, and Dexie says so.
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await db.delete();
  warn.mockRestore();
});

describe('weekly summary popup', () => {
  it('shows the week from its first read, then follows the database: a ticked action stays done', async () => {
    const today = format(new Date(), 'yyyy-MM-dd');
    await db.relationships.add(relationship('rel-kari'));
    await db.actions.add(action('rel-kari', today, { id: 'act-1', text: 'Send the reading list' }));
    await openPopup();
    const box = await screen.findByRole('checkbox', { name: 'Send the reading list' });
    expect((box as HTMLInputElement).checked).toBe(false);
    await userEvent.click(box);
    // The write goes through Dexie and the live query brings the ticked action back.
    await waitFor(() => expect((screen.getByRole('checkbox', { name: 'Send the reading list' }) as HTMLInputElement).checked).toBe(true));
    expect((await db.actions.get('act-1'))?.done).toBe(true);
  });

  it('shows a change made after its first read, once the live query has started', async () => {
    const today = format(new Date(), 'yyyy-MM-dd');
    await db.relationships.add(relationship('rel-kari'));
    await openPopup();
    await screen.findByTestId('total-sessions');
    await db.actions.add(action('rel-kari', today, { id: 'act-2', text: 'Book the next review' }));
    expect(await screen.findByRole('checkbox', { name: 'Book the next review' })).toBeTruthy();
  });

  it('says why when the database cannot be opened, instead of showing nothing', async () => {
    db.close();
    vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      throw new DOMException('IndexedDB is disabled in this profile', 'InvalidStateError');
    });
    await openPopup();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('IndexedDB is disabled in this profile');
  });

  it('says why when the summary cannot be computed from what is stored, instead of loading forever', async () => {
    await db.relationships.add(relationship('rel-kari'));
    vi.doMock('../../lib/summary/week', async (importOriginal) => ({
      ...(await importOriginal<typeof import('../../lib/summary/week')>()),
      computeWeekSummary: () => {
        throw new Error('a record the summary cannot read');
      },
    }));
    try {
      await openPopup();
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toContain('a record the summary cannot read');
    } finally {
      vi.doUnmock('../../lib/summary/week');
    }
  });
});
