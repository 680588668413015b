import { describe, expect, it } from 'vitest';
import { saveSettings } from '../../lib/db/settings';
import { getSettings } from '../../lib/db/settings-read';
import { DEFAULT_SETTINGS } from '../../lib/schema';
import { useFreshDb } from './helpers';

describe('settings read without zod', () => {
  const { db } = useFreshDb();

  it('the defaults before anything is saved, then what was saved', async () => {
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    await saveSettings({ language: 'nb', weekStartsOn: 0 });
    expect(await getSettings()).toMatchObject({ language: 'nb', weekStartsOn: 0 });
  });

  it('stored settings that no longer parse give the defaults, not an error', async () => {
    await db().settings.put({ ...DEFAULT_SETTINGS, weekStartsOn: 3 as never });
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
  });
});
