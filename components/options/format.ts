import type { Language } from '../../lib/i18n';

const LOCALES: Record<Language, string> = { en: 'en-GB', nb: 'nb-NO' };

/** A day as people read it, e.g. "Tuesday 10 March 2026". */
export function longDate(date: Date | number, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/** A short day, e.g. "10 Mar 2026". */
export function shortDate(date: Date | number, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'medium' }).format(date);
}

export { fromDateOnly, toDateOnly } from '../../lib/schema/date-only';
