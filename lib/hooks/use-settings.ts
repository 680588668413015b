import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { getSettings } from '../db/settings';
import { createTranslator, resolveLanguage, type Language, type Translator } from '../i18n';
import { DEFAULT_SETTINGS, type Settings } from '../schema';

/** The settings, live; defaults until loaded. */
export function useSettings(): Settings {
  return useLiveQuery(getSettings, [], DEFAULT_SETTINGS);
}

/** The translator for the language the user chose (or the browser's). */
export function useT(): { t: Translator; language: Language } {
  const settings = useSettings();
  const language = resolveLanguage(settings.language, typeof navigator === 'undefined' ? ['en'] : navigator.languages);
  return useMemo(() => ({ t: createTranslator(language), language }), [language]);
}
