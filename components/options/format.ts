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

/** A `YYYY-MM-DD` date as a local day (no time zone shift). */
export function fromDateOnly(date: string): Date {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(y, m - 1, d);
}

/** A local day as `YYYY-MM-DD`. */
export function toDateOnly(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
