import { getDb } from './database';
import { getSettings } from './settings-read';
import { validated } from './validate';
import { SettingsSchema, type Settings } from '../schema';

export { getSettings };

export async function saveSettings(changes: Partial<Omit<Settings, 'id'>>): Promise<Settings> {
  const db = getDb();
  return db.transaction('rw', db.settings, async () => {
    const current = await getSettings();
    const record = validated(SettingsSchema, 'settings', { ...current, ...changes, id: 'settings' });
    await db.settings.put(record);
    return record;
  });
}
