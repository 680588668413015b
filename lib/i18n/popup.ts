import { common as enCommon } from './en/common';
import { popup as enPopup } from './en/popup';
import { common as nbCommon } from './nb/common';
import { popup as nbPopup } from './nb/popup';
import { translatorFor, type Language, type StringTables, type Translator } from './core';

/** The surfaces the popup's first view shows; "Needs attention" (a lazy chunk) uses the full tables. */
export type PopupSurface = 'common' | 'popup';
export type PopupTranslator = Translator<PopupSurface>;

const POPUP_STRINGS: StringTables<PopupSurface> = {
  en: { common: enCommon, popup: enPopup },
  nb: { common: nbCommon, popup: nbPopup },
};

/** A translator for the popup, carrying only its own strings and the common ones. */
export function createPopupTranslator(language: Language): PopupTranslator {
  return translatorFor(language, POPUP_STRINGS);
}
