import { common as enCommon } from './en/common';
import { sidepanel as enSidepanel } from './en/sidepanel';
import { popup as enPopup } from './en/popup';
import { options as enOptions } from './en/options';
import { note as enNote } from './en/note';
import { form as enForm } from './en/form';
import { common as nbCommon } from './nb/common';
import { sidepanel as nbSidepanel } from './nb/sidepanel';
import { popup as nbPopup } from './nb/popup';
import { options as nbOptions } from './nb/options';
import { note as nbNote } from './nb/note';
import { form as nbForm } from './nb/form';
import { translatorFor, type Language, type Strings, type Translator } from './core';

export { resolveLanguage, translatorFor } from './core';
export type { Language, StringTables, Strings, Surface, Translator } from './core';

export const STRINGS: Record<Language, Strings> = {
  en: { common: enCommon, sidepanel: enSidepanel, popup: enPopup, options: enOptions, note: enNote, form: enForm },
  nb: { common: nbCommon, sidepanel: nbSidepanel, popup: nbPopup, options: nbOptions, note: nbNote, form: nbForm },
};

/** A translator for one language over every surface's strings. */
export function createTranslator(language: Language): Translator {
  return translatorFor(language, STRINGS);
}
