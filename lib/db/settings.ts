import { getDb } from './database';
import { validated } from './validate';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../schema';

/** The settings, or the defaults when none were saved (or the stored ones no longer parse). */
export async function getSettings(): Promise<Settings> {
  const stored = await getDb().settings.get('settings');
  const parsed = SettingsSchema.safeParse(stored ?? { id: 'settings' });
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function saveSettings(changes: Partial<Omit<Settings, 'id'>>): Promise<Settings> {
  const db = getDb();
  return db.transaction('rw', db.settings, async () => {
    const current = await getSettings();
    const record = validated(SettingsSchema, 'settings', { ...current, ...changes, id: 'settings' });
    await db.settings.put(record);
    return record;
  });
}
