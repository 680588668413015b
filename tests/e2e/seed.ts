import type { Page } from '@playwright/test';
import { goalDigestOf, openActionOf, sessionDigestOf } from '../../lib/db/digests';
import type { Action, Goal, Session } from '../../lib/schema';

export type SeedData = Partial<Record<'relationships' | 'goals' | 'sessions' | 'notes' | 'actions' | 'drafts' | 'settings', object[]>>;

/**
 * Writes records straight into the extension's real IndexedDB ("rapport") from an extension
 * page, the way a previous run of the extension would have left them. The page must have opened
 * the database already (every Rapport page does on load). Records should be valid under
 * lib/schema — build them with the schemas' parse() in the test to be sure. Raw writes bypass
 * the Dexie middleware that keeps the digest tables in step, so the digests it would write are
 * written with them (lib/db/digests.ts).
 */
export async function seedDatabase(page: Page, data: SeedData): Promise<void> {
  const withDigests: Record<string, object[]> = { ...data };
  if (data.sessions) withDigests.sessionDigests = (data.sessions as Session[]).flatMap((s) => sessionDigestOf(s) ?? []);
  if (data.goals) withDigests.goalDigests = (data.goals as Goal[]).map(goalDigestOf);
  if (data.actions) withDigests.openActions = (data.actions as Action[]).flatMap((a) => openActionOf(a) ?? []);
  await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'rapport'));
  await page.evaluate(async (seed) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('rapport');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tables = Object.keys(seed);
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(tables, 'readwrite');
      for (const table of tables) for (const row of (seed as Record<string, object[]>)[table] ?? []) tx.objectStore(table).put(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, withDigests);
}

/** Reads every record of one table from the extension's IndexedDB. */
export async function readTable<T = Record<string, unknown>>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('rapport');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const req = db.transaction(name).objectStore(name).getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return rows as never;
  }, table);
}
