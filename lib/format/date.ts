import type { Language } from '../i18n/core';
import { fromDateOnly } from '../schema/date-only';

/**
 * The one date and time style of every surface: the chosen language's locale (British English,
 * Norwegian Bokmål), never the browser's region, and always a 24-hour clock, so one screen never
 * mixes "Wed, Dec 16" with "16 Dec" or "02:15 PM" with "14:15". No dependencies: the popup's
 * first view uses it.
 *
 *   en: day "Wed 16 Dec" · date "16 Dec 2026" · long "Wednesday 16 December 2026" · time "14:15"
 *   nb: day "ons. 16. des." · date "16. des. 2026" · long "onsdag 16. desember 2026" · time "14:15"
 */

const LOCALES: Record<Language, string> = { en: 'en-GB', nb: 'nb-NO' };

/** The locale dates and numbers are written in for a language. */
export function localeFor(language: Language): string {
  return LOCALES[language];
}

type Style = 'day' | 'date' | 'long' | 'time' | 'dateTime' | 'range';
const OPTIONS: Record<Style, Intl.DateTimeFormatOptions> = {
  day: { weekday: 'short', day: 'numeric', month: 'short' },
  date: { day: 'numeric', month: 'short', year: 'numeric' },
  long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  dateTime: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  range: { day: 'numeric', month: 'short', year: 'numeric' },
};

const cache = new Map<string, Intl.DateTimeFormat>();
/** One formatter per language and style: making one costs far more than using it. */
function formatter(language: Language, style: Style): Intl.DateTimeFormat {
  const key = `${language} ${style}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[language], OPTIONS[style]);
    cache.set(key, f);
  }
  return f;
}

/** A `YYYY-MM-DD` calendar day as a local Date at noon (no time zone shift at either end). */
function fromDay(date: string): Date {
  const day = fromDateOnly(date);
  day.setHours(12);
  return day;
}

/** "Wed 16 Dec": a day this week or next. */
export function formatDay(at: Date | number, language: Language): string {
  return formatter(language, 'day').format(at);
}

/** "16 Dec 2026". */
export function formatDate(at: Date | number, language: Language): string {
  return formatter(language, 'date').format(at);
}

/** "Wednesday 16 December 2026". */
export function formatLongDate(at: Date | number, language: Language): string {
  return formatter(language, 'long').format(at);
}

/** "14:15", always 24-hour. */
export function formatTime(at: Date | number, language: Language): string {
  return formatter(language, 'time').format(at);
}

/** "Wed 16 Dec 2026, 14:15". */
export function formatDateTime(at: Date | number, language: Language): string {
  return formatter(language, 'dateTime').format(at);
}

/** A stored `YYYY-MM-DD` day in one of the day styles. */
export function formatDateOnly(date: string, language: Language, style: 'day' | 'date' | 'long' = 'date'): string {
  return formatter(language, style).format(fromDay(date));
}

/** "23–29 Nov 2026". */
export function formatDateRange(from: Date, to: Date, language: Language): string {
  return formatter(language, 'range').formatRange(from, to);
}
