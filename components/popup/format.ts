import { getISOWeek, getWeek } from 'date-fns';
import type { Language } from '../../lib/i18n';
import { formatDateOnly, formatDateRange, formatDay, localeFor as sharedLocaleFor } from '../../lib/format/date';
import type { Week } from '../../lib/summary/week';

/** The locale dates are written in: the chosen language's (lib/format/date.ts), never the browser's region. */
export function localeFor(language: Language): string {
  return sharedLocaleFor(language);
}

/** The language of a locale made by localeFor. */
function languageOf(locale: string): Language {
  return locale === sharedLocaleFor('nb') ? 'nb' : 'en';
}

/** "23–29 Nov 2026" in the reader's language. */
export function weekRangeLabel(week: Week, locale: string): string {
  const lastDay = new Date(week.end.getTime() - 12 * 3_600_000);
  return formatDateRange(week.start, lastDay, languageOf(locale));
}

/** Week number: ISO for weeks starting Monday, otherwise counted from the week holding 1 January. */
export function weekNumber(week: Week, weekStartsOn: 0 | 1 | 6): number {
  return weekStartsOn === 1 ? getISOWeek(week.start) : getWeek(week.start, { weekStartsOn, firstWeekContainsDate: 1 });
}

/** "Mon 30 Nov" in the reader's language. */
export function dayLabel(at: number | Date, locale: string): string {
  return formatDay(at, languageOf(locale));
}

/** A YYYY-MM-DD date as "Mon 30 Nov", read as a local calendar day. */
export function dueLabel(date: string, locale: string): string {
  return formatDateOnly(date, languageOf(locale), 'day');
}
