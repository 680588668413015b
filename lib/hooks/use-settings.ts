import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { getSettings } from '../db/settings';
import { createTranslator, resolveLanguage, type Language, type Translator } from '../i18n';
import { DEFAULT_SETTINGS, type Settings } from '../schema';

/**
 * The settings this page read last. A component starts from them until its own live read
 * answers, so one mounted later (a relationship's sections, a field's error) never paints in
 * the browser's language first and then switches to the chosen one.
 */
let lastRead: Settings = DEFAULT_SETTINGS;

async function readSettings(): Promise<Settings> {
  lastRead = await getSettings();
  return lastRead;
}

/** Reads the settings before a page's first render (components/DbGate.tsx), so it paints in the chosen language. */
export async function primeSettings(): Promise<void> {
  await readSettings();
}

/** The settings, live; until loaded, the last read on this page (the defaults before any). */
export function useSettings(): Settings {
  return useLiveQuery(readSettings, [], lastRead);
}

/** The translator for the language the user chose (or the browser's). */
export function useT(): { t: Translator; language: Language } {
  const settings = useSettings();
  const language = resolveLanguage(settings.language, typeof navigator === 'undefined' ? ['en'] : navigator.languages);
  return useMemo(() => ({ t: createTranslator(language), language }), [language]);
}
