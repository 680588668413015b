import { common as enCommon } from './en/common';
import { sidepanel as enSidepanel } from './en/sidepanel';
import { popup as enPopup } from './en/popup';
import { options as enOptions } from './en/options';
import { note as enNote } from './en/note';
import { common as nbCommon } from './nb/common';
import { sidepanel as nbSidepanel } from './nb/sidepanel';
import { popup as nbPopup } from './nb/popup';
import { options as nbOptions } from './nb/options';
import { note as nbNote } from './nb/note';
import type { Strings } from './types';

export type { Strings };
export type Language = 'en' | 'nb';
export type Surface = keyof Strings;

export const STRINGS: Record<Language, Strings> = {
  en: { common: enCommon, sidepanel: enSidepanel, popup: enPopup, options: enOptions, note: enNote },
  nb: { common: nbCommon, sidepanel: nbSidepanel, popup: nbPopup, options: nbOptions, note: nbNote },
};

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

export type Translator = <S extends Surface>(surface: S, key: keyof Strings[S] & string, vars?: Record<string, string | number>) => string;

/** A translator for one language; `{name}` placeholders are filled from `vars`. */
export function createTranslator(language: Language): Translator {
  return (surface, key, vars) => {
    const table = STRINGS[language][surface] as Record<string, string>;
    const fallback = STRINGS.en[surface] as Record<string, string>;
    const text = table[key] ?? fallback[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}
