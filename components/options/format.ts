import type { Language } from '../../lib/i18n';
import { formatDate, formatLongDate } from '../../lib/format/date';

/** A day as people read it, e.g. "Tuesday 10 March 2026" (lib/format/date.ts). */
export function longDate(date: Date | number, language: Language): string {
  return formatLongDate(date, language);
}

/** A short day, e.g. "10 Mar 2026" (lib/format/date.ts). */
export function shortDate(date: Date | number, language: Language): string {
  return formatDate(date, language);
}

export { fromDateOnly, toDateOnly } from '../../lib/schema/date-only';
