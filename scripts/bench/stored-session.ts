import type { BrowserContext } from '@playwright/test';
import type { TalkStats } from '../../lib/schema/talk';

export type StoredSession = { talk: TalkStats | null; startedAt: number | null; endedAt: number | null };

/** Every stored session, read through an extension page (the live benchmarks' way to see what a user would keep). */
export async function readStoredSessions(context: BrowserContext, extensionId: string): Promise<StoredSession[]> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    return await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('rapport');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const sessions = await new Promise<{ talk: TalkStats | null; startedAt: number | null; endedAt: number | null }[]>((resolve) => {
        const req = db.transaction('sessions').objectStore('sessions').getAll();
        req.onsuccess = () => resolve(req.result as { talk: TalkStats | null; startedAt: number | null; endedAt: number | null }[]);
      });
      db.close();
      return sessions.map((s) => ({ talk: s.talk ?? null, startedAt: s.startedAt ?? null, endedAt: s.endedAt ?? null }));
    });
  } finally {
    await page.close();
  }
}
