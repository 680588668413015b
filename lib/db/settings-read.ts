import { getDb } from './database';
import { settingsFromStorage } from '../schema/settings-read';
import type { Settings } from '../schema';

/**
 * The settings, or the defaults when none were saved (or the stored ones no longer parse). Read
 * without zod (lib/schema/settings-read.ts) so the popup need not load it; writes still go
 * through SettingsSchema (lib/db/settings.ts).
 */
export async function getSettings(): Promise<Settings> {
  return settingsFromStorage((await getDb().settings.get('settings')) ?? { id: 'settings' });
}
