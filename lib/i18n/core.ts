import type { Strings } from './types';

/**
 * The translator itself, apart from the string tables, so a page can load only the tables it
 * shows: the popup's first view carries the common and popup tables (lib/i18n/popup.ts), not
 * every surface's (lib/i18n/index.ts).
 */

export type { Strings };
export type Language = 'en' | 'nb';
export type Surface = keyof Strings;

/** String tables of some surfaces, per language. */
export type StringTables<S extends Surface> = Record<Language, Pick<Strings, S>>;

/** Picks the language: the user's override, else the browser's (Norwegian variants → nb), else English. */
export function resolveLanguage(setting: 'auto' | Language, browserLanguages: readonly string[]): Language {
  if (setting !== 'auto') return setting;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'nb' || base === 'no' || base === 'nn') return 'nb';
    if (base === 'en') return 'en';
  }
  return 'en';
}

/** Text for `key` of one of the surfaces `S`; `{name}` placeholders are filled from `vars`. */
export type Translator<S extends Surface = Surface> = <T extends S>(
  surface: T,
  key: keyof Strings[T] & string,
  vars?: Record<string, string | number>,
) => string;

/** A translator for one language over `tables`: a key missing in the language falls back to English, then to the key. */
export function translatorFor<S extends Surface>(language: Language, tables: StringTables<S>): Translator<S> {
  return (surface, key, vars) => {
    const table = tables[language][surface] as Record<string, string>;
    const fallback = tables.en[surface] as Record<string, string>;
    const text = table[key] ?? fallback[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}
