import { getISOWeek, getWeek } from 'date-fns';
import type { Language } from '../../lib/i18n';
import type { Week } from '../../lib/summary/week';

/** The locale dates are written in: the browser's own variant of the chosen language. */
export function localeFor(language: Language): string {
  const browserLocale = typeof navigator === 'undefined' ? 'en-GB' : navigator.language;
  if (language === 'nb') return 'nb-NO';
  return browserLocale.toLowerCase().startsWith('en') ? browserLocale : 'en-GB';
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per locale and style: making one costs far more than formatting with it, and the popup formats dozens of dates. */
function dateFormat(locale: string, style: 'range' | 'day'): Intl.DateTimeFormat {
  const key = `${style} ${locale}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      locale,
      style === 'range' ? { day: 'numeric', month: 'short', year: 'numeric' } : { weekday: 'short', day: 'numeric', month: 'short' },
    );
    formats.set(key, format);
  }
  return format;
}

/** "23–29 Nov 2026" in the reader's locale. */
export function weekRangeLabel(week: Week, locale: string): string {
  const lastDay = new Date(week.end.getTime() - 12 * 3_600_000);
  return dateFormat(locale, 'range').formatRange(week.start, lastDay);
}

/** Week number: ISO for weeks starting Monday, otherwise counted from the week holding 1 January. */
export function weekNumber(week: Week, weekStartsOn: 0 | 1 | 6): number {
  return weekStartsOn === 1 ? getISOWeek(week.start) : getWeek(week.start, { weekStartsOn, firstWeekContainsDate: 1 });
}

/** "Mon 30 Nov" in the reader's locale. */
export function dayLabel(at: number | Date, locale: string): string {
  return dateFormat(locale, 'day').format(at);
}

/** A YYYY-MM-DD date as "Mon 30 Nov", read as a local calendar day. */
export function dueLabel(date: string, locale: string): string {
  return dayLabel(new Date(`${date}T12:00:00`), locale);
}
